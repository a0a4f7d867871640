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

import bisect
import functools
import math
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from workflow.alignment.anchors import (
    Anchors,
    hangul_skeleton,
    latin_skeleton,
    match_numbers,
    source_anchors,
    target_anchors,
)
from workflow.alignment.lexicon import Lexicon, default_dictionary, default_lexicon
from workflow.errors import BadInput, UnknownLocale
from workflow.model import Bead
from workflow.numbers import english_numbers, korean_numbers

__all__ = [
    "KO_EN",
    "KO_EN_LENGTH",
    "KO_EN_WEIGHTS",
    "REVIEW_THRESHOLD",
    "AlignmentModel",
    "AnchorWeights",
    "Anchors",
    "LengthModel",
    "LinkFeatures",
    "align",
    "default_model",
    "english_numbers",
    "hangul_skeleton",
    "korean_numbers",
    "latin_skeleton",
    "link_features",
    "link_score",
    "source_anchors",
    "target_anchors",
]

#: Beads with a lower confidence should be reviewed: in 5-fold cross-validation on the dev data
#: beads at 0.9 and above were right 95–99 % of the time, at 0.8–0.9 90 %, at 0.5–0.8 74–80 %,
#: below 0.5 37 % (bench/align.py; the few beads below 0.8 vary from run to run).
REVIEW_THRESHOLD = 0.8

# ---------------------------------------------------------------------------------------------
# Model values.
# ---------------------------------------------------------------------------------------------


class LinkFeatures(NamedTuple):
    """The evidence that a source text and a target text translate each other.

    Also used, with the same field names, for the weight of each piece of evidence.
    """

    length: float  # log-likelihood ratio of the two lengths (``LengthModel.log_ratio``)
    number_match: float  # figures found on both sides
    number_miss: float  # figures (written in digits) found on one side only
    latin_match: float  # Latin-script tokens of the Korean found in the English
    latin_miss: float  # … and not found
    name_match: float  # capitalised English words whose skeleton a Korean word starts with
    name_miss: float  # … and those it does not
    quote_both: float
    quote_one: float
    paren_both: float
    paren_one: float
    question_both: float
    question_one: float
    lex_match: float  # English stems that a Korean stem offers (learned lexicon)
    lex_miss: float  # English stems the lexicon knows that no Korean stem offered
    term_match: float  # glossary terms of the Korean whose rendering is in the English
    term_miss: float  # … and whose rendering is not
    mt_similarity: float  # token F-score of MT and English, less what unrelated pairs reach
    dict_match: float  # English stems that a Korean stem offers (dictionary)
    dict_miss: float  # English stems the dictionary knows that no Korean stem offered


@dataclass(frozen=True)
class LengthModel:
    """Densities of r = ln(target chars / source chars) for linked and for unrelated pairs.

    Linked pairs are a mixture sharing one mean: tight translations and loose or partial ones.
    """

    mean: float
    sigma: float
    loose_weight: float
    loose_sigma: float
    unrelated_mean: float
    unrelated_sigma: float

    def log_ratio(self, source_chars: int, target_chars: int) -> float:
        """Log-likelihood ratio "linked" vs "unrelated" of a pair of lengths."""
        r = math.log(max(target_chars, 1) / max(source_chars, 1))
        linked = (1.0 - self.loose_weight) * _normal(r, self.mean, self.sigma)
        linked += self.loose_weight * _normal(r, self.mean, self.loose_sigma)
        unrelated = _normal(r, self.unrelated_mean, self.unrelated_sigma)
        return math.log(max(linked, 1e-300)) - math.log(max(unrelated, 1e-300))


@dataclass(frozen=True)
class AnchorWeights:
    """Weights turning ``LinkFeatures`` into a log-likelihood ratio: ``bias + weights · f``."""

    bias: float
    weights: LinkFeatures


@dataclass(frozen=True)
class AlignmentModel:
    """Everything the search needs for one language pair.

    ``break_mismatch`` (nats) is charged for a bead boundary at a paragraph break of one side
    only, ``break_inside`` for each paragraph break inside a bead. Both chosen by 5-fold
    cross-validation on the dev data with the dictionary features (``bench/align.py``, beads_all
    F1 with breaks; .960 without): no gold bead crosses a break, so any ``break_inside`` from 2
    to 20 gives .963 (1.5: .961; 1: .960), 3 sits inside that plateau; but one-side breaks are
    common at gold boundaries (English splits paragraphs; a 1-0 or 0-1 bead at a paragraph's
    edge has one at one of its ends), so every ``break_mismatch`` above 0.05 costs F1 (0.25:
    .960; 1: .957, 1-0 recall .68 → .47) and it is 0: unused, kept for callers whose breaks
    agree more.

    ``half_llr[k]`` (nats) is added to a 2-1 or 1-2 bead when the fewer anchors one of its two
    joined sentences shares with the other side falls in bin k of ``half_bins`` (edges).
    ``bead_cost`` switches decoding from the most likely path (None) to the path with the most
    expected right beads less ``bead_cost`` per bead.
    """

    log_prior: Mapping[tuple[int, int], float]  # by (source count, target count) of a bead
    length: LengthModel
    anchors: AnchorWeights
    lexicon: Lexicon | None = None
    dictionary: Lexicon | None = None
    break_mismatch: float = 0.0
    break_inside: float = 3.0
    half_bins: tuple[int, ...] = ()
    half_llr: tuple[float, ...] = (0.0,)
    bead_cost: float | None = None


# Fitted on the gold beads of bench/data/align/dev.jsonl (Korean versions of CNN, AP and Korea
# Times stories; 1,135 beads) by ``bench/align.py --fit``:
# * bead-type priors are the log relative frequencies of the types (970 1-1, 60 2-1, 52 1-2,
#   19 1-0, 34 0-1), those of 1-0 and 0-1 raised by 1 nat: chosen by 5-fold cross-validation,
#   it lifts their recall from about .5 to about .75 at no cost in F1;
# * the linked length density is a two-Gaussian mixture with one shared mean fitted by EM on
#   r of the 970 gold 1-1 pairs; the unrelated one is a Gaussian fitted on r of the wrong pairs
#   next to them (Korean sentence of 1-1 bead k with the English of beads k±1..3);
# * the anchor weights are an L2-regularised logistic regression of gold 1-1 pairs against
#   those wrong neighbouring pairs; its intercept, less the log of the class ratio, turns
#   log-odds into a log-likelihood ratio. The lexicon features of an article are computed with
#   a lexicon learned on the other folds only (as it will be on new text); that lexicon keeps
#   only surer stem pairs (``learn_lexicon``'s threshold 0.2, CV-chosen: F1 .946 → .955).
#   The dictionary features (``dict_match``, ``dict_miss``) are fitted alongside, with the
#   dictionary in the first pass too: 5-fold CV beads_all F1 .955 → .960 on consecutive folds,
#   .952 → .960 on interleaved ones (dictionary stems offering more than 20 or 80 English stems
#   left out instead of 40: .955 and .952).
# * ``half_llr`` (bins ``half_bins`` of the fewer anchors one of the two joined sentences of a
#   2-1 or 1-2 bead shares with the other side): log-likelihood ratio of gold 2-1/1-2 beads
#   against wrong merges (a gold 1-1 bead with a neighbouring sentence added), add-one
#   smoothed; one bin edge at 1 (a half sharing nothing: -2.45); more bins (1, 4) double-count
#   what the link score already holds (blocked-fold F1 .959 → .950);
# * ``bead_cost`` 0.3 (minimum Bayes risk decoding) was chosen on the blocked folds (buffer 1):
#   beads_all F1 .9586 with Viterbi, .9600 at 0, .9604 at 0.3, .9603 at 0.5; leave-one-block-out
#   .9590, .9591, .9621, .9607;
# * the lexicon also learns from the JHE dev pairs (general-domain text), with the Korean stop
#   stems of ``alignment_lexicon`` left out (without them the JHE pairs taught pronouns and
#   endings to offer frequent English words: blocked-fold F1 .9563 → .9528; with them .9581);
#   it learns from the gold beads of the training articles rather than from a first pass's
#   confident 1-1 beads (blocked .9604 → .9617, leave-one-block-out .9621 → .9634);
# * glossary and MT weights are set by hand (there is no glossary or MT in the data): a
#   glossary hit counts like a Latin-script token, an MT F-score of 0.5 above chance like a
#   matching figure.
KO_EN_LOG_PRIOR: dict[tuple[int, int], float] = {
    (1, 1): -0.157,
    (2, 1): -2.94,
    (1, 2): -3.083,
    (1, 0): -3.09,
    (0, 1): -2.508,
}
KO_EN_LENGTH = LengthModel(
    mean=0.698,
    sigma=0.191,
    loose_weight=0.397,
    loose_sigma=0.393,
    unrelated_mean=0.692,
    unrelated_sigma=0.666,
)
KO_EN_WEIGHTS = AnchorWeights(
    bias=0.77,
    weights=LinkFeatures(
        length=0.68,
        number_match=2.27,
        number_miss=-0.97,
        latin_match=1.06,
        latin_miss=-0.61,
        name_match=0.78,
        name_miss=-0.17,
        quote_both=0.29,
        quote_one=-1.14,
        paren_both=0.90,
        paren_one=-0.17,
        question_both=1.07,
        question_one=-0.45,
        lex_match=0.44,
        lex_miss=-0.31,
        term_match=1.20,
        term_miss=-0.70,
        mt_similarity=5.00,
        dict_match=0.96,
        dict_miss=-0.20,
    ),
)
KO_EN_HALF_BINS = (1,)
KO_EN_HALF_LLR = (-2.45, 0.34)
# What the token F-score of a machine translation reaches against an unrelated sentence.
MT_CHANCE = 0.1


#: The Korean → English model without its lexicon and dictionary (``default_model()`` adds
#: them).
KO_EN = AlignmentModel(
    log_prior=KO_EN_LOG_PRIOR,
    length=KO_EN_LENGTH,
    anchors=KO_EN_WEIGHTS,
    half_bins=KO_EN_HALF_BINS,
    half_llr=KO_EN_HALF_LLR,
    bead_cost=0.3,
)


@functools.cache
def default_model() -> AlignmentModel:
    """The Korean → English model with the shipped lexicon and dictionary (read on first use)."""
    return replace(KO_EN, lexicon=default_lexicon(), dictionary=default_dictionary())


def link_features(
    source: Anchors, target: Anchors, length: LengthModel = KO_EN_LENGTH
) -> LinkFeatures:
    """The evidence that a Korean text and an English text translate each other."""
    number_match, number_miss = match_numbers(
        source.numbers, target.numbers, target.optional_numbers
    )
    latin_match = sum(1 for token in source.latin if token in target.words)
    name_match = sum(1 for name in target.names if name in source.name_prefixes)
    lex_match = len(source.offers & target.known)
    term_match = sum(1 for stems in source.terms if stems & target.stems)
    dict_match = len(source.dict_offers & target.dict_known)
    mt = 0.0
    if source.mt:
        overlap = len(source.mt & target.stems)
        mt = 2.0 * overlap / (len(source.mt) + len(target.stems)) - MT_CHANCE
    return LinkFeatures(
        length.log_ratio(source.chars, target.chars),
        number_match,
        number_miss,
        latin_match,
        len(source.latin) - latin_match,
        name_match,
        len(target.names) - name_match,
        source.quote and target.quote,
        source.quote != target.quote,
        source.paren and target.paren,
        source.paren != target.paren,
        source.question and target.question,
        source.question != target.question,
        lex_match,
        len(target.known) - lex_match,
        term_match,
        len(source.terms) - term_match,
        mt,
        dict_match,
        len(target.dict_known) - dict_match,
    )


def link_score(features: LinkFeatures, weights: AnchorWeights = KO_EN_WEIGHTS) -> float:
    """Log-likelihood ratio "translations of each other" vs "unrelated neighbours"."""
    dot: float = sum(map(operator.mul, weights.weights, features))
    return weights.bias + dot


# ---------------------------------------------------------------------------------------------
# Search.
# ---------------------------------------------------------------------------------------------

_NEG_INF = -math.inf
_SQRT_2PI = math.sqrt(2.0 * math.pi)


def _normal(x: float, mean: float, sigma: float) -> float:
    z = (x - mean) / sigma
    return math.exp(-0.5 * z * z) / (sigma * _SQRT_2PI)


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
class _Breaks:
    """Paragraph starts of both sides (sentence indices), when the caller knows them."""

    source: frozenset[int]
    target: frozenset[int]

    def boundary(self, i: int, j: int) -> bool:
        """Whether a bead boundary at (i, j) sits at a break of one side only."""
        return (i in self.source) != (j in self.target)

    def window(self, i0: int, i1: int, j0: int, j1: int) -> _Breaks:
        """The breaks of a window [i0, i1) × [j0, j1), counted from its start."""
        return _Breaks(
            frozenset(i - i0 for i in self.source if i0 <= i <= i1) | {0, i1 - i0},
            frozenset(j - j0 for j in self.target if j0 <= j <= j1) | {0, j1 - j0},
        )

    def inside(self, i0: int, i1: int, j0: int, j1: int) -> int:
        """Breaks strictly inside a bead spanning [i0, i1) × [j0, j1)."""
        return sum(i in self.source for i in range(i0 + 1, i1)) + sum(
            j in self.target for j in range(j0 + 1, j1)
        )


def shared_anchors(features: LinkFeatures) -> int:
    """How many anchors two texts share: figures, Latin-script tokens, names, lexicon,
    dictionary and glossary matches."""
    f = features
    shared = f.number_match + f.latin_match + f.name_match + f.lex_match + f.dict_match
    return int(shared + f.term_match)


class _Lattice:
    """Scored beads over the band between two non-empty texts; cells are (i, j) boundaries.

    ``preds[c]`` lists the beads ending at cell ``c`` as (start cell, score); ``cells`` is in
    topological order, so one pass forward (Viterbi, forward sums) and one backward suffice.
    """

    def __init__(
        self,
        src: Sequence[Anchors],
        tgt: Sequence[Anchors],
        model: AlignmentModel,
        breaks: _Breaks | None = None,
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


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_", 1)[0].lower()


def _breaks(
    source: Collection[int] | None, target: Collection[int] | None, n: int, m: int
) -> _Breaks | None:
    """Both sides' paragraph starts, or None unless both are known; index 0 always starts one."""
    if source is None or target is None:
        return None
    return _Breaks(
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
        raise UnknownLocale(f"no sentence aligner for {source_lang}→{target_lang}; known: ko→en")
    if source_mt is not None and len(source_mt) != len(source):
        raise BadInput(
            f"source_mt has {len(source_mt)} sentences for {len(source)} source sentences",
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
    src: Sequence[Anchors], tgt: Sequence[Anchors], model: AlignmentModel, breaks: _Breaks | None
) -> list[tuple[int, int, int, int, float]]:
    """Beads of the best path as (source start, target start, source count, target count,
    posterior), covering both sides; with one side empty, one bead per sentence."""
    if not src or not tgt:
        return [(i, 0, 1, 0, 1.0) for i in range(len(src))] + [
            (0, j, 0, 1, 1.0) for j in range(len(tgt))
        ]
    lattice = _Lattice(src, tgt, model, breaks)
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
