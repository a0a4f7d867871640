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

from datetime import UTC, datetime

import polib

from workflow.catalog.entries import (
    APPROVED_BY,
    APPROVED_TEXT,
    BASE_VERSION,
    DEFAULT_GENERATOR,
    REVISION_HEADER,
    approval_digest,
)
from workflow.errors import BadInput
from workflow.model import Entry, LocalizedArticle
from workflow.states import SegmentState
from workflow.text.locales import language_name, parse_locale, plural_forms


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
            raise BadInput("two segments share the key %(key)r", key=key, field="key")
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
