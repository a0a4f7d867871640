"""The aligner's model: what a link between two texts is scored on, and the fitted values.

``link_features`` reads two texts' anchors (figures, Latin tokens, names, quotes, lexicon,
dictionary, glossary and MT stems) and lengths; ``link_score`` weighs them; ``AlignmentModel``
holds the priors, the length model and the weights, fitted on the dev data's blocked folds
(``bench/align_fit.py``); ``KO_EN`` is the shipped Korean–English model.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from workflow.alignment.anchors import (
    Anchors,
    match_numbers,
)
from workflow.alignment.lexicon import Lexicon, default_dictionary, default_lexicon

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


# ---------------------------------------------------------------------------------------------
# Search.
# ---------------------------------------------------------------------------------------------

_SQRT_2PI = math.sqrt(2.0 * math.pi)


def normal_density(x: float, mean: float, sigma: float) -> float:
    z = (x - mean) / sigma
    return math.exp(-0.5 * z * z) / (sigma * _SQRT_2PI)


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
        linked = (1.0 - self.loose_weight) * normal_density(r, self.mean, self.sigma)
        linked += self.loose_weight * normal_density(r, self.mean, self.loose_sigma)
        unrelated = normal_density(r, self.unrelated_mean, self.unrelated_sigma)
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


def shared_anchors(features: LinkFeatures) -> int:
    """How many anchors two texts share: figures, Latin-script tokens, names, lexicon,
    dictionary and glossary matches."""
    f = features
    shared = f.number_match + f.latin_match + f.name_match + f.lex_match + f.dict_match
    return int(shared + f.term_match)
