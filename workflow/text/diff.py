"""Word-level differences between two texts, for history and source-change views.

The words both texts start and end with are taken off first (linear); what is left between
is compared word by word (rapidfuzz's bit-parallel longest common subsequence, time and
memory about ``n * m / 64``) when it is small enough, and otherwise shown as replaced in one
piece: a deletion and an insertion between the unchanged start and end, which a reader still
understands, where a word diff of two 20,000-character texts would take seconds.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

__all__ = ["MAX_COMPARED", "Chunk", "word_diff"]

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

#: The most pairs of words (changed words of the old text × of the new) compared one by one.
MAX_COMPARED = 16_000_000

Chunk = tuple[str, str]  # ("equal" | "insert" | "delete", text)


def word_diff(old: str, new: str) -> tuple[Chunk, ...]:
    """Chunks that turn ``old`` into ``new``: equal, deleted and inserted runs of words.

    Within a changed run the deleted words come before the inserted ones.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    out: list[Chunk] = []
    _push(out, "equal", "".join(a[:start]))
    if len(mid_a) * len(mid_b) > MAX_COMPARED:
        _push(out, "delete", "".join(mid_a))
        _push(out, "insert", "".join(mid_b))
    else:
        _compare(out, mid_a, mid_b)
    _push(out, "equal", "".join(a[len(a) - end :]))
    return tuple(out)


def _compare(out: list[Chunk], a: list[str], b: list[str]) -> None:
    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            _push(out, "delete", "".join(deleted))
            _push(out, "insert", "".join(inserted))
            deleted.clear()
            inserted.clear()
            _push(out, "equal", "".join(a[op.src_start : op.src_end]))
        elif op.tag == "delete":
            deleted += a[op.src_start : op.src_end]
        else:
            inserted += b[op.dest_start : op.dest_end]
    _push(out, "delete", "".join(deleted))
    _push(out, "insert", "".join(inserted))


def _push(out: list[Chunk], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))
