"""Segments ⇄ gettext PO/MO catalogs: the only module that imports polib.

One PO entry per segment, in article order: ``msgctxt`` is the segment's stable key,
``msgid`` its source text, ``msgstr`` the translation, ``#.`` where it sits
(``body p3 s2``, ``title``). States map as follows:

* EMPTY ⇄ empty ``msgstr``;
* NEEDS_EDIT ⇄ ``#, fuzzy``;
* TRANSLATED ⇄ a plain translated entry;
* APPROVED ⇄ a translated entry with two *translator comments*::

      # approved-by: Kim Min-ji
      # approved-text: sha256:3a7bd3e2360a3d29

PO has no "approved" state. Translator comments (``# ...``) are free text that
``msgfmt -c --check-format`` ignores and that msgmerge and PO editors keep with their
entry, so that is where approval lives; flags (``#,``) are meant for tools and a
made-up one is not ours to define. ``approved-text`` is the first 16 hex digits of the
SHA-256 of the approved ``msgstr``: approval is bound to the text, so an entry whose
``msgstr`` was edited after export reads back as TRANSLATED, not APPROVED, even if the
comment survived. ``fuzzy`` wins over the marker and an empty ``msgstr`` wins over both.

Catalogs are written with polib, never Babel's PO writer (it adds ``python-format``
flags that make ``msgfmt -c`` fail on sources with ``%``), with ``wrapwidth=0``. The
output depends only on the input: dates come from the article and its translations,
never from the clock. ``msgfmt -c`` insists that ``msgid`` and ``msgstr`` both begin
(and both end) with a newline or both not, so a translation's leading/trailing
newlines are made to match the source's.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from workflow.errors import BadInput
from workflow.locales import language_name, parse_locale, plural_forms
from workflow.model import Entry, LocalizedArticle
from workflow.states import SegmentState

DEFAULT_GENERATOR = "transdesk 0.1.0"

APPROVED_BY = "approved-by:"
APPROVED_TEXT = "approved-text: sha256:"

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


@dataclass(frozen=True)
class CatalogEntry:
    """One entry read back from a PO file: a segment key, its texts and its state.

    ``approver`` is the name in the approval marker when the state is APPROVED;
    ``line`` is where the entry sits in the file (for messages, not compared).
    """

    key: str
    source: str
    target: str
    state: SegmentState
    approver: str | None = None
    line: int | None = field(default=None, compare=False)


def build_catalog(
    la: LocalizedArticle,
    *,
    generator: str = DEFAULT_GENERATOR,
    language_team: str | None = None,
) -> polib.POFile:
    """The PO catalog of ``la``: header from the article and Babel, one entry per segment.

    Raises :class:`~workflow.errors.UnknownLocale` for a target locale Babel does not
    know and :class:`~workflow.errors.BadInput` when two segments share a key.
    """
    locale = parse_locale(la.locale)
    po = polib.POFile(wrapwidth=0, encoding="utf-8")
    po.header = (
        f"Translation of article {la.article.slug} ({la.article.locale} → {locale}),"
        f" revision {la.revision}."
    )
    po.metadata = _header(la, locale, generator, language_team)
    seen: set[str] = set()
    for entry in la.entries:
        key = entry.segment.key
        if key in seen:
            raise BadInput(f"two segments share the key {key!r}", field="key")
        seen.add(key)
        po.append(_po_entry(entry))
    return po


def catalog_bytes(la: LocalizedArticle, *, generator: str = DEFAULT_GENERATOR) -> bytes:
    """The PO text of :func:`build_catalog`, UTF-8; byte-identical for the same input."""
    return _po_text(build_catalog(la, generator=generator)).encode("utf-8")


def mo_bytes(la: LocalizedArticle, *, generator: str = DEFAULT_GENERATOR) -> bytes:
    """The compiled MO catalog: translated and approved entries, as ``msgfmt`` keeps them.

    Like msgfmt, fuzzy (NEEDS_EDIT) and empty entries are left out.
    """
    data: bytes = build_catalog(la, generator=generator).to_binary()
    return data


def read_catalog(data: bytes, *, source: str) -> list[CatalogEntry]:
    """Parse PO bytes back into entries in file order; ``source`` names the file in errors.

    Raises :class:`~workflow.errors.BadInput` (with the line when known) for text that
    is not a PO file, plural entries, entries without a ``msgctxt`` and duplicate keys.
    """
    po = _parse(data, source)
    out: list[CatalogEntry] = []
    seen: set[str] = set()
    for e in po:
        if e.obsolete:
            continue
        line = _entry_line(e, data)
        if e.msgid_plural:
            raise BadInput("plural entries are not supported", source=source, line=line)
        if not e.msgctxt:
            raise BadInput(
                f"entry {e.msgid[:40]!r} has no msgctxt (segment key)", source=source, line=line
            )
        if e.msgctxt in seen:
            raise BadInput(f"duplicate segment key {e.msgctxt!r}", source=source, line=line)
        seen.add(e.msgctxt)
        state, approver = _state_of(e.msgstr, "fuzzy" in e.flags, e.tcomment or "")
        out.append(
            CatalogEntry(
                key=e.msgctxt,
                source=e.msgid,
                target=e.msgstr,
                state=state,
                approver=approver,
                line=line,
            )
        )
    return out


def approval_digest(text: str) -> str:
    """The text fingerprint written after ``approved-text: sha256:``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- writing ---------------------------------------------------------------------------


def _header(
    la: LocalizedArticle, locale: str, generator: str, language_team: str | None
) -> dict[str, str]:
    created = la.article.created_at
    latest = _latest_change(la.entries)
    revised = latest.translation.updated_at if latest and latest.translation.updated_at else None
    translator = _one_line(latest.translation.updated_by or "") if latest else ""
    team = language_team if language_team is not None else f"{language_name(locale)} desk"
    return {
        "Project-Id-Version": la.article.slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": _po_date(created),
        "PO-Revision-Date": _po_date(revised or created),
        "Last-Translator": translator,
        "Language-Team": _one_line(team),
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
        "X-Generator": _one_line(generator),
    }


def _latest_change(entries: tuple[Entry, ...]) -> Entry | None:
    """The entry changed last; on a tie the later one in article order."""
    best: Entry | None = None
    best_at: datetime | None = None
    for e in entries:
        at = e.translation.updated_at
        if at is None:
            continue
        at = _aware(at)
        if best_at is None or at >= best_at:
            best, best_at = e, at
    return best


def _po_entry(entry: Entry) -> polib.POEntry:
    seg, tr = entry.segment, entry.translation
    msgstr = "" if tr.state is SegmentState.EMPTY else _match_newlines(seg.source, tr.text)
    flags = ["fuzzy"] if tr.state is SegmentState.NEEDS_EDIT else []
    tcomment = ""
    if tr.state is SegmentState.APPROVED and msgstr:
        tcomment = (
            f"{APPROVED_BY} {_one_line(tr.approved_by or '')}".rstrip()
            + f"\n{APPROVED_TEXT}{approval_digest(msgstr)}"
        )
    return polib.POEntry(
        msgctxt=seg.key,
        msgid=seg.source,
        msgstr=msgstr,
        comment=seg.where,
        tcomment=tcomment,
        flags=flags,
    )


def _po_text(po: polib.POFile) -> str:
    text: str = po.__unicode__()
    return text if text.endswith("\n") else text + "\n"


def _match_newlines(source: str, text: str) -> str:
    """Give ``text`` a leading/trailing newline exactly when ``source`` has one."""
    if not text:
        return text
    core = text.strip("\n")
    if not core:
        return ""  # only newlines: nothing msgfmt would accept against this msgid
    lead = "\n" if source.startswith("\n") else ""
    trail = "\n" if source.endswith("\n") else ""
    # Keep the translator's own run of newlines when the source also has one.
    if lead and text.startswith("\n"):
        lead = text[: len(text) - len(text.lstrip("\n"))]
    if trail and text.endswith("\n"):
        trail = text[len(text.rstrip("\n")) :]
    return lead + core + trail


def _po_date(dt: datetime) -> str:
    return _aware(dt).strftime("%Y-%m-%d %H:%M%z")


def _aware(dt: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the model promises aware ones)."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- reading ---------------------------------------------------------------------------


def _parse(data: bytes, source: str) -> polib.POFile:
    if not isinstance(data, bytes | bytearray):
        raise BadInput("a PO catalog must be given as bytes", source=source)
    if not data.strip():
        raise BadInput("empty file, not a PO catalog", source=source)
    # polib treats a string argument that names an existing file as that file's path,
    # so uploaded content always goes through a private temporary file instead.
    with tempfile.TemporaryDirectory(prefix="transdesk-po-") as tmp:
        path = Path(tmp) / "upload.po"
        path.write_bytes(bytes(data))
        try:
            return polib.pofile(str(path), wrapwidth=0)
        except UnicodeDecodeError as exc:
            raise BadInput(
                f"cannot decode the file as {exc.encoding}: {exc.reason}", source=source
            ) from None
        except (OSError, ValueError, LookupError) as exc:
            message = str(exc).replace(str(path) + " ", "").replace(str(path), "")
            match = _SYNTAX_LINE.search(message)
            if match:
                detail = match.group(2) or "not valid PO syntax"
                raise BadInput(detail, source=source, line=int(match.group(1))) from None
            raise BadInput(f"not a PO catalog: {message}", source=source) from None


def _entry_line(e: polib.POEntry, data: bytes) -> int | None:
    """Where ``e`` starts; polib says 0 for a first entry with no header before it."""
    if isinstance(e.linenum, int) and e.linenum > 0:
        return e.linenum
    for number, line in enumerate(bytes(data).splitlines(), start=1):
        if line.strip():
            return number
    return None


def _state_of(msgstr: str, fuzzy: bool, tcomment: str) -> tuple[SegmentState, str | None]:
    if not msgstr:
        return SegmentState.EMPTY, None
    if fuzzy:
        return SegmentState.NEEDS_EDIT, None
    approver: str | None = None
    digest: str | None = None
    for raw in tcomment.splitlines():
        line = raw.strip()
        if line.startswith(APPROVED_BY):
            approver = line[len(APPROVED_BY) :].strip()
        elif line.startswith(APPROVED_TEXT):
            digest = line[len(APPROVED_TEXT) :].strip()
    if approver is not None and digest == approval_digest(msgstr):
        return SegmentState.APPROVED, approver or None
    return SegmentState.TRANSLATED, None
