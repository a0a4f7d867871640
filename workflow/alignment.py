"""Sentence alignment of a Korean article with its English edition.

``align(source, target)`` returns beads (``workflow.model.Bead``) in article order that cover
every sentence exactly once. A bead joins 0–2 source sentences to 0–2 target sentences (types
1-1, 2-1, 1-2, 1-0 and 0-1; 2-2 is left out because it mostly swallows two good 1-1 beads).

The model is a small generative one, searched by dynamic programming over a band around the
diagonal as in Gale & Church (1993). A linked bead scores its type's prior plus the
log-likelihood ratio "translations of each other" vs "unrelated neighbouring sentences" of:

* the lengths, with the English/Korean character ratio (about 2, spaces counted) and its
  spread fitted on data;
* anchors that survive translation: figures normalised across Korean units
  (``1억1천만 달러`` ↔ ``$110 million``, ``28일`` ↔ ``Apr. 28``, ``3국`` ↔ ``three``),
  Latin-script tokens and acronyms inside Korean (``ACSA``), names transliterated into Hangul
  (``카스파로프`` ↔ ``Kasparov``), quotation marks, parentheses and question marks.

A 1-0 or 0-1 bead scores only its prior, so a sentence stays unlinked when every link on offer
is less likely than chance. A bead's confidence is its posterior probability under the same
model (forward–backward over the band): unlinked and doubtful beads read as doubtful.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from workflow.errors import UnknownLocale
from workflow.model import Bead

__all__ = [
    "KO_EN_LENGTH",
    "KO_EN_WEIGHTS",
    "AnchorWeights",
    "Anchors",
    "LengthModel",
    "LinkFeatures",
    "align",
    "english_numbers",
    "hangul_skeleton",
    "korean_numbers",
    "latin_skeleton",
    "link_features",
    "link_score",
    "source_anchors",
    "target_anchors",
]


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
    """Everything the search needs for one language pair."""

    log_prior: dict[tuple[int, int], float]  # by (source count, target count) of a bead
    length: LengthModel
    anchors: AnchorWeights


# Fitted on the gold beads of shared/data/align/dev.jsonl (Korean versions of CNN, AP and Korea
# Times stories; 1,135 beads) by ``bench/align.py --fit``:
# * bead-type priors are the relative frequencies of the types (970 1-1, 60 2-1, 52 1-2,
#   19 1-0, 34 0-1);
# * the linked length density is a two-Gaussian mixture with one shared mean fitted by EM on
#   r of the 970 gold 1-1 pairs; the unrelated one is a Gaussian fitted on r of the wrong pairs
#   next to them (Korean sentence of 1-1 bead k with the English of beads k±1..3);
# * the anchor weights are an L2-regularised logistic regression of gold 1-1 pairs against
#   those wrong neighbouring pairs; its intercept, less the log of the class ratio, turns
#   log-odds into a log-likelihood ratio.
KO_EN_LOG_PRIOR: dict[tuple[int, int], float] = {
    (1, 1): math.log(970 / 1135),
    (2, 1): math.log(60 / 1135),
    (1, 2): math.log(52 / 1135),
    (1, 0): math.log(19 / 1135),
    (0, 1): math.log(34 / 1135),
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
    bias=0.44,
    weights=LinkFeatures(
        length=0.89,
        number_match=2.43,
        number_miss=-1.08,
        latin_match=1.24,
        latin_miss=-0.72,
        name_match=1.11,
        name_miss=-0.20,
        quote_both=0.32,
        quote_one=-1.30,
        paren_both=1.97,
        paren_one=-0.12,
        question_both=1.28,
        question_one=-0.98,
    ),
)
KO_EN = AlignmentModel(log_prior=KO_EN_LOG_PRIOR, length=KO_EN_LENGTH, anchors=KO_EN_WEIGHTS)

# ---------------------------------------------------------------------------------------------
# Figures.
# ---------------------------------------------------------------------------------------------

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_NUMBER = re.compile(rf"(?:{_DIGITS}[십백천]?[만억조]?)+")
_KO_NUMBER_PART = re.compile(rf"({_DIGITS})([십백천]?)([만억조]?)")
_KO_SMALL_UNIT = {"": 1.0, "십": 10.0, "백": 100.0, "천": 1e3}
_KO_LARGE_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
_EN_NUMBER = re.compile(
    rf"({_DIGITS})(?:\s*-?\s*(hundred|thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
_EN_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Spelled-out English figures and month names match a Korean figure (``3국`` ↔ ``three``,
# ``4월`` ↔ ``April``) but are never missed: Korean writes small figures in words too.
_EN_WORD_NUMBER = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "hundred": 100, "thousand": 1000, "dozen": 12, "bilateral": 2, "trilateral": 3,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4,
    "june": 6, "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_EN_WORD = re.compile(r"[A-Za-z]+")


def _value_key(value: float) -> float:
    """A figure rounded to six significant digits, so ``1.1e8`` equals ``110 * 1e6``."""
    return float(f"{value:.6g}")


def _digits(text: str) -> float:
    return float(text.replace(",", ""))


def korean_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in Korean text, units applied (``1억1천만`` → 1.1e8)."""
    found = []
    for match in _KO_NUMBER.finditer(text):
        total = section = 0.0
        for digits, small, large in _KO_NUMBER_PART.findall(match.group()):
            section += _digits(digits) * _KO_SMALL_UNIT[small]
            if large:
                total += section * _KO_LARGE_UNIT[large]
                section = 0.0
        found.append(_value_key(total + section))
    return tuple(found)


def english_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in English text, scale words applied (``$1.5 billion``)."""
    return tuple(
        _value_key(_digits(digits) * _EN_SCALE.get(scale.lower(), 1.0))
        for digits, scale in _EN_NUMBER.findall(text)
    )


def _english_word_numbers(text: str) -> tuple[float, ...]:
    values = (_EN_WORD_NUMBER.get(w.lower()) for w in _EN_WORD.findall(text))
    return tuple(float(v) for v in values if v is not None)


def _match_numbers(
    source: tuple[float, ...], target: tuple[float, ...], optional: tuple[float, ...]
) -> tuple[int, int]:
    """(matched, missed) figures; ``optional`` target figures match but are never missed."""
    if not source and not target:
        return 0, 0
    rest, spare = list(target), list(optional)
    matched = 0
    for value in source:
        if value in rest:
            rest.remove(value)
        elif value in spare:
            spare.remove(value)
        else:
            continue
        matched += 1
    return matched, len(source) - matched + len(rest)


# ---------------------------------------------------------------------------------------------
# Latin-script tokens and transliterated names.
# ---------------------------------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*")
# Names are written in Hangul in Korean (``카스파로프`` for ``Kasparov``): both sides are reduced
# to a skeleton of consonant classes (K: k g c q, T: t d, P: p b f v, S: s z j ch sh, R: r l,
# N: n ng, M: m) that survives transliteration. An English name matches a Korean word whose
# skeleton starts with the name's, because Korean particles follow the name.
_HANGUL_WORD = re.compile(r"[가-힣]+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_MIN_SKELETON = 3  # shorter skeletons match unrelated Korean words too often
_KO_INITIAL = ("K", "K", "N", "T", "T", "R", "M", "P", "P", "S", "S", "", "S", "S", "S", "K",
               "T", "P", "")  # fmt: skip
_KO_FINAL = ("", "K", "K", "K", "N", "N", "N", "T", "R", "R", "R", "R", "R", "R", "R", "R",
             "M", "P", "P", "S", "S", "N", "S", "S", "K", "T", "P", "")  # fmt: skip
_EN_DIGRAPH = {"ph": "P", "th": "T", "ch": "S", "sh": "S", "ck": "K", "ng": "N", "qu": "K",
               "gh": ""}  # fmt: skip
_EN_LETTER = {"b": "P", "p": "P", "f": "P", "v": "P", "c": "K", "g": "K", "k": "K", "q": "K",
              "d": "T", "t": "T", "l": "R", "m": "M", "n": "N", "s": "S", "z": "S", "j": "S",
              "x": "KS"}  # fmt: skip
_VOWELS = frozenset("aeiouy")
_SOFTENING = frozenset("eiy")  # a c before them sounds s (Lawrence, Francisco)
_REPEAT = re.compile(r"(.)\1+")


def _latin_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.replace(".", "").lower() for t in _LATIN.findall(text))


def hangul_skeleton(word: str) -> str:
    """Consonant classes of a Hangul word, repeats collapsed (``카스파로프`` → ``KSPRP``)."""
    out = []
    for ch in word:
        initial, rest = divmod(ord(ch) - 0xAC00, 588)
        out.append(_KO_INITIAL[initial])
        out.append(_KO_FINAL[rest % 28])
    return _REPEAT.sub(r"\1", "".join(out))


def latin_skeleton(word: str) -> str:
    """Consonant classes of an English word as Korean hears them (``Carter`` → ``KT``).

    An ``r`` not followed by a vowel is dropped, as Korean transliteration drops it; a ``c``
    before e, i or y is an s.
    """
    w = word.lower()
    out = []
    i = 0
    while i < len(w):
        digraph = _EN_DIGRAPH.get(w[i : i + 2])
        if digraph is not None:
            out.append(digraph)
            i += 2
            continue
        if w[i] == "c" and i + 1 < len(w) and w[i + 1] in _SOFTENING:
            out.append("S")
        elif w[i] != "r":
            out.append(_EN_LETTER.get(w[i], ""))
        elif i + 1 < len(w) and w[i + 1] in _VOWELS:
            out.append("R")
        i += 1
    return _REPEAT.sub(r"\1", "".join(out))


def _skeleton_prefixes(text: str) -> frozenset[str]:
    prefixes: set[str] = set()
    for word in _HANGUL_WORD.findall(text):
        skeleton = hangul_skeleton(word)
        prefixes.update(skeleton[:n] for n in range(_MIN_SKELETON, len(skeleton) + 1))
    return frozenset(prefixes)


def _name_skeletons(text: str) -> tuple[str, ...]:
    skeletons = (latin_skeleton(w) for w in _CAPITALISED.findall(text))
    return tuple(s for s in skeletons if len(s) >= _MIN_SKELETON)


# ---------------------------------------------------------------------------------------------
# Anchors of a sentence, and the evidence of a link.
# ---------------------------------------------------------------------------------------------

_QUOTES = frozenset('"“”«»„‘’')
_EN_QUOTES = frozenset('"“”«»„')  # an English ’ is mostly an apostrophe


@dataclass(frozen=True)
class Anchors:
    """What a sentence carries that survives translation, normalised for matching.

    Fields a side does not use stay empty; ``a + b`` is two adjacent sentences taken together.
    """

    chars: int
    numbers: tuple[float, ...]  # figures written with digits, as values
    optional_numbers: tuple[float, ...] = ()  # English figures in words and months
    latin: tuple[str, ...] = ()  # Latin-script tokens of Korean, lower case, no dots
    words: frozenset[str] = frozenset()  # Latin-script tokens of English, lower case, no dots
    name_prefixes: frozenset[str] = frozenset()  # skeleton prefixes of Korean words
    names: tuple[str, ...] = ()  # skeletons of capitalised English words
    quote: bool = False
    paren: bool = False
    question: bool = False

    def __add__(self, other: Anchors) -> Anchors:
        return Anchors(
            chars=self.chars + 1 + other.chars,
            numbers=self.numbers + other.numbers,
            optional_numbers=self.optional_numbers + other.optional_numbers,
            latin=self.latin + other.latin,
            words=self.words | other.words,
            name_prefixes=self.name_prefixes | other.name_prefixes,
            names=self.names + other.names,
            quote=self.quote or other.quote,
            paren=self.paren or other.paren,
            question=self.question or other.question,
        )


def source_anchors(text: str) -> Anchors:
    """Anchors of a Korean sentence."""
    return Anchors(
        chars=len(text),
        numbers=korean_numbers(text),
        latin=_latin_tokens(text),
        name_prefixes=_skeleton_prefixes(text),
        quote=any(c in _QUOTES for c in text),
        paren="(" in text or "（" in text,
        question="?" in text or "？" in text,
    )


def target_anchors(text: str) -> Anchors:
    """Anchors of an English sentence."""
    return Anchors(
        chars=len(text),
        numbers=english_numbers(text),
        optional_numbers=_english_word_numbers(text),
        words=frozenset(_latin_tokens(text)),
        names=_name_skeletons(text),
        quote=any(c in _EN_QUOTES for c in text),
        paren="(" in text,
        question="?" in text,
    )


def link_features(
    source: Anchors, target: Anchors, length: LengthModel = KO_EN_LENGTH
) -> LinkFeatures:
    """The evidence that a Korean text and an English text translate each other."""
    number_match, number_miss = _match_numbers(
        source.numbers, target.numbers, target.optional_numbers
    )
    latin_match = sum(1 for token in source.latin if token in target.words)
    name_match = sum(1 for name in target.names if name in source.name_prefixes)
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
    )


def link_score(features: LinkFeatures, weights: AnchorWeights = KO_EN_WEIGHTS) -> float:
    """Log-likelihood ratio "translations of each other" vs "unrelated neighbours"."""
    return weights.bias + sum(w * f for w, f in zip(weights.weights, features, strict=True))


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


class _Lattice:
    """Scored beads over the band between two non-empty texts; cells are (i, j) boundaries.

    ``preds[c]`` lists the beads ending at cell ``c`` as (start cell, score); ``cells`` is in
    topological order, so one pass forward (Viterbi, forward sums) and one backward suffice.
    """

    def __init__(self, src: Sequence[Anchors], tgt: Sequence[Anchors], model: AlignmentModel):
        self.n, self.m = len(src), len(tgt)
        self.width = self.m + 1
        band = _band(self.n, self.m)
        src2 = [a + b for a, b in pairwise(src)]
        tgt2 = [a + b for a, b in pairwise(tgt)]
        self.cells: list[int] = []
        self.preds: dict[int, list[tuple[int, float]]] = {}
        for i, (lo, hi) in enumerate(band):
            for j in range(lo, hi + 1):
                cell = i * self.width + j
                self.cells.append(cell)
                preds = self.preds[cell] = []
                for (di, dj), prior in model.log_prior.items():
                    i0, j0 = i - di, j - dj
                    if i0 < 0 or j0 < 0 or not band[i0][0] <= j0 <= band[i0][1]:
                        continue
                    score = prior
                    if di and dj:
                        a = src[i0] if di == 1 else src2[i0]
                        b = tgt[j0] if dj == 1 else tgt2[j0]
                        score += link_score(link_features(a, b, model.length), model.anchors)
                    preds.append((i0 * self.width + j0, score))

    def viterbi(self) -> list[tuple[int, int]]:
        """The best path as a list of (start cell, end cell) beads, in order."""
        best = {0: 0.0}
        back: dict[int, int] = {}
        for cell in self.cells[1:]:
            top, arg = _NEG_INF, -1
            for start, score in self.preds[cell]:
                value = best.get(start, _NEG_INF) + score
                if value > top:
                    top, arg = value, start
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


def align(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_lang: str = "ko",
    target_lang: str = "en",
) -> list[Bead]:
    """Align the sentences of an article with those of its translation.

    Returns beads in order, covering every sentence of both sides exactly once; a bead's
    ``confidence`` is its posterior probability. With one side empty, every sentence of the
    other is a bead of its own with confidence 1, since nothing else is possible. Languages
    are matched on their primary subtag (``en_US`` is ``en``); only Korean → English is
    modelled, another pair raises ``UnknownLocale``.
    """
    if (_language(source_lang), _language(target_lang)) != ("ko", "en"):
        raise UnknownLocale(f"no sentence aligner for {source_lang}→{target_lang}; known: ko→en")
    if not source or not target:
        return [Bead((i,), ()) for i in range(len(source))] + [
            Bead((), (j,)) for j in range(len(target))
        ]
    lattice = _Lattice(
        [source_anchors(s) for s in source], [target_anchors(t) for t in target], KO_EN
    )
    fwd, bwd = lattice.forward_backward()
    total = fwd[lattice.cells[-1]]
    beads = []
    for start, end in lattice.viterbi():
        score = next(s for c, s in lattice.preds[end] if c == start)
        posterior = math.exp(min(0.0, fwd[start] + score + bwd[end] - total))
        (i0, j0), (i1, j1) = lattice.split(start), lattice.split(end)
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), posterior))
    return beads
