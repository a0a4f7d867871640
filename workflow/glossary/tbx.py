"""The term base as TBX: TBX v3 (TBX-Basic, DCA style) out; TBX v3 and TBX-Basic 2008 in.

Read: ``<conceptEntry>``/``<termEntry>`` → ``<langSec>``/``<langSet xml:lang>`` →
``<termSec>``/``<tig>`` → ``<term>``. Each non-deprecated source-language term of an entry
becomes a :class:`Term` whose target is the entry's preferred (else first admitted)
target-language term; deprecated or superseded target terms (``administrativeStatus`` or
``normativeAuthorization``) become its forbidden variants. Further admitted target terms
are not kept: a :class:`Term` has one expected rendering. ``partOfSpeech`` gives ``pos``;
``descrip type="definition"`` and ``note`` give ``note``. Entries lacking either language
are skipped.

Files are parsed without DTDs, entities or network access, and a DOCTYPE with an internal
subset (how entity bombs and XXE come in) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from workflow.errors import BadInput
from workflow.glossary.csv_io import MAX_POS_CHARS
from workflow.glossary.terms import Term, checked_term
from workflow.security.xml import safe_parser, syntax_error

__all__ = ["DEFAULT_MAX_BYTES", "read_tbx", "tbx_bytes"]

DEFAULT_MAX_BYTES = 20_000_000
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)
_DEPRECATED = frozenset(
    {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm", "supersededterm"}
)
_PREFERRED = frozenset({"preferredterm-admn-sts", "preferredterm"})
_STATUS = frozenset({"administrativeStatus", "normativeAuthorization"})


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(el: etree._Element) -> str:
    if not isinstance(el.tag, str):  # a comment, processing instruction or entity
        return ""
    return " ".join("".join(el.itertext()).split())


@dataclass(frozen=True)
class _Found:
    text: str
    status: str  # "preferred", "admitted" or "deprecated"
    pos: str | None


def _props(el: etree._Element) -> tuple[str, str | None]:
    """Status and part of speech of a ``termSec``/``tig``, TBX-Basic, DCA or DCT style."""
    status, pos = "admitted", None
    for child in el:
        name, kind = _local(child), child.get("type", "")
        value = _text(child)
        if name in _STATUS or kind in _STATUS:
            if value.lower() in _DEPRECATED:
                status = "deprecated"
            elif value.lower() in _PREFERRED:
                status = "preferred"
        elif "partOfSpeech" in (name, kind):
            pos = value or None
    return status, pos


def _terms(lang_sec: etree._Element) -> list[_Found]:
    found = []
    for sec in lang_sec:
        if _local(sec) in ("termSec", "tig", "ntig"):
            term = next((t for t in sec.iter() if _local(t) == "term"), None)
            if term is not None and _text(term):
                found.append(_Found(_text(term), *_props(sec)))
    return found


def _notes(el: etree._Element) -> list[str]:
    """Definitions and notes directly under ``el`` (or in a ``descripGrp``)."""
    found = []
    for child in el:
        if _local(child) == "descripGrp":
            found += _notes(child)
        elif _local(child) == "note" or (
            _local(child) == "descrip" and child.get("type") == "definition"
        ):
            found.append(_text(child))
    return [n for n in found if n]


def _lang_matches(code: str | None, lang: str) -> bool:
    return bool(code) and str(code).replace("_", "-").lower().split("-")[0] == lang.lower()


def _parse(data: bytes, source: str, max_bytes: int) -> etree._Element:
    if len(data) > max_bytes:
        raise BadInput("file larger than %(max_bytes)s bytes", max_bytes=max_bytes, source=source)
    if _INTERNAL_SUBSET.search(data):
        raise BadInput("DOCTYPE with an internal subset or entities refused", source=source)
    parser = safe_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, source=source) from None
    dtd = root.getroottree().docinfo.internalDTD  # also set by an external DOCTYPE, empty
    if dtd is not None and (any(dtd.iterentities()) or any(dtd.iterelements())):
        raise BadInput("DOCTYPE with an internal subset refused", source=source)
    for entity in root.iter(etree.Entity):  # declared in an external DTD, never loaded
        raise BadInput(
            "entity reference %(text)r is not allowed",
            text=entity.text,
            source=source,
            line=entity.sourceline,
        )
    if _local(root) not in ("tbx", "martif"):
        raise BadInput("not TBX: root element <%(root)s>", root=_local(root), source=source, line=1)
    return root


def read_tbx(
    data: bytes,
    *,
    source: str,
    source_lang: str = "ko",
    target_lang: str = "en",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Term]:
    """Terms of the ``source_lang`` → ``target_lang`` pair from TBX bytes.

    Raises :class:`BadInput` for a file over ``max_bytes``, a DOCTYPE with an internal subset
    or entity declarations, XML that is not well-formed, a root that is not TBX, a control
    character or a text over ``MAX_TEXT`` (``workflow.text.clean``), and a term given twice
    (with the line of the first).
    """
    root = _parse(data, source, max_bytes)
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for entry in root.iter():
        if _local(entry) not in ("conceptEntry", "termEntry"):
            continue
        for found in _entry_terms(entry, source_lang, target_lang):
            line = entry.sourceline
            term = checked_term(found, source=source, line=line)
            if term.pos is not None and len(term.pos) > MAX_POS_CHARS:
                raise BadInput(
                    "part of speech longer than %(MAX_POS_CHARS)s characters",
                    MAX_POS_CHARS=MAX_POS_CHARS,
                    source=source,
                    line=line,
                    field="partOfSpeech",
                )
            if term.source.lower() in seen:
                first = seen[term.source.lower()]
                raise BadInput(
                    "duplicate term %(src)r (first on line %(first)s)",
                    src=term.source,
                    first=first,
                    source=source,
                    line=line,
                    field="term",
                )
            seen[term.source.lower()] = line or 0
            terms.append(term)
    return terms


def _entry_terms(entry: etree._Element, source_lang: str, target_lang: str) -> list[Term]:
    notes = _notes(entry)
    sources: list[_Found] = []
    targets: list[_Found] = []
    for lang_sec in entry:
        if _local(lang_sec) not in ("langSec", "langSet"):
            continue
        code = lang_sec.get(_XML_LANG) or lang_sec.get("lang")
        if _lang_matches(code, source_lang):
            sources += _terms(lang_sec)
            notes += _notes(lang_sec)
        elif _lang_matches(code, target_lang):
            targets += _terms(lang_sec)
            notes += _notes(lang_sec)
    usable = [t for t in targets if t.status != "deprecated"]
    if not usable:
        return []
    target = next((t for t in usable if t.status == "preferred"), usable[0])
    forbidden = tuple(t.text for t in targets if t.status == "deprecated")
    note = "; ".join(dict.fromkeys(notes)) or None
    return [
        Term(s.text, target.text, source_lang, target_lang, note, s.pos or target.pos, forbidden)
        for s in sources
        if s.status != "deprecated"
    ]


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
    el.text = text
    return el


def _term_sec(lang_sec: etree._Element, text: str, status: str, pos: str | None) -> None:
    sec = _sub(lang_sec, "termSec")
    _sub(sec, "term", text)
    if pos:
        _sub(sec, "termNote", pos, type="partOfSpeech")
    _sub(sec, "termNote", status, type="administrativeStatus")


def tbx_bytes(terms: Iterable[Term]) -> bytes:
    """Terms as a TBX v3 (TBX-Basic, DCA style) document, one concept per term, in the order
    given; same terms, same bytes."""
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(_XML_LANG, "en")
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "sourceDesc"), "p", "transdesk term base")
    body = _sub(_sub(root, "text"), "body")
    for n, term in enumerate(terms, 1):
        entry = _sub(body, "conceptEntry", id=f"c{n}")
        if term.note:
            _sub(entry, "note", term.note)
        src = _sub(entry, "langSec")
        src.set(_XML_LANG, term.source_lang)
        _term_sec(src, term.source, "preferredTerm-admn-sts", term.pos)
        tgt = _sub(entry, "langSec")
        tgt.set(_XML_LANG, term.target_lang)
        _term_sec(tgt, term.target, "preferredTerm-admn-sts", term.pos)
        for variant in term.forbidden:
            _term_sec(tgt, variant, "deprecatedTerm-admn-sts", None)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out
