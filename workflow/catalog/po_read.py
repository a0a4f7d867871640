"""Reading PO catalogs back: a file sent back by Poedit or any PO editor, or our own.

:func:`read_upload` reads an upload with every check it needs (size, UTF-8, syntax with line
numbers, one entry per key, states from fuzzy flags and approval markers, the text check of
:mod:`workflow.text.clean`); :func:`read_catalog` is the lenient reader of our own files. The
format is described in :mod:`workflow.catalog.po`.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polib

from workflow.catalog.entries import (
    APPROVED_BY,
    APPROVED_TEXT,
    BASE_VERSION,
    MAX_UPLOAD_BYTES,
    REVISION_HEADER,
    CatalogEntry,
    Upload,
    approval_digest,
)
from workflow.errors import BadInput
from workflow.states import SegmentState
from workflow.text.clean import clean_text
from workflow.text.decoding import check_size, check_utf8, not_utf8
from workflow.text.locales import parse_locale, plural_forms

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
            "the file declares charset %(charset)r; uploads must be UTF-8",
            charset=charset.group(1),
            source=source,
            line=_header_line(lines, "Content-Type"),
            field="Content-Type",
        )
    language = header.get("Language", "").strip()
    if not language:
        raise BadInput(
            "the header has no Language; expected %(target)r",
            target=target,
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
            "the file is for language %(language)r, not %(target)r",
            language=language,
            target=target,
            source=source,
            line=_header_line(lines, "Language"),
            field="Language",
        )
    plural = header.get("Plural-Forms")
    if plural is not None and _squash(plural) != _squash(plural_forms(target)):
        raise BadInput(
            "Plural-Forms %(plural)r is not %(plural_forms)r (CLDR, for %(target)r)",
            plural=plural.strip(),
            plural_forms=plural_forms(target),
            target=target,
            source=source,
            line=_header_line(lines, "Plural-Forms"),
            field="Plural-Forms",
        )
    revision: int | None = None
    raw_revision = header.get(REVISION_HEADER)
    if raw_revision is not None:
        if not _NUMBER.fullmatch(raw_revision.strip()):
            raise BadInput(
                "%(REVISION_HEADER)s %(raw_revision)r is not a revision number",
                REVISION_HEADER=REVISION_HEADER,
                raw_revision=raw_revision,
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
            raise not_utf8(data, exc, source=source) from None
        except (OSError, ValueError, LookupError) as exc:
            message = str(exc).replace(str(path) + " ", "").replace(str(path), "")
            match = _SYNTAX_LINE.search(message)
            if match:
                line = int(match.group(1))
                if detail := match.group(2):  # polib's own words, in English
                    raise BadInput(detail, source=source, line=line) from None
                raise BadInput("not valid PO syntax", source=source, line=line) from None
            raise BadInput("not a PO catalog: %(text)s", text=message, source=source) from None


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
                raise BadInput(
                    "not valid PO syntax: unescaped double quote, bad escape or text after the "
                    "string",
                    source=source,
                    line=number,
                )
            if line.startswith(("msg", '"')):
                raise BadInput(
                    "not valid PO syntax: unterminated string", source=source, line=number
                )
            raise BadInput("not valid PO syntax", source=source, line=number)
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
                "not valid PO syntax: %(keyword)s after %(previous)s",
                keyword=keyword,
                previous=previous or "nothing",
                source=source,
                line=number,
            )
        previous = kind
    if previous not in (None, "msgstr", "msgstr[]"):
        raise BadInput(
            "not valid PO syntax: the file ends after %(previous)s, without msgstr",
            previous=previous,
            source=source,
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
                "entry %(msgid)r has no msgctxt (segment key)",
                msgid=e.msgid[:40],
                source=source,
                line=line,
            )
        if e.msgctxt in seen:
            raise BadInput(
                "duplicate segment key %(msgctxt)r", msgctxt=e.msgctxt, source=source, line=line
            )
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
                    "%(BASE_VERSION)s %(value)r is not a version number",
                    BASE_VERSION=BASE_VERSION,
                    value=value,
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
