"""Byte mutators shared by the fuzz tests of the catalogs and of the importers."""

from __future__ import annotations

import random
from typing import Literal

LineOp = Literal["delete", "duplicate", "swap"]


def mutate_lines(data: bytes, rng: random.Random, op: LineOp) -> bytes:
    """``data`` with one random line deleted, duplicated or swapped with another."""
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    i = rng.randrange(len(lines))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)
