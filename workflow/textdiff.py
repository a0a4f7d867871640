"""Word-level differences between two texts, for history and source-change views."""

from __future__ import annotations

import difflib
import re

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

Chunk = tuple[str, str]  # ("equal" | "insert" | "delete", text)


def word_diff(old: str, new: str) -> tuple[Chunk, ...]:
    """Chunks that turn ``old`` into ``new``: equal, deleted and inserted runs of words."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[Chunk] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _push(out, "equal", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _push(out, "delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _push(out, "insert", "".join(b[j1:j2]))
    return tuple(out)


def _push(out: list[Chunk], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))
