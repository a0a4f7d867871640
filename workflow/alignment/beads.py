"""Operations on an alignment (a list of beads) and what it means for the translations.

Pure functions: the alignment review calls them, services store the result. Every
operation keeps the invariant that each sentence of either side is in exactly one bead,
in order; an edited bead is confirmed by a person, so its confidence is 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from workflow.errors import BadInput
from workflow.model import Bead

CONFIRMED = 1.0


class BeadOp(StrEnum):
    """What an editor can do to bead ``i``."""

    MERGE = "merge"  # join bead i and bead i + 1
    SPLIT = "split"  # cut bead i in two
    SOURCE_UP = "source-up"  # bead i's first source sentence joins bead i - 1
    SOURCE_DOWN = "source-down"  # bead i's last source sentence joins bead i + 1
    TARGET_UP = "target-up"
    TARGET_DOWN = "target-down"


def apply_op(beads: Sequence[Bead], op: BeadOp | str, index: int) -> list[Bead]:
    """The beads after ``op`` on bead ``index``; BadInput when it cannot apply."""
    try:
        op = BeadOp(op)
    except ValueError:
        known = ", ".join(o.value for o in BeadOp)
        raise BadInput(
            "unknown alignment operation %(op)r; known: %(known)s", op=op, known=known
        ) from None
    if not 0 <= index < len(beads):
        raise BadInput(
            "no bead %(number)s; the alignment has %(n_beads)s",
            number=index + 1,
            n_beads=len(beads),
            field="bead",
        )
    out = list(beads)
    if op is BeadOp.MERGE:
        if index + 1 >= len(out):
            raise BadInput("the last bead has no next bead to merge with", field="bead")
        a, b = out[index], out[index + 1]
        out[index : index + 2] = [Bead(a.source + b.source, a.target + b.target, CONFIRMED)]
    elif op is BeadOp.SPLIT:
        out[index : index + 1] = _split(out[index])
    else:
        side = "source" if op in (BeadOp.SOURCE_UP, BeadOp.SOURCE_DOWN) else "target"
        up = op in (BeadOp.SOURCE_UP, BeadOp.TARGET_UP)
        out = _move(out, index, side, up)
    return [b for b in out if b.source or b.target]


def check_beads(beads: Sequence[Bead], n_source: int, n_target: int) -> None:
    """BadInput unless every sentence is in exactly one bead and beads are in order."""
    src = [i for b in beads for i in b.source]
    tgt = [j for b in beads for j in b.target]
    if src != list(range(n_source)) or tgt != list(range(n_target)):
        raise BadInput(
            "an alignment must cover every sentence of both sides once, in order "
            "(%(n_source)s source and %(n_target)s target sentences)",
            n_source=n_source,
            n_target=n_target,
            field="beads",
        )


def fills_from_beads(
    beads: Sequence[Bead], source_keys: Sequence[str], target: Sequence[str]
) -> dict[str, tuple[str, float]]:
    """Target text and confidence per source key.

    A bead with several target sentences joins them; a bead with several source
    sentences gives its target to the first and leaves the others to the translator; a
    target sentence with no source (0-1) is appended to the previous filled segment (or
    put before the next) so that no published text is lost, at the lower confidence.
    """
    fills: dict[str, tuple[str, float]] = {}
    owner: list[str | None] = []  # per bead: the source key its target went to
    for bead in beads:
        joined = " ".join(target[j] for j in bead.target)
        key = source_keys[bead.source[0]] if bead.source and joined else None
        if key is not None:
            fills[key] = (joined, bead.confidence)
        owner.append(key)
    for i, bead in enumerate(beads):
        if bead.source or not bead.target:
            continue
        extra = " ".join(target[j] for j in bead.target)
        before = next((owner[k] for k in range(i - 1, -1, -1) if owner[k]), None)
        after = next((owner[k] for k in range(i + 1, len(owner)) if owner[k]), None)
        home = before or after
        if home is None:
            continue
        text, confidence = fills[home]
        text = f"{text} {extra}" if home == before else f"{extra} {text}"
        fills[home] = (text, min(confidence, bead.confidence))
    return fills


def _split(bead: Bead) -> list[Bead]:
    n, m = len(bead.source), len(bead.target)
    if n + m <= 1:
        raise BadInput("a bead of one sentence cannot be split", field="bead")
    if n <= 1 and m <= 1:  # 1-1 → 1-0 + 0-1
        return [Bead(bead.source, (), CONFIRMED), Bead((), bead.target, CONFIRMED)]
    a, b = (n + 1) // 2, (m + 1) // 2
    return [
        Bead(bead.source[:a], bead.target[:b], CONFIRMED),
        Bead(bead.source[a:], bead.target[b:], CONFIRMED),
    ]


def _move(beads: list[Bead], index: int, side: str, up: bool) -> list[Bead]:
    other = index - 1 if up else index + 1
    if not 0 <= other < len(beads):
        where = "first" if up else "last"
        raise BadInput(
            "the %(where)s bead has no neighbour to move a sentence to", where=where, field="bead"
        )
    bead, neighbour = beads[index], beads[other]
    items = bead.source if side == "source" else bead.target
    if not items:
        raise BadInput(
            "bead %(number)s has no %(side)s sentence to move",
            number=index + 1,
            side=side,
            field="bead",
        )
    moved, rest = (items[0], items[1:]) if up else (items[-1], items[:-1])
    theirs = neighbour.source if side == "source" else neighbour.target
    theirs = (*theirs, moved) if up else (moved, *theirs)
    if side == "source":
        new_bead, new_neighbour = (
            Bead(rest, bead.target, CONFIRMED),
            Bead(theirs, neighbour.target, CONFIRMED),
        )
    else:
        new_bead, new_neighbour = (
            Bead(bead.source, rest, CONFIRMED),
            Bead(neighbour.source, theirs, CONFIRMED),
        )
    out = list(beads)
    out[index], out[other] = new_bead, new_neighbour
    return out
