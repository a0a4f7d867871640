"""Sentence alignment of a Korean article with its English edition.

``align(source, target)`` returns beads (``workflow.model.Bead``) in article order that cover
every sentence exactly once. A bead joins 0–2 source sentences to 0–2 target sentences (types
1-1, 2-1, 1-2, 1-0 and 0-1; 2-2 is left out because it mostly swallows two good 1-1 beads).

The model is a small generative one, searched by dynamic programming over a band around the
diagonal as in Gale & Church (1993), so time and memory grow with the article's length times
the band's width, never with N×M. A linked bead scores its type's prior plus the log-likelihood
ratio "translations of each other" vs "unrelated neighbouring sentences" of:

* the lengths, with the English/Korean character ratio (about 2, spaces counted) and its
  spread fitted on data;
* anchors (``workflow.alignment.anchors``): figures across Korean units, Latin-script tokens,
  transliterated names, quotation marks, parentheses, question marks;
* a bilingual lexicon learned without labels from other text (``workflow.alignment.lexicon``):
  English stems offered by the Korean stems, and English stems the lexicon knows but nobody
  offered;
* the same two counts from a Korean–English dictionary reduced to the same stems (shipped in
  ``alignment/data/align_dictionary_ko_en.tsv``, from the Basic Korean Dictionary): it knows
  the everyday words that the learned lexicon is too small to hold (``판매`` ↔ ``sales``);
* optionally a caller's glossary (``lexicon=``) and a machine translation of each source
  sentence (``source_mt=``, compared with the English as a token-overlap F-score, like
  Bleualign);
* optionally paragraph breaks (``source_breaks=``, ``target_breaks=``): a bead across a break
  costs 3 nats; a bead boundary at a break of one side only could cost a little, but on the
  dev data it costs nothing (see ``AlignmentModel``).

A 2-1 or 1-2 bead also scores whether both of its joined sentences share an anchor with the
other side (``half_llr``): a sentence merged in with nothing in common with the other side is
more often a 1-0 or 0-1 bead, or another bead's. A 1-0 or 0-1 bead scores only its prior, so a
sentence stays unlinked when every link on offer is less likely than chance; that prior is
calibrated by cross-validation (see the constants).

The beads returned are those of the path with the most expected right beads, less
``bead_cost`` per bead (minimum Bayes risk decoding over the posteriors below), which suits an
exact-bead F-score better than the single most likely path (``bead_cost=None``).

Confidence: a bead's ``confidence`` is its posterior probability under the model (forward–
backward over the band), i.e. the model's probability that this exact bead is right. On the
dev data it is roughly calibrated (see ``bench/align.py``); beads below ``REVIEW_THRESHOLD``
are right less than about 9 times in 10 and should be shown to a reviewer.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from workflow.alignment.anchors import (
    Anchors,
    source_anchors,
    target_anchors,
)
from workflow.alignment.lattice import Breaks, Lattice
from workflow.alignment.model import (
    AlignmentModel,
    default_model,
)
from workflow.errors import BadInput, UnknownLocale
from workflow.model import Bead

__all__ = ["REVIEW_THRESHOLD", "WINDOW", "align"]

#: Beads with a lower confidence should be reviewed: in 5-fold cross-validation on the dev data
#: beads at 0.9 and above were right 95–99 % of the time, at 0.8–0.9 90 %, at 0.5–0.8 74–80 %,
#: below 0.5 37 % (bench/align.py; the few beads below 0.8 vary from run to run).
REVIEW_THRESHOLD = 0.8


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_", 1)[0].lower()


def _breaks(
    source: Collection[int] | None, target: Collection[int] | None, n: int, m: int
) -> Breaks | None:
    """Both sides' paragraph starts, or None unless both are known; index 0 always starts one."""
    if source is None or target is None:
        return None
    return Breaks(
        frozenset(i for i in source if 0 < i < n) | {0, n},
        frozenset(j for j in target if 0 < j < m) | {0, m},
    )


def align(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_lang: str = "ko",
    target_lang: str = "en",
    source_breaks: Collection[int] | None = None,
    target_breaks: Collection[int] | None = None,
    lexicon: Mapping[str, Collection[str]] | None = None,
    source_mt: Sequence[str | None] | None = None,
    model: AlignmentModel | None = None,
) -> list[Bead]:
    """Align the sentences of an article with those of its translation.

    Returns beads in order, covering every sentence of both sides exactly once; a bead's
    ``confidence`` is its posterior probability (below ``REVIEW_THRESHOLD``: review it). With
    one side empty, every sentence of the other is a bead of its own with confidence 1, since
    nothing else is possible. Languages are matched on their primary subtag (``en_US`` is
    ``en``); only Korean → English is modelled, another pair raises ``UnknownLocale``.

    Optional evidence: ``source_breaks``/``target_breaks`` are the indices of the sentences
    that start a paragraph (used only when both are given); ``lexicon`` maps Korean terms to
    English renderings (a glossary, approved translation memory); ``source_mt`` is a machine
    translation of each source sentence. ``model`` replaces the shipped model (for fitting).
    """
    if (_language(source_lang), _language(target_lang)) != ("ko", "en"):
        raise UnknownLocale(
            "no sentence aligner for %(source_lang)s→%(target_lang)s; known: ko→en",
            source_lang=source_lang,
            target_lang=target_lang,
        )
    if source_mt is not None and len(source_mt) != len(source):
        raise BadInput(
            "source_mt has %(n_source_mt)s sentences for %(n_source)s source sentences",
            n_source_mt=len(source_mt),
            n_source=len(source),
            field="source_mt",
        )
    if not source or not target:
        return [Bead((i,), ()) for i in range(len(source))] + [
            Bead((), (j,)) for j in range(len(target))
        ]
    model = model or default_model()
    mts: Sequence[str | None] = source_mt if source_mt is not None else [None] * len(source)
    src = [
        source_anchors(s, model.lexicon, mt=mt, terms=lexicon, dictionary=model.dictionary)
        for s, mt in zip(source, mts, strict=True)
    ]
    tgt = [target_anchors(t, model.lexicon, model.dictionary) for t in target]
    breaks = _breaks(source_breaks, target_breaks, len(source), len(target))
    beads: list[Bead] = []
    i, j = 0, 0
    while i < len(src) or j < len(tgt):
        # Long articles go window by window: the first WINDOW_KEEP source sentences of a
        # window's alignment are kept, and the next window starts where they end, so time and
        # memory stay proportional to one window whatever the article's length.
        i1 = len(src) if len(src) - i <= WINDOW else i + WINDOW
        j1 = (
            len(tgt)
            if i1 == len(src)
            else min(len(tgt), j + _window_target(i1 - i, len(src), len(tgt)))
        )
        found = _search(src[i:i1], tgt[j:j1], model, breaks and breaks.window(i, i1, j, j1))
        if i1 < len(src):
            found = [b for b in found if b[0] < WINDOW_KEEP] or found[:1]
        for si, ti, sn, tn, posterior in found:
            beads.append(
                Bead(
                    tuple(range(i + si, i + si + sn)), tuple(range(j + ti, j + ti + tn)), posterior
                )
            )
        i, j = i + found[-1][0] + found[-1][2], j + found[-1][1] + found[-1][3]
    return beads


#: Source sentences per search window of a long article, and how many of them are kept.
WINDOW = 150
WINDOW_KEEP = 100
_WINDOW_SLACK = 20  # extra target sentences in a window, for local drift


def _window_target(size: int, n: int, m: int) -> int:
    return math.ceil(size * m / n) + _WINDOW_SLACK


def _search(
    src: Sequence[Anchors], tgt: Sequence[Anchors], model: AlignmentModel, breaks: Breaks | None
) -> list[tuple[int, int, int, int, float]]:
    """Beads of the best path as (source start, target start, source count, target count,
    posterior), covering both sides; with one side empty, one bead per sentence."""
    if not src or not tgt:
        return [(i, 0, 1, 0, 1.0) for i in range(len(src))] + [
            (0, j, 0, 1, 1.0) for j in range(len(tgt))
        ]
    lattice = Lattice(src, tgt, model, breaks)
    fwd, bwd = lattice.forward_backward()
    total = fwd[lattice.cells[-1]]

    def posterior(start: int, end: int, score: float) -> float:
        if start not in fwd or end not in bwd:
            return 0.0
        return math.exp(min(0.0, fwd[start] + score + bwd[end] - total))

    if model.bead_cost is None:
        path = lattice.viterbi()
    else:
        cost = model.bead_cost
        path = lattice.best_path(lambda start, end, score: posterior(start, end, score) - cost)
    out = []
    for start, end in path:
        score = next(s for c, s in lattice.preds[end] if c == start)
        (i0, j0), (i1, j1) = lattice.split(start), lattice.split(end)
        out.append((i0, j0, i1 - i0, j1 - j0, posterior(start, end, score)))
    return out
