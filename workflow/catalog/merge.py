"""The three-way merge of an uploaded catalog: base (as downloaded), server (now), upload.

Pure: the caller passes the upload's entries (from :func:`workflow.catalog.po_read.read_upload`
or :func:`workflow.catalog.xliff.read_xliff`), the server's entries by key and a way to look up
the text of a translation at an older version; :func:`merge` returns what to apply and
what to report, and applies nothing itself.

What is compared is an entry's *value*: its text and whether it is fuzzy. Text is
compared after Unicode NFC normalisation and without leading/trailing newlines (the PO
writer adds or drops those to satisfy ``msgfmt -c``); an EMPTY entry, or one whose text
is only newlines, has the value "empty". Approval is not part of the value: no file
can grant approval, and a file that leaves an approved text alone (with or without the
approval marker) leaves it APPROVED.

Rules, per upload entry, in file order:

* a key the server does not have → ``unknown``;
* upload value = server value → ``unchanged`` (whatever happened in between);
* the *base* is what the file was downloaded with:

  - the entry's ``base_version`` equals the server's version → the base is the server
    entry itself (text and fuzzy flag), so only the upload can differ from it;
  - ``base_text(key, base_version)`` knows the text → the base text is that; its fuzzy
    flag is unknown, so a fuzzy-flag difference alone counts as no change on either side
    (the server saved since the download and its state wins);
  - otherwise (a file from another tool, or history pruned) the base is unknown: the
    upload is taken as based on the server text when it has the same text or when the
    server text is empty (nothing to lose); any other difference is a conflict whose
    ``base`` is None;

* upload unchanged against the base → ``unchanged`` (a change only on the server is kept);
* upload changed, server unchanged → a :class:`Change`: TRANSLATED, NEEDS_EDIT for a
  fuzzy entry, EMPTY for an emptied one (emptying is thus applied only when the server
  still holds the base text; otherwise it is a conflict like any other edit);
* both changed, to the same text → ``unchanged`` (the server's state is kept);
* both changed, to different texts → a :class:`Conflict`, nothing applied;
* the upload would apply but its source (``msgid``) is not the server's → a
  :class:`Conflict` with reason ``source``: the original was corrected after the
  download and the upload translates the old sentence. An entry the translator did not
  touch is simply ``unchanged``, so a correction does not flood the report.

Entries the upload does not contain (a partial file) are untouched and not counted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from workflow.catalog.entries import CatalogEntry
from workflow.errors import BadInput
from workflow.states import SegmentState
from workflow.text.clean import clean_text

#: ``base_text(key, version)``: the translation's text at that version, None if unknown.
BaseText = Callable[[str, int], str | None]

BOTH_EDITED = "both"
SOURCE_CORRECTED = "source"


@dataclass(frozen=True)
class ServerEntry:
    """A segment's translation as stored now."""

    key: str
    source: str
    text: str
    state: SegmentState
    version: int


@dataclass(frozen=True)
class Change:
    """Save ``text`` with ``state`` for ``key``, if its version is still ``expected_version``."""

    key: str
    text: str
    state: SegmentState
    expected_version: int


@dataclass(frozen=True)
class Conflict:
    """A segment changed on both sides (or whose source changed): nothing was applied.

    ``base`` is None when the base text is unknown; ``reason`` is ``both`` (edited on
    both sides) or ``source`` (the original sentence was corrected after the download).
    """

    key: str
    base: str | None
    server: str
    upload: str
    reason: str = BOTH_EDITED
    # What a resolution must be saved against; not part of the conflict's identity.
    server_version: int | None = field(default=None, compare=False)


class ConflictDict(TypedDict):
    key: str
    base: str | None
    server: str
    upload: str


class ReportDict(TypedDict):
    applied: int
    unchanged: int
    conflicts: list[ConflictDict]
    unknown: list[str]


@dataclass(frozen=True)
class MergeReport:
    """What a merge decided: changes to apply, and what to tell the uploader."""

    changes: tuple[Change, ...]
    unchanged: int
    conflicts: tuple[Conflict, ...]
    unknown: tuple[str, ...]

    def as_dict(self) -> ReportDict:
        """The JSON report: ``applied``, ``unchanged``, ``conflicts`` (key, base, server,
        upload) and ``unknown``; ``applied`` counts the changes."""
        return {
            "applied": len(self.changes),
            "unchanged": self.unchanged,
            "conflicts": [
                {"key": c.key, "base": c.base, "server": c.server, "upload": c.upload}
                for c in self.conflicts
            ],
            "unknown": list(self.unknown),
        }


@dataclass(frozen=True)
class _Value:
    text: str  # normalised; "" for empty
    fuzzy: bool | None  # None: not known (a base from history)


def merge(
    upload: Sequence[CatalogEntry],
    server: Mapping[str, ServerEntry],
    base_text: BaseText,
) -> MergeReport:
    """Three-way merge of ``upload`` into ``server`` (see the module docstring for the rules).

    ``base_text(key, version)`` must return the text the translation had at ``version``
    as a catalog shows it ("" if it was EMPTY then), or None if that version is unknown.
    Raises :class:`~workflow.errors.BadInput` when ``upload`` names a key twice (readers
    never return such a list) or holds a text that may not be stored (``workflow.text.clean``).
    """
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    unknown: list[str] = []
    unchanged = 0
    seen: set[str] = set()
    for u in upload:
        if u.key in seen:
            raise BadInput("duplicate segment key %(key)r", key=u.key, line=u.line, field="key")
        seen.add(u.key)
        # Readers check already; a merge never applies text that may not be stored.
        clean_text(u.target, field="target", line=u.line, what=f"entry {u.key!r}")
        s = server.get(u.key)
        if s is None:
            unknown.append(u.key)
            continue
        outcome = _merge_one(u, s, base_text)
        if isinstance(outcome, Change):
            changes.append(outcome)
        elif isinstance(outcome, Conflict):
            conflicts.append(outcome)
        else:
            unchanged += 1
    return MergeReport(
        changes=tuple(changes),
        unchanged=unchanged,
        conflicts=tuple(conflicts),
        unknown=tuple(unknown),
    )


def _merge_one(u: CatalogEntry, s: ServerEntry, base_text: BaseText) -> Change | Conflict | None:
    up = _value(u.target, u.state)
    sv = _value(s.text, s.state)
    if up == sv:
        return None
    base: _Value | None = None
    base_raw: str | None = None
    if u.base_version is not None and u.base_version == s.version:
        base, base_raw = sv, _shown(s.text, s.state)
    elif u.base_version is not None:
        known = base_text(u.key, u.base_version)
        if known is not None:
            base, base_raw = _Value(_norm(known), None), known
    if base is None:
        if up.text == sv.text or not sv.text:
            base, base_raw = sv, _shown(s.text, s.state)
        else:
            return Conflict(
                u.key, None, _shown(s.text, s.state), u.target, server_version=s.version
            )
    if not _differs(up, base):
        return None  # changed only on the server, or not at all: keep the server's
    if _differs(sv, base):
        if up.text == sv.text:
            return None  # both made the same edit; the server's state stands
        return Conflict(
            u.key, base_raw, _shown(s.text, s.state), u.target, server_version=s.version
        )
    if _norm(u.source) != _norm(s.source):
        return Conflict(
            u.key, base_raw, _shown(s.text, s.state), u.target, SOURCE_CORRECTED, s.version
        )
    if not up.text:
        state = SegmentState.EMPTY
        text = ""
    else:
        state = SegmentState.NEEDS_EDIT if up.fuzzy else SegmentState.TRANSLATED
        text = u.target
    return Change(u.key, text, state, s.version)


def _value(text: str, state: SegmentState) -> _Value:
    norm = "" if state is SegmentState.EMPTY else _norm(text)
    if not norm:
        return _Value("", False)
    return _Value(norm, state is SegmentState.NEEDS_EDIT)


def _differs(a: _Value, base: _Value) -> bool:
    if a.text != base.text:
        return True
    return base.fuzzy is not None and a.fuzzy is not None and a.fuzzy != base.fuzzy


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip("\n"))


def _shown(text: str, state: SegmentState) -> str:
    """The server text as a catalog shows it: "" for EMPTY."""
    return "" if state is SegmentState.EMPTY else text
