"""Reading XLIFF 2.0 and 1.2 uploads back (the format is described in
:mod:`workflow.catalog.xliff`): lenient about states tools write, strict about markup that
stands for codes, safe XML parsing (no entities, DTDs, network; any DOCTYPE refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from workflow.catalog.entries import (
    APPROVED_BY,
    APPROVED_TEXT,
    BASE_VERSION,
    MAX_UPLOAD_BYTES,
    CatalogEntry,
    Upload,
    approval_digest,
)
from workflow.catalog.xliff import NOTE_FROM, NS2, NS12, REVISION_CATEGORY
from workflow.errors import BadInput
from workflow.security.xml import safe_parser, syntax_error
from workflow.states import SegmentState
from workflow.text.clean import clean_text
from workflow.text.decoding import check_size, check_utf8
from workflow.text.locales import bcp47, parse_locale

_NUMBER = re.compile(r"[0-9]{1,15}")
# Markup that only wraps text (its content is taken) and markup that stands for codes.
_WRAPPERS = frozenset({"g", "mrk", "pc", "sm", "em"})
_CODES = frozenset({"x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec", "sub", "cp"})
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", re.IGNORECASE)


# -- reading ---------------------------------------------------------------------------


def read_xliff(
    data: bytes, *, source: str, locale: str, max_bytes: int = MAX_UPLOAD_BYTES
) -> Upload:
    """Read an XLIFF 2.0 or 1.2 file sent back for merging into the ``locale`` translation.

    Raises :class:`~workflow.errors.BadInput` naming ``source`` and the line for: a file
    larger than ``max_bytes``; bytes that are not UTF-8 or another declared encoding;
    a DOCTYPE; XML syntax errors; a root that is not XLIFF 2.0/1.2; a target language
    missing or not ``locale``; units without an id or with an id twice; code markup in a
    source or target; a malformed revision or base-version. Nothing is returned
    unless the whole file is good.
    """
    check_size(data, source=source, max_bytes=max_bytes)
    check_utf8(data, source=source)
    raw = bytes(data)
    declared = _DECLARED_ENCODING.match(raw.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise BadInput(
            "the file declares encoding %(declared)r; uploads must be UTF-8",
            declared=declared.group(1).decode("ascii", "replace"),
            source=source,
            line=1,
        )
    root = _parse_xml(raw, source)
    target = parse_locale(locale)
    ns = etree.QName(root).namespace
    name = etree.QName(root).localname
    version = root.get("version")
    if name != "xliff" or ns not in (NS2, NS12):
        raise BadInput("not an XLIFF 2.0 or 1.2 document", source=source, line=root.sourceline)
    if (ns, version) not in ((NS2, "2.0"), (NS12, "1.2")):
        raise BadInput(
            "XLIFF version %(version)r does not match its namespace %(ns)s",
            version=version,
            ns=ns,
            source=source,
            line=root.sourceline,
            field="version",
        )
    if ns == NS2:
        _check_language(root.get("trgLang"), target, source, root.sourceline, "trgLang")
        revision, article, entries = _read2(root, source)
        fmt = "xliff2"
    else:
        revision, article, entries = _read12(root, source, target)
        fmt = "xliff12"
    return Upload(revision=revision, entries=tuple(entries), format=fmt, article=article)


def _parse_xml(raw: bytes, source: str) -> Any:
    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(raw, parser))
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source=source) from None
    except (ValueError, etree.LxmlError) as exc:
        raise BadInput("not an XML document: %(exc)s", exc=exc, source=source) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise BadInput("a DOCTYPE is not allowed in an upload", source=source, line=1)
    return tree.getroot()


def _check_language(
    value: str | None, target: str, source: str, line: int | None, field: str
) -> None:
    if not value or not value.strip():
        raise BadInput(
            "no %(field_name)s; expected %(language)r",
            field_name=field,
            language=bcp47(target),
            source=source,
            line=line,
            field=field,
        )
    try:
        declared = parse_locale(value)
    except BadInput:
        declared = None
    if declared != target:
        raise BadInput(
            "the file is for language %(value)r, not %(language)r",
            value=value,
            language=bcp47(target),
            source=source,
            line=line,
            field=field,
        )


def _read2(root: Any, source: str) -> tuple[int | None, str | None, list[CatalogEntry]]:
    revision: int | None = None
    article: str | None = None
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    for file in root.iterchildren(f"{{{NS2}}}file"):
        article = article or file.get("id")
        for note in _children(file, "notes", "note", NS2):
            if note.get("category") == REVISION_CATEGORY:
                revision = _number(note, source, "revision")
        for unit in file.iter(f"{{{NS2}}}unit"):
            key = _unit_key(unit, seen, source)
            notes = {
                n.get("category"): _plain(n, source) for n in _children(unit, "notes", "note", NS2)
            }
            sources: list[str] = []
            targets: list[str] = []
            states: list[str] = []
            for part in unit.iterchildren(f"{{{NS2}}}segment", f"{{{NS2}}}ignorable"):
                src = part.find(f"{{{NS2}}}source")
                tgt = part.find(f"{{{NS2}}}target")
                sources.append(_text(src, source) if src is not None else "")
                targets.append(_text(tgt, source) if tgt is not None else "")
                if etree.QName(part).localname == "segment":
                    states.append(part.get("state") or "initial")  # the 2.0 default
            if not states:
                raise BadInput(
                    "unit %(key)r has no segment", key=key, source=source, line=unit.sourceline
                )
            text = "".join(targets)
            state = _state2(states, text)
            entries.append(
                _entry(key, "".join(sources), text, state, notes, source, unit.sourceline)
            )
    return revision, article, entries


def _state2(states: list[str], text: str) -> SegmentState:
    if not text:
        return SegmentState.EMPTY
    order = {"initial": 0, "translated": 1, "reviewed": 2, "final": 3}
    least = min((order.get(s, 0) for s in states), default=0)
    if least == 0:
        return SegmentState.NEEDS_EDIT
    return SegmentState.APPROVED if least == 3 else SegmentState.TRANSLATED


def _read12(
    root: Any, source: str, target: str
) -> tuple[int | None, str | None, list[CatalogEntry]]:
    revision: int | None = None
    article: str | None = None
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    files = list(root.iterchildren(f"{{{NS12}}}file"))
    if not files:
        raise BadInput("the document has no <file>", source=source, line=root.sourceline)
    for file in files:
        _check_language(
            file.get("target-language"), target, source, file.sourceline, "target-language"
        )
        article = article or file.get("original")
        for note in _children(file, "header", "note", NS12):
            text = _plain(note, source)
            if note.get("from") == NOTE_FROM and text.startswith("revision:"):
                revision = _number(note, source, "revision", text[len("revision:") :])
        for unit in file.iter(f"{{{NS12}}}trans-unit"):
            key = _unit_key(unit, seen, source)
            notes: dict[str | None, str] = {}
            for n in unit.iterchildren(f"{{{NS12}}}note"):
                name, sep, value = _plain(n, source).partition(":")
                if sep:
                    notes[name.strip()] = value.strip()
            src = unit.find(f"{{{NS12}}}source")
            tgt = unit.find(f"{{{NS12}}}target")
            if src is None:
                raise BadInput(
                    "trans-unit %(key)r has no source", key=key, source=source, line=unit.sourceline
                )
            text = _text(tgt, source) if tgt is not None else ""
            state_attr = tgt.get("state") if tgt is not None else None
            state = _state12(state_attr, unit.get("approved") == "yes", text)
            entries.append(
                _entry(key, _text(src, source), text, state, notes, source, unit.sourceline)
            )
    return revision, article, entries


def _state12(state: str | None, approved: bool, text: str) -> SegmentState:
    if not text:
        return SegmentState.EMPTY
    if state is not None and (state == "new" or state.startswith("needs-")):
        return SegmentState.NEEDS_EDIT
    if approved or state in ("signed-off", "final"):
        return SegmentState.APPROVED
    return SegmentState.TRANSLATED


def _entry(
    key: str,
    src: str,
    text: str,
    state: SegmentState,
    notes: dict[str | None, str],
    source: str,
    line: int | None,
) -> CatalogEntry:
    text = clean_text(text, field="target", source=source, line=line, what=f"unit {key!r}")
    approver: str | None = None
    if state is SegmentState.APPROVED:
        # Approval only with the digest of this very text, as in PO.
        digest = notes.get(APPROVED_TEXT.split(":")[0], "")
        if digest == "sha256:" + approval_digest(text):
            approver = notes.get(APPROVED_BY.rstrip(":")) or None
        else:
            state = SegmentState.TRANSLATED
    base: int | None = None
    raw = notes.get(BASE_VERSION.rstrip(":"))
    if raw is not None:
        if not _NUMBER.fullmatch(raw.strip()):
            raise BadInput(
                "base-version %(raw)r is not a version number",
                raw=raw,
                source=source,
                line=line,
                field="base-version",
            )
        base = int(raw.strip())
    return CatalogEntry(
        key=key,
        source=src,
        target=text,
        state=state,
        approver=approver,
        base_version=base,
        line=line,
    )


def _unit_key(unit: Any, seen: set[str], source: str) -> str:
    key = unit.get("id")
    if not key:
        raise BadInput("a unit has no id (segment key)", source=source, line=unit.sourceline)
    if key in seen:
        raise BadInput(
            "duplicate segment key %(key)r", key=key, source=source, line=unit.sourceline
        )
    seen.add(key)
    return str(key)


def _children(parent: Any, group: str, name: str, ns: str) -> Iterator[Any]:
    for holder in parent.iterchildren(f"{{{ns}}}{group}"):
        yield from holder.iterchildren(f"{{{ns}}}{name}")


def _number(el: Any, source: str, what: str, value: str | None = None) -> int:
    text = (value if value is not None else _plain(el, source)).strip()
    if not _NUMBER.fullmatch(text):
        raise BadInput(
            "%(what)s %(text)r is not a number",
            what=what,
            text=text,
            source=source,
            line=el.sourceline,
            field=what,
        )
    return int(text)


def _plain(el: Any, source: str) -> str:
    """The text of an element that must not hold markup (a note)."""
    for child in el:
        if isinstance(child.tag, str):
            raise BadInput(
                "<%(localname)s> inside <%(localname2)s>",
                localname=etree.QName(child).localname,
                localname2=etree.QName(el).localname,
                source=source,
                line=child.sourceline,
            )
    return "".join(el.itertext())


def _text(el: Any, source: str) -> str:
    """The text of a source or target: wrappers give their content, codes are refused."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):  # an unresolved entity reference
            raise BadInput(
                "entity reference %(text)r is not allowed",
                text=child.text,
                source=source,
                line=child.sourceline,
            )
        name = etree.QName(child).localname
        ns = etree.QName(child).namespace
        if ns not in (NS2, NS12) or name not in _WRAPPERS:
            kind = "code" if name in _CODES else "markup"
            raise BadInput(
                "inline %(kind)s <%(name)s> in <%(localname)s>: transdesk texts are "
                "plain; put the text itself in the target",
                kind=kind,
                name=name,
                localname=etree.QName(el).localname,
                source=source,
                line=child.sourceline,
            )
        parts.append(_text(child, source))
        parts.append(child.tail or "")
    return "".join(parts)
