"""Benchmark the sentence aligner on the shared alignment data; optionally refit its constants.

usage: python bench/align.py [--data PATH] [--runs 5]
       python bench/align.py --fit [--data PATH]

Scores with the metrics of the data's ``score.py`` (micro-averaged exact bead match, every bead
and non-null beads, sentence links, recall per gold bead type) and times the aligner: articles
per second, the median of ``--runs`` passes over every article on one core. ``--fit`` prints
the fitted constants of ``workflow/alignment.py`` (how they were obtained is written there).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workflow import alignment
from workflow.alignment import align

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "align"
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


def run(articles: list[dict[str, Any]]) -> dict[str, Beads]:
    out = {}
    for a in articles:
        beads = align(a["ko_sentences"], a["en_sentences"])
        out[a["id"]] = {(b.source, b.target) for b in beads}
    return out


def bench(articles: list[dict[str, Any]], runs: int) -> None:
    predicted = run(articles)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(articles)
        times.append(time.perf_counter() - start)
    per_second = len(articles) / statistics.median(times)
    sentences = sum(len(a["ko_sentences"]) + len(a["en_sentences"]) for a in articles)
    result = score(articles, predicted)
    rows = [("measure", "P", "R", "F1")]
    for name in ("beads_all", "beads_nonnull", "links"):
        m = result[name]
        rows.append((name, f"{m.precision:.4f}", f"{m.recall:.4f}", f"{m.f1:.4f}"))
    print(f"{len(articles)} articles, {sentences / len(articles) / 2:.1f} sentences a side")
    for row in rows:
        print(f"  {row[0]:<14}{row[1]:>8}{row[2]:>8}{row[3]:>8}")
    print("  recall by gold bead type")
    for kind, (recall, n) in result["recall_by_type"].items():
        print(f"  {kind:<14}{recall:>8.3f}   (n={n})")
    print(f"  speed         {per_second:>8.1f} articles/s (median of {runs} runs, one core)")


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
    w = [0.0] * k
    for _ in range(iterations):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(xs, ys, strict=True):
            row = (1.0, *x)
            z = sum(a * b for a, b in zip(w, row, strict=True))
            p = 1 / (1 + math.exp(-z))
            for a in range(k):
                grad[a] += (p - y) * row[a]
                for b in range(k):
                    hess[a][b] += p * (1 - p) * row[a] * row[b]
        for a in range(1, k):
            grad[a] += l2 * w[a]
            hess[a][a] += l2
        w = [a - b for a, b in zip(w, _solve(hess, grad), strict=True)]
    return w


def fit(articles: list[dict[str, Any]]) -> None:
    linked, unrelated = training_pairs(articles)

    def ratio(pair: tuple[str, str]) -> float:
        return math.log(len(pair[1]) / len(pair[0]))

    mean, sigma, weight, loose = fit_mixture([ratio(p) for p in linked])
    r_unrelated = [ratio(p) for p in unrelated]
    length = alignment.LengthModel(
        mean=round(mean, 3),
        sigma=round(sigma, 3),
        loose_weight=round(weight, 3),
        loose_sigma=round(loose, 3),
        unrelated_mean=round(statistics.fmean(r_unrelated), 3),
        unrelated_sigma=round(statistics.stdev(r_unrelated), 3),
    )
    xs = [
        tuple(
            float(v)
            for v in alignment.link_features(
                alignment.source_anchors(k), alignment.target_anchors(e), length
            )
        )
        for k, e in linked + unrelated
    ]
    w = fit_logistic(xs, [1] * len(linked) + [0] * len(unrelated))
    # Log-odds = log-likelihood ratio + log prior odds: take the prior odds out of the intercept.
    bias = w[0] - math.log(len(linked) / len(unrelated))
    kinds = Counter((len(k), len(e)) for a in articles for k, e in a["gold_beads"] if k or e)
    print(f"# {len(linked)} linked and {len(unrelated)} unrelated pairs")
    print("bead counts:", {f"{k}-{e}": n for (k, e), n in sorted(kinds.items())})
    print(f"KO_EN_LENGTH = {length!r}")
    names = alignment.LinkFeatures._fields
    weights = ", ".join(f"{n}={v:.2f}" for n, v in zip(names, w[1:], strict=True))
    print(f"KO_EN_WEIGHTS = AnchorWeights(bias={bias:.2f}, weights=LinkFeatures({weights}))")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder or .jsonl file")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--fit", action="store_true", help="print refitted model constants")
    args = parser.parse_args(argv)
    articles = load(args.data)
    if args.fit:
        fit(articles)
    else:
        bench(articles, args.runs)


if __name__ == "__main__":
    main()
