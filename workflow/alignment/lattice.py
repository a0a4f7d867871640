"""The scored lattice of beads between two texts, with forward-backward posteriors.

Cells are (i, j) sentence boundaries inside a band around the diagonal; a bead scores its
lengths, anchors and the paragraph breaks it crosses; posteriors give each bead's confidence
and the minimum-Bayes-risk path the aligner returns.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from workflow.alignment.anchors import (
    Anchors,
)
from workflow.alignment.model import (
    AlignmentModel,
    link_features,
    link_score,
    shared_anchors,
)

_NEG_INF = -math.inf


def _logaddexp(a: float, b: float) -> float:
    if a < b:
        a, b = b, a
    if b == _NEG_INF:
        return a
    return a + math.log1p(math.exp(b - a))


def _band(n: int, m: int) -> list[tuple[int, int]]:
    """For each source position i, the target positions lo..hi the search may visit."""
    width = 8 + abs(n - m) + max(n, m) // 10
    slope = m / n
    return [
        (max(0, math.floor(i * slope) - width), min(m, math.ceil(i * slope) + width))
        for i in range(n + 1)
    ]


@dataclass(frozen=True)
class Breaks:
    """Paragraph starts of both sides (sentence indices), when the caller knows them."""

    source: frozenset[int]
    target: frozenset[int]

    def boundary(self, i: int, j: int) -> bool:
        """Whether a bead boundary at (i, j) sits at a break of one side only."""
        return (i in self.source) != (j in self.target)

    def window(self, i0: int, i1: int, j0: int, j1: int) -> Breaks:
        """The breaks of a window [i0, i1) × [j0, j1), counted from its start."""
        return Breaks(
            frozenset(i - i0 for i in self.source if i0 <= i <= i1) | {0, i1 - i0},
            frozenset(j - j0 for j in self.target if j0 <= j <= j1) | {0, j1 - j0},
        )

    def inside(self, i0: int, i1: int, j0: int, j1: int) -> int:
        """Breaks strictly inside a bead spanning [i0, i1) × [j0, j1)."""
        return sum(i in self.source for i in range(i0 + 1, i1)) + sum(
            j in self.target for j in range(j0 + 1, j1)
        )


class Lattice:
    """Scored beads over the band between two non-empty texts; cells are (i, j) boundaries.

    ``preds[c]`` lists the beads ending at cell ``c`` as (start cell, score); ``cells`` is in
    topological order, so one pass forward (Viterbi, forward sums) and one backward suffice.
    """

    def __init__(
        self,
        src: Sequence[Anchors],
        tgt: Sequence[Anchors],
        model: AlignmentModel,
        breaks: Breaks | None = None,
    ):
        self.n, self.m = len(src), len(tgt)
        self.width = self.m + 1
        band = _band(self.n, self.m)
        src2 = [a + b for a, b in pairwise(src)]
        tgt2 = [a + b for a, b in pairwise(tgt)]
        single: dict[tuple[int, int], tuple[float, int]] = {}

        def pair(i: int, j: int) -> tuple[float, int]:
            """Link score of source sentence i with target sentence j, each alone, and how many
            anchors they share."""
            found = single.get((i, j))
            if found is None:
                f = link_features(src[i], tgt[j], model.length)
                found = single[i, j] = (link_score(f, model.anchors), shared_anchors(f))
            return found

        def one(i: int, j: int) -> float:
            return pair(i, j)[0]

        def halves(i0: int, di: int, j0: int) -> tuple[tuple[float, int], ...]:
            """For a bead joining two sentences of one side, each of them with the other side."""
            if di == 2:
                return pair(i0, j0), pair(i0 + 1, j0)
            return pair(i0, j0), pair(i0, j0 + 1)

        def half_term(i0: int, di: int, j0: int) -> float:
            """A sentence merged into a bead with little in common with the other side is
            likely a 1-0 or 0-1 bead, or another bead's: the log-likelihood ratio of the fewer
            anchors that one of the two sentences shares with the other side."""
            a, b = halves(i0, di, j0)
            return model.half_llr[bisect.bisect_right(model.half_bins, min(a[1], b[1]))]

        self.cells: list[int] = []
        self.preds: dict[int, list[tuple[int, float]]] = {}
        for i, (lo, hi) in enumerate(band):
            for j in range(lo, hi + 1):
                cell = i * self.width + j
                self.cells.append(cell)
                preds = self.preds[cell] = []
                mismatch = breaks.boundary(i, j) * model.break_mismatch if breaks else 0.0
                for (di, dj), prior in model.log_prior.items():
                    i0, j0 = i - di, j - dj
                    if i0 < 0 or j0 < 0 or not band[i0][0] <= j0 <= band[i0][1]:
                        continue
                    score = prior - mismatch
                    if di == 1 and dj == 1:
                        score += one(i0, j0)
                    elif di and dj:
                        a = src[i0] if di == 1 else src2[i0]
                        b = tgt[j0] if dj == 1 else tgt2[j0]
                        score += link_score(link_features(a, b, model.length), model.anchors)
                        score += half_term(i0, di, j0)
                    if breaks and di + dj > 1:
                        score -= model.break_inside * breaks.inside(i0, i, j0, j)
                    preds.append((i0 * self.width + j0, score))

    def viterbi(self) -> list[tuple[int, int]]:
        """The best path as a list of (start cell, end cell) beads, in order."""
        return self.best_path(lambda start, end, score: score)

    def best_path(self, value: Callable[[int, int, float], float]) -> list[tuple[int, int]]:
        """The path maximising the sum of ``value(start, end, score)`` over its beads."""
        best = {0: 0.0}
        back: dict[int, int] = {}
        for cell in self.cells[1:]:
            top, arg = _NEG_INF, -1
            for start, score in self.preds[cell]:
                total = best.get(start, _NEG_INF) + value(start, cell, score)
                if total > top:
                    top, arg = total, start
            if arg >= 0:
                best[cell], back[cell] = top, arg
        path = []
        cell = self.cells[-1]
        while cell:
            path.append((back[cell], cell))
            cell = back[cell]
        return path[::-1]

    def forward_backward(self) -> tuple[dict[int, float], dict[int, float]]:
        """Log-sums of all paths from the start to each cell and from each cell to the end."""
        fwd = {0: 0.0}
        for cell in self.cells[1:]:
            terms = [fwd[s] + score for s, score in self.preds[cell] if s in fwd]
            if terms:
                top = max(terms)
                fwd[cell] = top + math.log(sum(math.exp(t - top) for t in terms))
        bwd = {self.cells[-1]: 0.0}
        for cell in reversed(self.cells):
            after = bwd.get(cell)
            if after is None:
                continue
            for start, score in self.preds[cell]:
                bwd[start] = _logaddexp(bwd.get(start, _NEG_INF), score + after)
        return fwd, bwd

    def split(self, cell: int) -> tuple[int, int]:
        return divmod(cell, self.width)
