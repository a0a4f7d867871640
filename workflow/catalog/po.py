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

What a three-way merge of an upload needs travels in the file: the header
``X-Transdesk-Revision`` names the article × locale revision the file was taken from,
and every entry carries the translator comment ``# base-version: 7`` (the version of
the translation it shows), so the server can fetch the *base* text from its history.
An entry whose source was corrected and that waits for an edit (NEEDS_EDIT) carries the
source it was translated from as ``#| msgid``, as msgmerge writes it; segments removed
from the original follow the live entries as obsolete ``#~`` entries. Neither fuzzy nor
obsolete entries reach the MO file.

:func:`read_upload` reads a file sent back (by Poedit or any PO editor) with every check
an upload needs; :func:`read_catalog` is the lenient reader of our own files.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from workflow.errors import BadInput
from workflow.model import Entry, LocalizedArticle
from workflow.states import SegmentState
from workflow.text.clean import clean_text
from workflow.text.locales import language_name, parse_locale, plural_forms

DEFAULT_GENERATOR = "transdesk 0.1.0"

APPROVED_BY = "approved-by:"
APPROVED_TEXT = "approved-text: sha256:"
BASE_VERSION = "base-version:"
REVISION_HEADER = "X-Transdesk-Revision"

#: The largest upload :func:`read_upload` accepts unless told otherwise (5 MB).
MAX_UPLOAD_BYTES = 5_000_000

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
# One PO line: a keyword and a string, or a continuation string. Escapes are the ones
# polib reads back (it would keep any other one as two characters).
_PO_STRING = r'"(?:[^"\\]|\\[ntr"\\])*"'
_PO_LINE = re.compile(
    rf"(?:(msgctxt|msgid|msgid_plural|msgstr|msgstr\[[0-9]+\])[ \t]+)?({_PO_STRING})[ \t]*"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NUMBER = re.compile(r"[0-9]{1,15}")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogEntry:
    """One entry read back from a PO file: a segment key, its texts and its state.

    ``approver`` is the name in the approval marker when the state is APPROVED;
    ``base_version`` the translation version the file was exported with (None when the
    entry does not say, e.g. a file made by another tool); ``line`` is where the entry
    sits in the file (for messages, not compared).
    """

    key: str
    source: str
    target: str
    state: SegmentState
    approver: str | None = None
    base_version: int | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Upload:
    """A catalog sent back for merging: what it was taken from and its live entries.

    ``revision`` is the article × locale revision of the download (None when the file
    does not say); ``format`` is ``po``, ``xliff2`` or ``xliff12``; ``article`` the
    article slug the file names (PO ``Project-Id-Version``, XLIFF file id), if any.
    """

    revision: int | None
    entries: tuple[CatalogEntry, ...]
    format: str
    article: str | None = None


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
    for entry in la.obsolete:
        if entry.segment.key in seen:
            continue  # a live segment wins; the removed one has nothing left to say
        seen.add(entry.segment.key)
        po.append(_obsolete_entry(entry))
    return po


def catalog_bytes(la: LocalizedArticle, *, generator: str = DEFAULT_GENERATOR) -> bytes:
    """The PO text of :func:`build_catalog`, UTF-8; byte-identical for the same input."""
    return _po_text(build_catalog(la, generator=generator)).encode("utf-8")


def mo_bytes(la: LocalizedArticle, *, generator: str = DEFAULT_GENERATOR) -> bytes:
    """The compiled MO catalog: translated and approved entries, as ``msgfmt`` keeps them.

    Like msgfmt, fuzzy (NEEDS_EDIT), empty and obsolete entries are left out.
    """
    data: bytes = build_catalog(la, generator=generator).to_binary()
    return data


def read_catalog(data: bytes, *, source: str) -> list[CatalogEntry]:
    """Parse PO bytes back into entries in file order; ``source`` names the file in errors.

    The lenient reader: no header checks (see :func:`read_upload` for uploads). Raises
    :class:`~workflow.errors.BadInput` (with the line when known) for text that is not a
    PO file, plural entries, entries without a ``msgctxt`` and duplicate keys.
    """
    return list(_entries(_parse(data, source), data, source))


def read_upload(
    data: bytes, *, source: str, locale: str, max_bytes: int = MAX_UPLOAD_BYTES
) -> Upload:
    """Read a PO file sent back for merging into the ``locale`` translation.

    Everything is checked before anything is returned, so a bad file applies nothing.
    Raises :class:`~workflow.errors.BadInput` naming ``source`` and, when there is one,
    the line, for: a file larger than ``max_bytes``; bytes that are not UTF-8 (with the
    byte offset) or a declared charset other than UTF-8; PO syntax errors; a missing
    ``Language`` or one that is not ``locale``; a ``Plural-Forms`` that is not Babel's for
    ``locale`` (compared without whitespace); a malformed ``X-Transdesk-Revision`` or
    ``# base-version:``; entries without ``msgctxt``, plural entries and duplicate keys.
    Obsolete (``#~``) entries are ignored.
    """
    check_size(data, source=source, max_bytes=max_bytes)
    text = check_utf8(data, source=source)
    po = _parse(data, source)
    header = dict(po.metadata)
    lines = text.splitlines()
    target = parse_locale(locale)

    charset = _CHARSET.search(header.get("Content-Type", ""))
    if charset and charset.group(1).strip("\"'").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise BadInput(
            f"the file declares charset {charset.group(1)!r}; uploads must be UTF-8",
            source=source,
            line=_header_line(lines, "Content-Type"),
            field="Content-Type",
        )
    language = header.get("Language", "").strip()
    if not language:
        raise BadInput(
            f"the header has no Language; expected {target!r}",
            source=source,
            line=_header_line(lines, None),
            field="Language",
        )
    try:
        declared = parse_locale(language)
    except BadInput:
        declared = None
    if declared != target:
        raise BadInput(
            f"the file is for language {language!r}, not {target!r}",
            source=source,
            line=_header_line(lines, "Language"),
            field="Language",
        )
    plural = header.get("Plural-Forms")
    if plural is not None and _squash(plural) != _squash(plural_forms(target)):
        raise BadInput(
            f"Plural-Forms {plural.strip()!r} is not {plural_forms(target)!r}"
            f" (CLDR, for {target!r})",
            source=source,
            line=_header_line(lines, "Plural-Forms"),
            field="Plural-Forms",
        )
    revision: int | None = None
    raw_revision = header.get(REVISION_HEADER)
    if raw_revision is not None:
        if not _NUMBER.fullmatch(raw_revision.strip()):
            raise BadInput(
                f"{REVISION_HEADER} {raw_revision!r} is not a revision number",
                source=source,
                line=_header_line(lines, REVISION_HEADER),
                field=REVISION_HEADER,
            )
        revision = int(raw_revision.strip())
    article = header.get("Project-Id-Version", "").strip() or None
    return Upload(
        revision=revision,
        entries=tuple(_entries(po, data, source)),
        format="po",
        article=article,
    )


def check_size(data: bytes, *, source: str, max_bytes: int) -> None:
    """Refuse anything but bytes, and more than ``max_bytes`` of them."""
    if not isinstance(data, bytes | bytearray):
        raise BadInput("a catalog must be given as bytes", source=source)
    if len(data) > max_bytes:
        raise BadInput(
            f"the file is too large: {len(data):,} bytes, the limit is {max_bytes:,}",
            source=source,
        )


def check_utf8(data: bytes, *, source: str) -> str:
    """``data`` decoded as UTF-8 (a leading BOM dropped); else BadInput with line and offset."""
    try:
        return bytes(data).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = bytes(data).count(b"\n", 0, exc.start) + 1
        raise BadInput(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            source=source,
            line=line,
        ) from None


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
        REVISION_HEADER: str(la.revision),
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
    comments = [f"{BASE_VERSION} {tr.version}"]
    if tr.state is SegmentState.APPROVED and msgstr:
        comments.append(f"{APPROVED_BY} {_one_line(tr.approved_by or '')}".rstrip())
        comments.append(f"{APPROVED_TEXT}{approval_digest(msgstr)}")
    previous = seg.previous_source
    return polib.POEntry(
        msgctxt=seg.key,
        msgid=seg.source,
        msgstr=msgstr,
        comment=seg.where,
        tcomment="\n".join(comments),
        flags=flags,
        previous_msgid=previous if previous and tr.state is SegmentState.NEEDS_EDIT else None,
    )


def _obsolete_entry(entry: Entry) -> polib.POEntry:
    seg, tr = entry.segment, entry.translation
    msgstr = "" if tr.state is SegmentState.EMPTY else _match_newlines(seg.source, tr.text)
    return polib.POEntry(msgctxt=seg.key, msgid=seg.source, msgstr=msgstr, obsolete=True)


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
    try:
        text = bytes(data).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        text = None  # reported with its offset below
    if text is not None:
        _check_syntax(text, source)
    # polib treats a string argument that names an existing file as that file's path,
    # so uploaded content always goes through a private temporary file instead.
    with tempfile.TemporaryDirectory(prefix="transdesk-po-") as tmp:
        path = Path(tmp) / "upload.po"
        # A BOM (some Windows editors write one) would read as part of the first line.
        path.write_bytes(bytes(data).removeprefix(b"\xef\xbb\xbf"))
        try:
            # UTF-8 always: polib would otherwise decode by the declared charset.
            return polib.pofile(str(path), wrapwidth=0, encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = bytes(data).count(b"\n", 0, exc.start) + 1
            raise BadInput(
                f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
                source=source,
                line=line,
            ) from None
        except (OSError, ValueError, LookupError) as exc:
            message = str(exc).replace(str(path) + " ", "").replace(str(path), "")
            match = _SYNTAX_LINE.search(message)
            if match:
                detail = match.group(2) or "not valid PO syntax"
                raise BadInput(detail, source=source, line=int(match.group(1))) from None
            raise BadInput(f"not a PO catalog: {message}", source=source) from None


def _check_syntax(text: str, source: str) -> None:
    """Refuse what polib would silently misread (an unterminated string drops entries).

    Lexical: every line is blank, a comment, or a keyword and/or one complete string.
    Order: ``[msgctxt] msgid [msgid_plural] msgstr…``; continuation strings follow a
    keyword.
    """
    previous: str | None = None  # the last keyword of the entry being read
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _PO_LINE.fullmatch(line)
        if match is None:
            if line.startswith(("msg", '"')) and line.count('"') >= 2:
                detail = "unescaped double quote, bad escape or text after the string"
            elif line.startswith(("msg", '"')):
                detail = "unterminated string"
            else:
                detail = "not valid PO syntax"
            if detail != "not valid PO syntax":
                detail = f"not valid PO syntax: {detail}"
            raise BadInput(detail, source=source, line=number)
        keyword = match.group(1)
        if keyword is None:
            if previous is None:
                raise BadInput(
                    "not valid PO syntax: a string without a keyword", source=source, line=number
                )
            continue
        kind = "msgstr[]" if keyword.startswith("msgstr[") else keyword
        allowed = {
            "msgctxt": (None, "msgstr", "msgstr[]"),
            "msgid": (None, "msgctxt", "msgstr", "msgstr[]"),
            "msgid_plural": ("msgid",),
            "msgstr": ("msgid",),
            "msgstr[]": ("msgid_plural", "msgstr[]"),
        }[kind]
        if previous not in allowed:
            raise BadInput(
                f"not valid PO syntax: {keyword} after {previous or 'nothing'}",
                source=source,
                line=number,
            )
        previous = kind
    if previous not in (None, "msgstr", "msgstr[]"):
        raise BadInput(
            f"not valid PO syntax: the file ends after {previous}, without msgstr", source=source
        )


def _entries(po: Iterable[polib.POEntry], data: bytes, source: str) -> list[CatalogEntry]:
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
        tcomment = e.tcomment or ""
        state, approver = _state_of(e.msgstr, "fuzzy" in e.flags, tcomment)
        target = clean_text(
            e.msgstr, field="msgstr", source=source, line=line, what=f"entry {e.msgctxt!r}"
        )
        out.append(
            CatalogEntry(
                key=e.msgctxt,
                source=e.msgid,
                target=target,
                state=state,
                approver=approver,
                base_version=_base_version(tcomment, source=source, line=line),
                line=line,
            )
        )
    return out


def _base_version(tcomment: str, *, source: str, line: int | None) -> int | None:
    for raw in tcomment.splitlines():
        text = raw.strip()
        if text.startswith(BASE_VERSION):
            value = text[len(BASE_VERSION) :].strip()
            if not _NUMBER.fullmatch(value):
                raise BadInput(
                    f"{BASE_VERSION} {value!r} is not a version number",
                    source=source,
                    line=line,
                    field="base-version",
                )
            return int(value)
    return None


def _header_line(lines: list[str], name: str | None) -> int:
    """The line of header field ``name`` (of the header's ``msgstr`` when None, or 1)."""
    needle = f'"{name}:' if name else 'msgstr ""'
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(needle):
            return number
        if not name and line.strip() == "" and number > 1:
            break
    return 1


def _squash(value: str) -> str:
    """Plural-Forms without whitespace or a trailing ``;``, for comparison."""
    return "".join(value.split()).rstrip(";")


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
