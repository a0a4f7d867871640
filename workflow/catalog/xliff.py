"""Segments ⇄ XLIFF 2.0 and 1.2, for CAT tools (Trados, memoQ, OmegaT).

One unit per segment, in article order, its id the segment key; the same merge
information as the PO catalog (see :mod:`workflow.catalog.po`): the article × locale
revision at file level, and per unit where the segment sits, the translation's
``base-version`` and, for an approved one, the approver and the approval digest (the
same ``sha256`` prefix as in PO: approval is bound to the text).

XLIFF 2.0::

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">
      <file id="slug">
        <notes><note category="transdesk-revision">3</note></notes>
        <unit id="key" xml:space="preserve">
          <notes><note category="location">body p1 s2</note>
                 <note category="base-version">2</note></notes>
          <segment state="translated"><source>…</source><target>…</target></segment>

XLIFF 1.2: ``<file original="slug" source-language target-language datatype="plaintext">``,
the revision as ``<note from="transdesk">revision: 3</note>`` in ``<header>``, and
``<trans-unit id="key" approved="yes|no">`` with notes ``location: …``, ``base-version: …``.

States, written ⇄ read:

========== ===================================== =========================================
state      2.0 ``segment/@state``                1.2 ``target/@state``
========== ===================================== =========================================
EMPTY      ``initial``, no target                ``new``, empty target
NEEDS_EDIT ``initial`` with a target             ``needs-review-translation``
TRANSLATED ``translated``                        ``translated``
APPROVED   ``final`` + approval notes            ``final``, ``approved="yes"`` + notes
========== ===================================== =========================================

Reading is lenient about what tools write: an empty target is EMPTY whatever its state;
2.0 ``reviewed`` is TRANSLATED, ``initial`` with text NEEDS_EDIT; 1.2 ``new``,
``needs-*`` states with text are NEEDS_EDIT, no state or ``translated``/``signed-off``/
``final`` TRANSLATED; approval needs the digest of the target text. A 2.0 unit split
into several segments is joined in order.

Inline markup: transdesk writes plain text, so an upload may only wrap text in markup
that adds none — ``<g>``, ``<mrk>`` (1.2), ``<pc>``, ``<mrk>``, ``<sm/>``, ``<em/>``
(2.0) — whose text content is taken. Codes standing for native content (``<x/>``,
``<ph>``, ``<bpt>``, ``<sc/>``…) have no text to give back and are refused with the
line. XML is parsed with entity resolution, DTD loading and network access off; any
DOCTYPE is refused.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from workflow.catalog.entries import (
    APPROVED_BY,
    APPROVED_TEXT,
    BASE_VERSION,
    approval_digest,
)
from workflow.errors import BadInput
from workflow.model import Entry, LocalizedArticle
from workflow.states import SegmentState
from workflow.text.locales import bcp47

NS2 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSIONS = ("2.0", "1.2")

REVISION_CATEGORY = "transdesk-revision"
NOTE_FROM = "transdesk"


# -- writing ---------------------------------------------------------------------------


def xliff_bytes(la: LocalizedArticle, *, version: str = "2.0") -> bytes:
    """The XLIFF ``version`` ("2.0" or "1.2") document of ``la``; byte-identical for the same input.

    Raises ValueError for another version, :class:`~workflow.errors.UnknownLocale` for
    a locale Babel does not know, :class:`~workflow.errors.BadInput` for two segments
    with one key or a text XML cannot carry (control characters).
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown XLIFF version {version!r}; expected one of {VERSIONS}")
    seen: set[str] = set()
    for e in la.entries:
        if e.segment.key in seen:
            raise BadInput("two segments share the key %(key)r", key=e.segment.key, field="key")
        seen.add(e.segment.key)
    root = _xliff2(la) if version == "2.0" else _xliff12(la)
    body: bytes = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
    return data


def _xliff2(la: LocalizedArticle) -> Any:
    root = etree.Element(
        f"{{{NS2}}}xliff",
        nsmap={None: NS2},
        attrib={
            "version": "2.0",
            "srcLang": bcp47(la.article.locale),
            "trgLang": bcp47(la.locale),
        },
    )
    file = etree.SubElement(root, f"{{{NS2}}}file", id=la.article.slug)
    notes = etree.SubElement(file, f"{{{NS2}}}notes")
    _sub(notes, f"{{{NS2}}}note", str(la.revision), category=REVISION_CATEGORY)
    for entry in la.entries:
        seg, tr = entry.segment, entry.translation
        unit = etree.SubElement(file, f"{{{NS2}}}unit", id=seg.key)
        unit.set(f"{{{XML_NS}}}space", "preserve")
        unit_notes = etree.SubElement(unit, f"{{{NS2}}}notes")
        for name, value in _notes(entry):
            _sub(unit_notes, f"{{{NS2}}}note", value, category=name, key=seg.key)
        state = {
            SegmentState.EMPTY: "initial",
            SegmentState.NEEDS_EDIT: "initial",
            SegmentState.TRANSLATED: "translated",
            SegmentState.APPROVED: "final",
        }[_written_state(entry)]
        segment = etree.SubElement(unit, f"{{{NS2}}}segment", state=state)
        _sub(segment, f"{{{NS2}}}source", seg.source, key=seg.key)
        if _written_state(entry) is not SegmentState.EMPTY:
            _sub(segment, f"{{{NS2}}}target", tr.text, key=seg.key)
    return root


def _xliff12(la: LocalizedArticle) -> Any:
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12}, attrib={"version": "1.2"})
    file = etree.SubElement(
        root,
        f"{{{NS12}}}file",
        attrib={
            "original": la.article.slug,
            "source-language": bcp47(la.article.locale),
            "target-language": bcp47(la.locale),
            "datatype": "plaintext",
        },
    )
    header = etree.SubElement(file, f"{{{NS12}}}header")
    _sub(header, f"{{{NS12}}}note", f"revision: {la.revision}", **{"from": NOTE_FROM})
    body = etree.SubElement(file, f"{{{NS12}}}body")
    for entry in la.entries:
        seg, tr = entry.segment, entry.translation
        state = _written_state(entry)
        unit = etree.SubElement(
            body,
            f"{{{NS12}}}trans-unit",
            id=seg.key,
            approved="yes" if state is SegmentState.APPROVED else "no",
        )
        unit.set(f"{{{XML_NS}}}space", "preserve")
        _sub(unit, f"{{{NS12}}}source", seg.source, key=seg.key)
        target_state = {
            SegmentState.EMPTY: "new",
            SegmentState.NEEDS_EDIT: "needs-review-translation",
            SegmentState.TRANSLATED: "translated",
            SegmentState.APPROVED: "final",
        }[state]
        text = "" if state is SegmentState.EMPTY else tr.text
        _sub(unit, f"{{{NS12}}}target", text, key=seg.key, state=target_state)
        for name, value in _notes(entry):
            _sub(unit, f"{{{NS12}}}note", f"{name}: {value}", key=seg.key, **{"from": NOTE_FROM})
    return root


def _written_state(entry: Entry) -> SegmentState:
    """EMPTY for a translation without text, whatever its stored state."""
    if entry.translation.state is SegmentState.EMPTY or not entry.translation.text:
        return SegmentState.EMPTY
    return entry.translation.state


def _notes(entry: Entry) -> list[tuple[str, str]]:
    seg, tr = entry.segment, entry.translation
    notes = [("location", seg.where), (BASE_VERSION.rstrip(":"), str(tr.version))]
    state = _written_state(entry)
    if seg.previous_source and state is SegmentState.NEEDS_EDIT:
        notes.append(("previous-source", seg.previous_source))
    if state is SegmentState.APPROVED:
        notes.append((APPROVED_BY.rstrip(":"), " ".join((tr.approved_by or "").split())))
        notes.append((APPROVED_TEXT.split(":")[0], "sha256:" + approval_digest(tr.text)))
    return notes


def _sub(parent: Any, tag: str, text: str, key: str | None = None, **attrib: str) -> Any:
    try:
        el = etree.SubElement(parent, tag, attrib=attrib)
        el.text = text
    except ValueError:
        raise BadInput(
            "the text holds characters XML cannot carry (control characters)",
            field=key or tag.rsplit("}", 1)[-1],
        ) from None
    return el
