"""The term base as CSV: one term per row, ``forbidden`` variants separated by ``|``.

Header: ``source,target,source_lang,target_lang,note,pos,forbidden``; only ``source`` and
``target`` are required, the languages default to ``ko`` and ``en``. A UTF-8 byte order
mark (as Excel writes) is accepted.

No cell is written as a spreadsheet formula: a cell starting with ``= + - @``, a tab or a
carriage return — after any ``'`` — gets a ``'`` in front (OWASP's advice against CSV
injection: ``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)`` stay text in Excel and LibreOffice),
and reading takes exactly one such ``'`` away again, so an export imports as the same
terms. A ``'`` before anything else (``'tis``) is text and kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from workflow.errors import BadInput
from workflow.glossary.terms import Term, checked_term
from workflow.text.decoding import check_size, check_utf8
from workflow.text.locales import parse_locale

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_POS_CHARS",
    "TERM_COLUMNS",
    "neutralise",
    "read_terms_csv",
    "terms_csv_bytes",
    "unneutralise",
]

TERM_COLUMNS = ("source", "target", "source_lang", "target_lang", "note", "pos", "forbidden")
#: The largest CSV file read unless told otherwise (as for TBX).
DEFAULT_MAX_BYTES = 20_000_000
#: The longest part of speech the term base stores (``terms.pos``).
MAX_POS_CHARS = 40
_REQUIRED = ("source", "target")
_SEPARATOR = "|"
#: A cell a spreadsheet would evaluate, behind any number of protecting quotes.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """``cell`` with a ``'`` in front when a spreadsheet would read it as a formula."""
    return f"'{cell}" if _FORMULA.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The inverse of :func:`neutralise` for cells it wrote (one ``'`` taken away)."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(_SEPARATOR) if v.strip())


def read_terms_csv(data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Term]:
    """Terms from CSV bytes; ``source`` names the file in errors.

    Raises :class:`BadInput` for a file over ``max_bytes``, text that is not UTF-8, a
    missing or unknown column, a row with too many fields, a field over the csv module's
    limit (128 KiB), an empty source or target, an unknown language, a part of speech over
    ``MAX_POS_CHARS``, a forbidden variant equal to the target, a control character or a
    text over ``MAX_TEXT`` (``workflow.text.clean``), and a term given twice for the same
    language pair (with the line of the first).
    """
    check_size(data, source=source, max_bytes=max_bytes)
    reader = csv.reader(io.StringIO(check_utf8(data, source=source), newline=""))
    try:
        return _read(reader, source)
    except csv.Error as e:  # a field over csv.field_size_limit()
        line = max(reader.line_num, 1)
        raise BadInput("not readable as CSV: %(e)s", e=e, source=source, line=line) from None


def _read(reader: Iterator[list[str]], source: str) -> list[Term]:
    header = [h.strip().lower() for h in next(reader, [])]
    if not any(header):
        raise BadInput("empty file; expected a header row", source=source, line=1)
    for name in header:
        if name not in TERM_COLUMNS:
            known = ", ".join(TERM_COLUMNS)
            raise BadInput(
                "unknown column; known: %(known)s", known=known, source=source, line=1, field=name
            )
    for name in _REQUIRED:
        if name not in header:
            raise BadInput("missing required column", source=source, line=1, field=name)
    terms: list[Term] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in reader:
        line = reader.line_num  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise BadInput(
                "%(n_row)s fields, the header has %(n_header)s",
                n_row=len(row),
                n_header=len(header),
                source=source,
                line=line,
            )
        cells = dict(zip(header, (unneutralise(c.strip()) for c in row), strict=False))
        term = _term(cells, source, line)
        key = (term.source.lower(), term.source_lang, term.target_lang)
        if key in seen:
            raise BadInput(
                "duplicate term %(src)r (first on line %(first)s)",
                src=term.source,
                first=seen[key],
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
                "forbidden variant %(variant)r is the target itself",
                variant=variant,
                source=source,
                line=line,
                field="forbidden",
            )
    pos = cells.get("pos") or None
    if pos is not None and len(pos) > MAX_POS_CHARS:
        raise BadInput(
            "part of speech longer than %(MAX_POS_CHARS)s characters",
            MAX_POS_CHARS=MAX_POS_CHARS,
            source=source,
            line=line,
            field="pos",
        )
    term = Term(
        source=" ".join(cells["source"].split()),
        target=target,
        source_lang=_language(cells, "source_lang", "ko", source, line),
        target_lang=_language(cells, "target_lang", "en", source, line),
        note=cells.get("note") or None,
        pos=pos,
        forbidden=forbidden,
    )
    return checked_term(term, source=source, line=line)


def _language(cells: dict[str, str], name: str, default: str, source: str, line: int) -> str:
    """A language column's canonical code (as ``add_term`` stores it); BadInput when unknown."""
    try:
        return parse_locale(cells.get(name) or default)
    except BadInput as e:
        raise BadInput(e.text, source=source, line=line, field=name) from None


def terms_csv_bytes(terms: Iterable[Term]) -> bytes:
    """Terms as UTF-8 CSV with the full header, in the order given; same terms, same bytes.

    Cells that would start a formula are neutralised (see the module docstring).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # The csv module quotes a cell only for the characters of the line terminator, so a
    # bare carriage return would end the row: such rows are written fully quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(TERM_COLUMNS)
    for t in terms:
        forbidden = _SEPARATOR.join(t.forbidden)
        row = [
            t.source,
            t.target,
            t.source_lang,
            t.target_lang,
            t.note or "",
            t.pos or "",
            forbidden,
        ]
        cells = [neutralise(cell) for cell in row]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return out.getvalue().encode("utf-8")
