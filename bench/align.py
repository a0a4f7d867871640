"""Benchmark the sentence aligner on bench/data/align; optionally refit its constants.

usage: python bench/align.py [--data PATH] [--runs 5] [--folds 5] [--long] [--errors N]
       python bench/align.py --fit [--data PATH]

Scores with the metrics of the data's ``score.py`` (micro-averaged exact bead match, every bead
and non-null beads, sentence links, recall per gold bead type):

* full dev: the shipped model (fitted, and its lexicon learned, on this very data: optimistic);
* k-fold cross-validation: for each fold of consecutive articles, priors, lengths, weights and
  the lexicon are learned on the other folds only (``fit_model``), then the fold is aligned —
  the honest figure for text the aligner has never seen;
* the same cross-validated run with the paragraph breaks of the data's ``text/`` files;
* calibration of the confidences (cross-validated beads by confidence band) and the share of
  beads below ``REVIEW_THRESHOLD``;
* speed: articles per second, the median of ``--runs`` passes over every article on one core;
* ``--long``: seconds and peak memory (max RSS) for one 10,000-sentence pair made by
  concatenating dev articles (run first, so the peak is its own).

``--errors N`` prints, after the cross-validated scores, the missed gold beads by type and the
sentences of the first N articles with errors (missed gold beads, wrong predicted ones).

``--fit`` prints the constants of ``workflow/alignment.py`` learned on all the data.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from learn_lexicon import confident_pairs

from workflow.alignment import aligner as alignment
from workflow.alignment.aligner import REVIEW_THRESHOLD, align, default_model
from workflow.alignment.lexicon import Lexicon, default_dictionary, learn_lexicon
from workflow.model import Bead

DATA = Path(__file__).resolve().parent / "data" / "align"
TYPES = ("1-1", "2-1", "1-2", "1-0", "0-1")

Beads = set[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def load(path: Path) -> list[dict[str, Any]]:
    """Articles of a dev-style JSONL file, or of ``dev.jsonl`` in a folder."""
    if path.is_dir():
        path = path / "dev.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _beads(raw: Iterable[Sequence[Sequence[int]]]) -> Beads:
    return {(tuple(k), tuple(e)) for k, e in raw if k or e}


def _links(beads: Beads) -> set[tuple[int, int]]:
    return {(i, j) for k, e in beads for i in k for j in e}


def _prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[dict[str, Any]], predicted: dict[str, Beads]) -> dict[str, Any]:
    """The metrics of ``score.py``: PRF per measure and gold-bead recall per type."""
    counts: Counter[tuple[str, str]] = Counter()
    seen: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for article in gold:
        g, p = _beads(article["gold_beads"]), predicted.get(article["id"], set())
        for name, gs, ps in (
            ("beads_all", g, p),
            ("beads_nonnull", {b for b in g if b[0] and b[1]}, {b for b in p if b[0] and b[1]}),
            ("links", _links(g), _links(p)),
        ):
            counts[name, "tp"] += len(gs & ps)
            counts[name, "fp"] += len(ps - gs)
            counts[name, "fn"] += len(gs - ps)
        for bead in g:
            kind = f"{len(bead[0])}-{len(bead[1])}"
            seen[kind] += 1
            hit[kind] += bead in p
    out: dict[str, Any] = {
        name: _prf(counts[name, "tp"], counts[name, "fp"], counts[name, "fn"])
        for name in ("beads_all", "beads_nonnull", "links")
    }
    out["recall_by_type"] = {t: (hit[t] / seen[t], seen[t]) for t in TYPES if seen[t]}
    return out


def paragraph_starts(text_file: Path, sentences: Sequence[str]) -> set[int] | None:
    """Indices of the sentences that start a paragraph of a ``text/`` file (blank-line split)."""
    if not text_file.exists():
        return None
    starts, n = set(), 0
    for paragraph in text_file.read_text(encoding="utf-8").split("\n\n"):
        rest = paragraph.strip()
        if not rest:
            continue
        starts.add(n)
        while n < len(sentences) and rest.startswith(sentences[n]):
            rest = rest[len(sentences[n]) :].lstrip()
            n += 1
    return starts if n == len(sentences) else None


def run(
    articles: list[dict[str, Any]],
    model: alignment.AlignmentModel | None = None,
    text_dir: Path | None = None,
) -> dict[str, list[Bead]]:
    out = {}
    for a in articles:
        ko, en = a["ko_sentences"], a["en_sentences"]
        source_breaks = target_breaks = None
        if text_dir is not None:
            source_breaks = paragraph_starts(text_dir / f"{a['id']}.ko.txt", ko)
            target_breaks = paragraph_starts(text_dir / f"{a['id']}.en.txt", en)
        out[a["id"]] = align(
            ko, en, model=model, source_breaks=source_breaks, target_breaks=target_breaks
        )
    return out


def as_sets(predicted: dict[str, list[Bead]]) -> dict[str, Beads]:
    return {k: {(b.source, b.target) for b in v} for k, v in predicted.items()}


def cross_validate(
    articles: list[dict[str, Any]], k: int, text_dir: Path | None = None
) -> dict[str, list[Bead]]:
    """Each fold aligned by a model learned on the other folds only."""
    out: dict[str, list[Bead]] = {}
    parts = folds(articles, k)
    for n, part in enumerate(parts):
        model = fit_model([a for m, p in enumerate(parts) if m != n for a in p])
        out.update(run(part, model, text_dir))
    return out


def print_scores(
    title: str, articles: list[dict[str, Any]], predicted: dict[str, list[Bead]]
) -> None:
    result = score(articles, as_sets(predicted))
    print(title)
    print(f"  {'measure':<14}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ("beads_all", "beads_nonnull", "links"):
        m = result[name]
        print(f"  {name:<14}{m.precision:>8.4f}{m.recall:>8.4f}{m.f1:>8.4f}")
    recalls = "  ".join(f"{t} {r:.3f}" for t, (r, _) in result["recall_by_type"].items())
    print(f"  recall by type  {recalls}")


def print_calibration(articles: list[dict[str, Any]], predicted: dict[str, list[Bead]]) -> None:
    """Precision of the predicted beads by confidence band."""
    gold = {a["id"]: _beads(a["gold_beads"]) for a in articles}
    bands = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01)
    rows = []
    below = right_below = 0
    for lo, hi in pairwise(bands):
        beads = [
            (b.source, b.target) in gold[k]
            for k, v in predicted.items()
            for b in v
            if lo <= b.confidence < hi
        ]
        if beads:
            rows.append(f"[{lo:.2f},{min(hi, 1):.2f}) {sum(beads) / len(beads):.2f} n={len(beads)}")
    for k, v in predicted.items():
        for b in v:
            if b.confidence < REVIEW_THRESHOLD:
                below += 1
                right_below += (b.source, b.target) in gold[k]
    total = sum(len(v) for v in predicted.values())
    print("  precision by confidence  " + "; ".join(rows))
    print(
        f"  below REVIEW_THRESHOLD={REVIEW_THRESHOLD}: {below} of {total} beads "
        f"({below / total:.1%}), {right_below} of them right"
    )


def print_errors(
    articles: list[dict[str, Any]], predicted: dict[str, list[Bead]], shown: int
) -> None:
    """Missed gold beads by type, and the sentences of the first ``shown`` articles with errors."""
    missed: Counter[str] = Counter()
    for a in articles:
        gold = _beads(a["gold_beads"])
        beads = predicted[a["id"]]
        wrong = [b for b in beads if (b.source, b.target) not in gold]
        misses = sorted(gold - {(b.source, b.target) for b in beads})
        missed.update(f"{len(k)}-{len(e)}" for k, e in misses)
        if not misses or shown <= 0:
            continue
        shown -= 1
        print(f"== {a['id']} missed {misses}")
        print(
            "   predicted " + ", ".join(f"{b.source}{b.target} {b.confidence:.2f}" for b in wrong)
        )
        for i in sorted({i for k, _ in misses for i in k} | {i for b in wrong for i in b.source}):
            print(f"   K{i}: {a['ko_sentences'][i][:160]}")
        for j in sorted({j for _, e in misses for j in e} | {j for b in wrong for j in b.target}):
            print(f"   E{j}: {a['en_sentences'][j][:200]}")
    print("  missed gold beads by type  " + "  ".join(f"{t} {missed[t]}" for t in TYPES))


def bench(
    articles: list[dict[str, Any]], runs: int, k: int, text_dir: Path, errors: int = 0
) -> None:
    sentences = sum(len(a["ko_sentences"]) + len(a["en_sentences"]) for a in articles)
    print(f"{len(articles)} articles, {sentences / len(articles) / 2:.1f} sentences a side")
    print_scores("full dev, shipped model (learned on this data)", articles, run(articles))
    predicted = cross_validate(articles, k)
    print_scores(
        f"{k}-fold cross-validation (everything learned on the other folds)", articles, predicted
    )
    print_calibration(articles, predicted)
    if errors:
        print_errors(articles, predicted, errors)
    if text_dir.is_dir():
        with_breaks = cross_validate(articles, k, text_dir)
        print_scores(f"{k}-fold cross-validation with paragraph breaks", articles, with_breaks)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(articles)
        times.append(time.perf_counter() - start)
    per_second = len(articles) / statistics.median(times)
    print(f"speed  {per_second:.1f} articles/s (median of {runs} runs, one core)")


def long_pair(articles: list[dict[str, Any]], size: int) -> tuple[list[str], list[str]]:
    """About ``size`` sentences a side, by concatenating articles (repeating them as needed)."""
    ko: list[str] = []
    en: list[str] = []
    n = 0
    while len(ko) < size:
        a = articles[n % len(articles)]
        ko += a["ko_sentences"]
        en += a["en_sentences"]
        n += 1
    return ko, en


def bench_long(articles: list[dict[str, Any]], size: int = 10_000) -> None:
    """Seconds and peak memory (max RSS of this process, run first) for one long pair."""
    ko, en = long_pair(articles, size)
    default_model()  # the lexicon is read before measuring
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    beads = align(ko, en)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"long pair {len(ko)} × {len(en)} sentences: {seconds:.1f} s, {len(beads)} beads, "
        f"max RSS {after:.0f} MiB ({before:.0f} MiB before aligning)"
    )


# ---------------------------------------------------------------------------------------------
# Fitting (``--fit``): prints constants to paste into workflow/alignment.py.
# ---------------------------------------------------------------------------------------------

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


def fit_length(articles: list[dict[str, Any]]) -> alignment.LengthModel:
    """The length densities of gold 1-1 pairs and of their wrong neighbours."""
    linked, unrelated = training_pairs(articles)

    def ratio(pair: tuple[str, str]) -> float:
        return math.log(len(pair[1]) / len(pair[0]))

    mean, sigma, weight, loose = fit_mixture([ratio(p) for p in linked])
    r_unrelated = [ratio(p) for p in unrelated]
    return alignment.LengthModel(
        mean=round(mean, 3),
        sigma=round(sigma, 3),
        loose_weight=round(weight, 3),
        loose_sigma=round(loose, 3),
        unrelated_mean=round(statistics.fmean(r_unrelated), 3),
        unrelated_sigma=round(statistics.stdev(r_unrelated), 3),
    )


def fit_weights(
    articles: list[dict[str, Any]],
    length: alignment.LengthModel,
    lexicons: Sequence[Lexicon | None],
    dictionary: Lexicon | None = None,
) -> alignment.AnchorWeights:
    """Logistic regression of gold 1-1 pairs vs neighbours; ``lexicons[n]`` serves article n.

    ``dictionary`` (the same for every article) gives the dictionary features.
    """
    names = alignment.LinkFeatures._fields
    fitted = [n for n in names if n not in HAND_SET]
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    for article, lexicon in zip(articles, lexicons, strict=True):
        linked, unrelated = training_pairs([article])
        for (k, e), y in [(p, 1) for p in linked] + [(p, 0) for p in unrelated]:
            f = alignment.link_features(
                alignment.source_anchors(k, lexicon, dictionary=dictionary),
                alignment.target_anchors(e, lexicon, dictionary),
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
    hand = alignment.KO_EN_WEIGHTS.weights
    values = [round(by_name.get(n, getattr(hand, n) if n in HAND_SET else 0.0), 2) for n in names]
    return alignment.AnchorWeights(round(bias, 2), alignment.LinkFeatures(*values))


# Raise the priors of 1-0 and 0-1 beads by this many nats: chosen by 5-fold cross-validation
# (0: beads_all F1 .949, 1-0 recall .47; 0.75: .955; 1: .953, 1-0 recall .74; 2: .926).
NULL_BONUS = 1.0


def fit_priors(articles: list[dict[str, Any]]) -> dict[tuple[int, int], float]:
    """Log relative frequencies of the bead types, the null types raised by ``NULL_BONUS``."""
    kinds = Counter((len(k), len(e)) for a in articles for k, e in a["gold_beads"] if k or e)
    total = sum(kinds[t] for t in alignment.KO_EN_LOG_PRIOR)
    return {
        t: round(math.log(max(kinds[t], 1) / total) + (NULL_BONUS if 0 in t else 0.0), 3)
        for t in alignment.KO_EN_LOG_PRIOR
    }


def folds(articles: list[dict[str, Any]], k: int) -> list[list[dict[str, Any]]]:
    """``k`` folds of consecutive articles (dev-000..009, dev-010..019, …)."""
    size = math.ceil(len(articles) / k)
    return [articles[n : n + size] for n in range(0, len(articles), size)]


# The dictionary stems (``workflow/data/align_dictionary_ko_en.tsv``) are not learned from the
# data, so every fold uses them; ``None`` fits a model without them.
DICTIONARY: Lexicon | None = default_dictionary()


def fit_model(articles: list[dict[str, Any]], inner: int = 5) -> alignment.AlignmentModel:
    """Everything learned from ``articles`` alone: priors, lengths, weights, lexicon (the
    dictionary, ``DICTIONARY``, is not learned and serves every fold).

    The lexicon features that the weights are fitted on come, for each article, from a lexicon
    learned on the other inner folds, as on new text: learned on the article itself the lexicon
    would memorise it and earn a weight it does not deserve.
    """
    base = replace(
        alignment.KO_EN,
        log_prior=fit_priors(articles),
        length=fit_length(articles),
        dictionary=DICTIONARY,
    )
    base = replace(
        base, anchors=fit_weights(articles, base.length, [None] * len(articles), base.dictionary)
    )
    # The first pass (no lexicon) of an article does not depend on the inner fold: run it once.
    first_pass = replace(base, lexicon=None)
    pairs = {a["id"]: confident_pairs([a], first_pass) for a in articles}
    lexicons: list[Lexicon | None] = []
    parts = folds(articles, inner)
    for n, part in enumerate(parts):
        others = [pair for m, p in enumerate(parts) if m != n for a in p for pair in pairs[a["id"]]]
        lexicons += [learn_lexicon(others)] * len(part)
    weights = fit_weights(articles, base.length, lexicons, base.dictionary)
    every = [pair for a in articles for pair in pairs[a["id"]]]
    return replace(base, anchors=weights, lexicon=learn_lexicon(every))


def fit(articles: list[dict[str, Any]]) -> None:
    model = fit_model(articles)
    print(f"KO_EN_LOG_PRIOR = {model.log_prior!r}")
    print(f"KO_EN_LENGTH = {model.length!r}")
    names = alignment.LinkFeatures._fields
    weights = ",\n    ".join(
        f"{n}={v:.2f}" for n, v in zip(names, model.anchors.weights, strict=True)
    )
    print(f"KO_EN_WEIGHTS = AnchorWeights(bias={model.anchors.bias:.2f}, weights=LinkFeatures(")
    print(f"    {weights}))")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder or .jsonl file")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--fit", action="store_true", help="print refitted model constants")
    parser.add_argument("--long", action="store_true", help="time a 10,000-sentence pair too")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="show cross-validation errors"
    )
    args = parser.parse_args(argv)
    articles = load(args.data)
    text_dir = (args.data if args.data.is_dir() else args.data.parent) / "text"
    if args.fit:
        fit(articles)
        return
    if args.long:  # first, so that the peak memory is the long pair's
        bench_long(articles)
    bench(articles, args.runs, args.folds, text_dir, args.errors)


if __name__ == "__main__":
    main()
