"""The term base as CSV: one term per row, ``forbidden`` variants separated by ``|``.

Header: ``source,target,source_lang,target_lang,note,pos,forbidden``; only ``source`` and
``target`` are required, the languages default to ``ko`` and ``en``. A UTF-8 byte order
mark (as Excel writes) is accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from workflow.errors import BadInput
from workflow.glossary.terms import Term

__all__ = ["TERM_COLUMNS", "read_terms_csv", "terms_csv_bytes"]

TERM_COLUMNS = ("source", "target", "source_lang", "target_lang", "note", "pos", "forbidden")
_REQUIRED = ("source", "target")
_SEPARATOR = "|"


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise BadInput("not UTF-8 text", source=source, line=line) from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(_SEPARATOR) if v.strip())


def read_terms_csv(data: bytes, *, source: str) -> list[Term]:
    """Terms from CSV bytes; ``source`` names the file in errors.

    Raises :class:`BadInput` for text that is not UTF-8, a missing or unknown column, a row
    with too many fields, an empty source or target, a forbidden variant equal to the
    target, and a term given twice for the same language pair (with the line of the first).
    """
    reader = csv.reader(io.StringIO(_decode(data, source), newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if not any(header):
        raise BadInput("empty file; expected a header row", source=source, line=1)
    for name in header:
        if name not in TERM_COLUMNS:
            known = ", ".join(TERM_COLUMNS)
            raise BadInput(f"unknown column; known: {known}", source=source, line=1, field=name)
    for name in _REQUIRED:
        if name not in header:
            raise BadInput("missing required column", source=source, line=1, field=name)
    terms: list[Term] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise BadInput(
                f"{len(row)} fields, the header has {len(header)}", source=source, line=line
            )
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        term = _term(cells, source, line)
        key = (term.source.lower(), term.source_lang, term.target_lang)
        if key in seen:
            raise BadInput(
                f"duplicate term {term.source!r} (first on line {seen[key]})",
                source=source,
                line=line,
                field="source",
            )
        seen[key] = line
        terms.append(term)
    return terms


def _term(cells: dict[str, str], source: str, line: int) -> Term:
    for name in _REQUIRED:
        if not cells.get(name):
            raise BadInput("empty value", source=source, line=line, field=name)
    forbidden = _split(cells.get("forbidden", ""))
    target = cells["target"]
    for variant in forbidden:
        if variant.lower() == target.lower():
            raise BadInput(
                f"forbidden variant {variant!r} is the target itself",
                source=source,
                line=line,
                field="forbidden",
            )
    return Term(
        source=" ".join(cells["source"].split()),
        target=target,
        source_lang=cells.get("source_lang") or "ko",
        target_lang=cells.get("target_lang") or "en",
        note=cells.get("note") or None,
        pos=cells.get("pos") or None,
        forbidden=forbidden,
    )


def terms_csv_bytes(terms: Iterable[Term]) -> bytes:
    """Terms as UTF-8 CSV with the full header, in the order given; same terms, same bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TERM_COLUMNS)
    for t in terms:
        forbidden = _SEPARATOR.join(t.forbidden)
        writer.writerow(
            [t.source, t.target, t.source_lang, t.target_lang, t.note or "", t.pos or "", forbidden]
        )
    return out.getvalue().encode("utf-8")
