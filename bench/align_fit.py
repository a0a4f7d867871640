"""Fitting the sentence aligner's constants on gold beads (used by ``bench/align.py``).

``fit_model(articles)`` learns everything from ``articles`` alone: bead-type priors, the length
densities, the anchor weights (a logistic regression of gold 1-1 pairs against wrong
neighbouring pairs), the ``half_llr`` of joined sentences and the lexicon (IBM Model 1 over the
articles' gold beads plus the parallel text of ``EXTRA_PAIRS``). The dictionary is not learned:
every fold uses it.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from workflow.alignment import anchors, model
from workflow.alignment.lexicon import Lexicon, default_dictionary, learn_lexicon

JHE = Path(__file__).resolve().parent / "data" / "align" / "jhe"


def gold_pairs(article: dict[str, Any]) -> list[tuple[str, str]]:
    """(Korean, English) texts of an article's gold beads that link both sides (the sentences
    of a 2-1 or 1-2 bead joined by a space): the parallel text the lexicon learns from."""
    ko, en = article["ko_sentences"], article["en_sentences"]
    return [
        (" ".join(ko[i] for i in ks), " ".join(en[j] for j in es))
        for ks, es in article["gold_beads"]
        if ks and es
    ]


def extra_pairs(folder: Path = JHE) -> list[tuple[str, str]]:
    """The JHE dev pairs (line n of ``.ko`` translates line n of ``.en``): general-domain text
    beside the news for the lexicon. The JHE eval pairs are kept for the out-of-domain check."""
    ko = (folder / "jhe-koen-dev.ko").read_text(encoding="utf-8").splitlines()
    en = (folder / "jhe-koen-dev.en").read_text(encoding="utf-8").splitlines()
    return [(k, e) for k, e in zip(ko, en, strict=True) if k.strip() and e.strip()]


NEIGHBOURS = (-3, -2, -1, 1, 2, 3)


def training_pairs(
    articles: list[dict[str, Any]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Gold 1-1 pairs, and the wrong pairs next to them (Korean of bead k, English of k±1..3)."""
    linked, unrelated = [], []
    for a in articles:
        ko, en = a["ko_sentences"], a["en_sentences"]
        ones = [(k[0], e[0]) for k, e in a["gold_beads"] if len(k) == 1 and len(e) == 1]
        for n, (i, j) in enumerate(ones):
            linked.append((ko[i], en[j]))
            unrelated += [(ko[i], en[ones[n + d][1]]) for d in NEIGHBOURS if 0 <= n + d < len(ones)]
    return linked, unrelated


def fit_mixture(xs: list[float], iterations: int = 200) -> tuple[float, float, float, float]:
    """EM for a two-Gaussian mixture sharing its mean: (mean, sigma, loose weight, loose sigma)."""
    mean, s1, w, s2 = statistics.fmean(xs), 0.2, 0.2, 0.5

    def pdf(x: float, s: float) -> float:
        return math.exp(-0.5 * ((x - mean) / s) ** 2) / s

    for _ in range(iterations):
        g = [w * pdf(x, s2) / ((1 - w) * pdf(x, s1) + w * pdf(x, s2)) for x in xs]
        w = statistics.fmean(g)
        precision = [(1 - gi) / s1**2 + gi / s2**2 for gi in g]
        mean = sum(x * p for x, p in zip(xs, precision, strict=True)) / sum(precision)
        tight = [(1 - gi, (x - mean) ** 2) for gi, x in zip(g, xs, strict=True)]
        s1 = math.sqrt(sum(a * d for a, d in tight) / sum(a for a, _ in tight))
        s2 = math.sqrt(sum((1 - a) * d for a, d in tight) / sum(g))
    return mean, s1, w, s2


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gauss–Jordan elimination with partial pivoting (small systems only)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit_logistic(
    xs: list[tuple[float, ...]], ys: list[int], l2: float = 1.0, iterations: int = 25
) -> list[float]:
    """L2-regularised logistic regression by Newton's method; weight 0 is the intercept."""
    k = len(xs[0]) + 1
    rows = [[(0, 1.0)] + [(a + 1, v) for a, v in enumerate(x) if v] for x in xs]
    w = [0.0] * k
    for _ in range(iterations):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for row, y in zip(rows, ys, strict=True):
            z = sum(w[a] * v for a, v in row)
            p = 1 / (1 + math.exp(-z))
            g, h = p - y, p * (1 - p)
            for a, va in row:
                grad[a] += g * va
                hrow = hess[a]
                for b, vb in row:
                    hrow[b] += h * va * vb
        for a in range(1, k):
            grad[a] += l2 * w[a]
            hess[a][a] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(d) for d in step) < 1e-6:
            break
    return w


HAND_SET = ("term_match", "term_miss", "mt_similarity")  # no glossary or MT in the data


def fit_length(articles: list[dict[str, Any]]) -> model.LengthModel:
    """The length densities of gold 1-1 pairs and of their wrong neighbours."""
    linked, unrelated = training_pairs(articles)

    def ratio(pair: tuple[str, str]) -> float:
        return math.log(len(pair[1]) / len(pair[0]))

    mean, sigma, weight, loose = fit_mixture([ratio(p) for p in linked])
    r_unrelated = [ratio(p) for p in unrelated]
    return model.LengthModel(
        mean=round(mean, 3),
        sigma=round(sigma, 3),
        loose_weight=round(weight, 3),
        loose_sigma=round(loose, 3),
        unrelated_mean=round(statistics.fmean(r_unrelated), 3),
        unrelated_sigma=round(statistics.stdev(r_unrelated), 3),
    )


def fit_weights(
    articles: list[dict[str, Any]],
    length: model.LengthModel,
    lexicons: Sequence[Lexicon | None],
    dictionary: Lexicon | None = None,
) -> model.AnchorWeights:
    """Logistic regression of gold 1-1 pairs vs neighbours; ``lexicons[n]`` serves article n.

    ``dictionary`` (the same for every article) gives the dictionary features.
    """
    names = model.LinkFeatures._fields
    fitted = [n for n in names if n not in HAND_SET]
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    for article, lexicon in zip(articles, lexicons, strict=True):
        linked, unrelated = training_pairs([article])
        for (k, e), y in [(p, 1) for p in linked] + [(p, 0) for p in unrelated]:
            f = model.link_features(
                anchors.source_anchors(k, lexicon, dictionary=dictionary),
                anchors.target_anchors(e, lexicon, dictionary),
                length,
            )
            xs.append(tuple(float(getattr(f, n)) for n in fitted))
            ys.append(y)
    dropped: set[str] = set()  # no lexicon or no dictionary: its weights stay 0
    if all(lexicon is None for lexicon in lexicons):
        dropped |= {"lex_match", "lex_miss"}
    if dictionary is None:
        dropped |= {"dict_match", "dict_miss"}
    if dropped:
        keep = [n not in dropped for n in fitted]
        fitted = [n for n, k in zip(fitted, keep, strict=True) if k]
        xs = [tuple(v for v, k in zip(x, keep, strict=True) if k) for x in xs]
    w = fit_logistic(xs, ys)
    # Log-odds = log-likelihood ratio + log prior odds: take the prior odds out of the intercept.
    bias = w[0] - math.log(sum(ys) / (len(ys) - sum(ys)))
    by_name = dict(zip(fitted, w[1:], strict=True))
    hand = model.KO_EN_WEIGHTS.weights
    values = [round(by_name.get(n, getattr(hand, n) if n in HAND_SET else 0.0), 2) for n in names]
    return model.AnchorWeights(round(bias, 2), model.LinkFeatures(*values))


def _shared(source: anchors.Anchors, target: anchors.Anchors) -> int:
    """Anchors two texts share (as the search counts them for ``half_llr``)."""
    return model.shared_anchors(model.link_features(source, target))


def _anchors(
    article: dict[str, Any], lexicon: Lexicon | None, dictionary: Lexicon | None
) -> tuple[list[anchors.Anchors], list[anchors.Anchors]]:
    src = [
        anchors.source_anchors(k, lexicon, dictionary=dictionary) for k in article["ko_sentences"]
    ]
    tgt = [anchors.target_anchors(e, lexicon, dictionary) for e in article["en_sentences"]]
    return src, tgt


def _llr(yes: Sequence[int], no: Sequence[int]) -> tuple[float, ...]:
    """Per bin, log P(bin | yes) − log P(bin | no), add-one smoothed."""
    a, b = sum(yes) + len(yes), sum(no) + len(no)
    return tuple(
        round(math.log((y + 1) / a) - math.log((n + 1) / b), 2)
        for y, n in zip(yes, no, strict=True)
    )


def fit_halves(
    articles: list[dict[str, Any]],
    lexicons: Sequence[Lexicon | None],
    dictionary: Lexicon | None,
    bins: tuple[int, ...],
) -> tuple[float, ...]:
    """``half_llr`` of ``AlignmentModel``: for the fewer anchors that one of the two sentences
    of a 2-1 or 1-2 bead shares with the other side, binned by ``bins``, the log-likelihood
    ratio of gold 2-1/1-2 beads against wrong merges (a gold 1-1 bead with a sentence of the
    next or previous bead added), add-one smoothed; ``lexicons[n]`` serves article n."""
    gold = [0] * (len(bins) + 1)
    wrong = [0] * (len(bins) + 1)
    for article, lexicon in zip(articles, lexicons, strict=True):
        src, tgt = _anchors(article, lexicon, dictionary)
        for ks, es in article["gold_beads"]:
            if len(ks) + len(es) == 3 and ks and es:
                fewest = min(_shared(src[i], tgt[j]) for i in ks for j in es)
                gold[bisect.bisect_right(bins, fewest)] += 1
            if len(ks) == len(es) == 1:
                i, j = ks[0], es[0]
                here = _shared(src[i], tgt[j])
                for other in [_shared(src[n], tgt[j]) for n in (i - 1, i + 1) if 0 <= n < len(src)]:
                    wrong[bisect.bisect_right(bins, min(here, other))] += 1
                for other in [_shared(src[i], tgt[n]) for n in (j - 1, j + 1) if 0 <= n < len(tgt)]:
                    wrong[bisect.bisect_right(bins, min(here, other))] += 1
    return _llr(gold, wrong)


# Raise the priors of 1-0 and 0-1 beads by this many nats: chosen by 5-fold cross-validation
# (0: beads_all F1 .949, 1-0 recall .47; 0.75: .955; 1: .953, 1-0 recall .74; 2: .926).
NULL_BONUS = 1.0


def fit_priors(articles: list[dict[str, Any]]) -> dict[tuple[int, int], float]:
    """Log relative frequencies of the bead types, the null types raised by ``NULL_BONUS``."""
    kinds = Counter((len(k), len(e)) for a in articles for k, e in a["gold_beads"] if k or e)
    total = sum(kinds[t] for t in model.KO_EN_LOG_PRIOR)
    return {
        t: round(math.log(max(kinds[t], 1) / total) + (NULL_BONUS if 0 in t else 0.0), 3)
        for t in model.KO_EN_LOG_PRIOR
    }


def folds(articles: list[dict[str, Any]], k: int) -> list[list[dict[str, Any]]]:
    """``k`` folds of consecutive articles (dev-000..009, dev-010..019, …)."""
    size = math.ceil(len(articles) / k)
    return [articles[n : n + size] for n in range(0, len(articles), size)]


# The dictionary stems (``alignment/data/align_dictionary_ko_en.tsv``) are not learned from the
# data, so every fold uses them; ``None`` fits a model without them.
DICTIONARY: Lexicon | None = default_dictionary()
# Parallel text beside the articles for the lexicon (the JHE dev pairs); ``()`` for none.
EXTRA_PAIRS: Sequence[tuple[str, str]] = extra_pairs()


def fit_model(
    articles: list[dict[str, Any]],
    inner: int = 5,
    extra: Sequence[tuple[str, str]] | None = None,
) -> model.AlignmentModel:
    """Everything learned from ``articles`` alone: priors, lengths, weights, lexicon (the
    dictionary, ``DICTIONARY``, is not learned and serves every fold).

    The lexicon is learned from the articles' gold beads plus ``extra`` (parallel text that is
    not the text aligned; ``EXTRA_PAIRS`` by default). Learned without labels instead, from the
    1-1 beads a first pass without a lexicon was sure of, it did a little worse (blocked-fold
    F1 .9604 against .9617, leave-one-block-out .9621 against .9634). The lexicon features that the
    weights are fitted on come, for each article, from a lexicon learned on the other inner
    folds (and ``extra``), as on new text: learned on the article itself the lexicon would
    memorise it and earn a weight it does not deserve.
    """
    extra = EXTRA_PAIRS if extra is None else extra
    base = replace(
        model.KO_EN,
        log_prior=fit_priors(articles),
        length=fit_length(articles),
        dictionary=DICTIONARY,
    )
    pairs = {a["id"]: gold_pairs(a) for a in articles}
    lexicons: list[Lexicon | None] = []
    parts = folds(articles, inner)
    for n, part in enumerate(parts):
        others = [pair for m, p in enumerate(parts) if m != n for a in p for pair in pairs[a["id"]]]
        lexicons += [learn_lexicon([*others, *extra])] * len(part)
    weights = fit_weights(articles, base.length, lexicons, base.dictionary)
    base = replace(
        base,
        anchors=weights,
        half_llr=fit_halves(articles, lexicons, base.dictionary, base.half_bins),
    )
    every = [pair for a in articles for pair in pairs[a["id"]]]
    return replace(base, anchors=weights, lexicon=learn_lexicon([*every, *extra]))
