"""Stable segment keys (the PO ``msgctxt``): the one scheme for an import and a correction.

A title, subtitle or byline is keyed by its kind (``title``); a body sentence by ``s-`` and
10 hex digits of SHA-1 over its text, NUL and ``n``, the least ``n`` whose key is not
taken yet. An unchanged sentence so keeps its key when the original is corrected, as
msgmerge keeps entries, and a sentence gets the same key whether it came with the original
or with a correction; a new sentence gets a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from workflow.model import SegmentDraft, SegmentKind


def new_key(text: str, taken: set[str]) -> str:
    """``s-`` + 10 hex digits of SHA-1 of ``text``, NUL, ``n``, for the least ``n`` not taken."""
    n = 0
    while True:
        digest = hashlib.sha1(f"{text}\x00{n}".encode()).hexdigest()
        key = f"s-{digest[:10]}"
        if key not in taken:
            return key
        n += 1


def segment_keys(drafts: Sequence[SegmentDraft]) -> list[str]:
    """The keys of an imported article's segments, in order: the kind for title, subtitle
    and byline, :func:`new_key` for each body sentence (a repeated sentence's n-th
    occurrence takes ``n``)."""
    keys: list[str] = []
    taken: set[str] = set()
    for d in drafts:
        key = d.kind.value if d.kind is not SegmentKind.BODY else new_key(d.text, taken)
        taken.add(key)
        keys.append(key)
    return keys
