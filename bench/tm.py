"""Benchmark the translation memory at scale: the index alone, and the deployment run.

usage: python -m bench.tm [--units 1000000] [--queries 1000] [--recall 200] [--seed 7]
                          [--desks 1] [--hidden 0]
       python -m bench.tm --deploy postgresql://postgres@127.0.0.1:5432/tm1m
                          [--instance /tmp/transdesk-tm-deploy/instance] [--workers 5]
                          [--queries 300] [--recall 200] [--load-only]

Builds a synthetic memory of Korean-like sentences made from the Korean sentences of the
shared alignment data (``dev.jsonl``): spans of words of two sentences are joined, and a
share of the units are edited copies of earlier ones (a word replaced, dropped, added, a
particle changed) so that families of near-duplicates exist, as in a newsroom's memory.

Measures, for :class:`workflow.memory.index.TmIndex` (which serves the SQLite and the
PostgreSQL deployments alike):

* build: seconds for ``TmIndex.from_units`` over a stream of units;
* memory: tracemalloc peak during the build, RSS growth (``VmRSS``), and the index's own
  bytes (``TmIndex.nbytes``);
* top-5 latency p50/p95/p99 over ``--queries`` queries: half edited copies of stored units,
  half new sentences made the same way (not in the memory);
* recall: on ``--recall`` of those queries, is the best score returned equal to the best
  score of a full rapidfuzz scan of every source (``process.extractOne``)? Queries whose
  full-scan best is under 50 % count as found when the index returns nothing either.
* concordance: milliseconds for a substring search on each side.

With ``--desks N`` the articles (25 units each) are spread over N desks and every lookup is
limited to one of them, as the services limit a user's; ``--hidden K`` hides K articles
from every lookup, as embargoed ones are. Recall is then judged against a full scan of
the units the lookup may return.

With ``--deploy URL`` (:mod:`bench.tm_deploy`) the units go into ``tm_units`` of a
PostgreSQL database of the bench's own (made and filled once, kept for the next run), a
snapshot is built by ``transdesk tm snapshot`` (once: kept in ``--instance``), and gunicorn
runs ``--workers`` workers on it; the run prints the first suggestion of fresh and of
restarted workers, the PSS of master and workers, how long an approval (through one worker)
and a removal (``transdesk tm remove``) take to reach every worker, and the lookups and best
match found on the snapshot as the workers map it.

pg_trgm inside PostgreSQL was measured here before (``bench/tm_pg.py``, removed with
issue 17): p50 203–241 ms, p95 463–528 ms, best match 93.7–95.0 % at 1M units — 30 times
slower than the index and less exact; see docs/architecture.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workflow.memory.index import TmIndex
from workflow.memory.units import TmUnit, normalize

DATA = Path(__file__).resolve().parent / "data" / "align" / "dev.jsonl"
MIN_SCORE = 50.0
PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "와", "과", "도")
ORIGINS = ("approved", "approved", "approved", "aligned", "imported")


@dataclass(frozen=True)
class Result:
    name: str
    build_s: float
    memory: str
    p50: float
    p95: float
    p99: float
    recall: float
    recall_n: int
    notes: str = ""


class Corpus:
    """Deterministic Korean-like sentences and English-like targets from the shared data."""

    def __init__(self, seed: int) -> None:
        self.ko: list[list[str]] = []
        self.en: list[list[str]] = []
        with DATA.open(encoding="utf-8") as f:
            for line in f:
                article = json.loads(line)
                self.ko += [s.split() for s in article["ko_sentences"] if len(s.split()) >= 4]
                self.en += [s.split() for s in article["en_sentences"] if len(s.split()) >= 4]
        self.words = sorted({w for s in self.ko for w in s})
        self.rng = random.Random(seed)

    def fresh(self, rng: random.Random) -> str:
        """Two spans of words of two sentences joined: a new sentence."""
        a, b = rng.choice(self.ko), rng.choice(self.ko)
        i = rng.randint(2, max(2, len(a) - 1))
        j = rng.randint(0, max(0, len(b) - 3))
        words = (a[:i] + b[j:])[:30]
        return " ".join(words)

    def edit(self, text: str, rng: random.Random, edits: int) -> str:
        """``text`` with ``edits`` word edits: replace, drop, insert, change a particle."""
        words = text.split()
        for _ in range(edits):
            if len(words) < 3:
                break
            at = rng.randrange(len(words))
            kind = rng.random()
            if kind < 0.35:
                words[at] = rng.choice(self.words)
            elif kind < 0.55:
                del words[at]
            elif kind < 0.75:
                words.insert(at, rng.choice(self.words))
            else:
                w = words[at]
                words[at] = (w[:-1] if len(w) > 1 else w) + rng.choice(PARTICLES)
        return " ".join(words)

    def sources(self, n: int) -> list[str]:
        """``n`` sources; about a third are edited copies of earlier ones."""
        rng = self.rng
        out: list[str] = []
        for _ in range(n):
            if out and rng.random() < 0.35:
                out.append(self.edit(rng.choice(out), rng, rng.randint(1, 3)))
            else:
                out.append(self.fresh(rng))
        return out

    def target(self, i: int) -> str:
        words = self.en[i % len(self.en)]
        return " ".join(words[: 5 + i % 20]) + f" ({i})"


@dataclass(frozen=True)
class Scope:
    """How units are spread over desks and which lookups see which (``--desks``/``--hidden``)."""

    desks: int = 1
    hidden: int = 0

    def desk(self, i: int) -> str:
        return f"desk{(i // 25) % self.desks}" if self.desks > 1 else "news"

    def hidden_articles(self) -> list[str]:
        return [f"article-{7 * j}" for j in range(self.hidden)]

    def search_args(self) -> dict[str, object]:
        args: dict[str, object] = {}
        if self.desks > 1:
            args["desks"] = ["desk0"]
        if self.hidden:
            args["hidden_articles"] = self.hidden_articles()
        return args

    def allowed(self, sources: Sequence[str]) -> list[str]:
        hidden = set(self.hidden_articles())
        return [
            s
            for i, s in enumerate(sources)
            if (self.desks == 1 or self.desk(i) == "desk0") and f"article-{i // 25}" not in hidden
        ]


def units(corpus: Corpus, sources: Sequence[str], scope: Scope = Scope()) -> Iterator[TmUnit]:
    start = datetime(2015, 1, 1, tzinfo=UTC)
    for i, source in enumerate(sources):
        yield TmUnit(
            id=i + 1,
            source=source,
            target=corpus.target(i),
            source_lang="ko",
            target_lang="en",
            origin=ORIGINS[i % len(ORIGINS)],
            context=f"article-{i // 25}/s{i % 25}",
            article=f"article-{i // 25}",
            translator=f"translator{i % 17}",
            approver=f"editor{i % 5}",
            created_at=start + timedelta(minutes=i),
            desk=scope.desk(i),
        )


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49], qs[94], qs[98]


def recall(
    queries: Sequence[str], best_of: Callable[[str], float | None], sources: Sequence[str]
) -> tuple[float, int, int]:
    """Share of queries whose best returned score equals the full scan's best."""
    found = 0
    missed_examples = 0
    for q in queries:
        got = best_of(q)
        # Only a source strictly better than what the index returned counts as a miss.
        cutoff = (got / 100.0 + 1e-9) if got is not None else MIN_SCORE / 100.0
        better = process.extractOne(
            normalize(q),
            sources,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=cutoff,
        )
        # rapidfuzz turns the cutoff into a whole edit distance: equal scores may come back.
        if better is None or better[1] <= cutoff:
            found += 1
        else:
            missed_examples += 1
    return found / len(queries), len(queries), missed_examples


def bench_memory(
    corpus: Corpus,
    sources: Sequence[str],
    queries: Sequence[str],
    recall_n: int,
    scope: Scope = Scope(),
) -> tuple[Result, TmIndex]:
    gc.collect()
    # Build time and RSS without tracemalloc (it slows allocation down several times).
    rss0 = rss_kb()
    t0 = time.perf_counter()
    index = TmIndex.from_units(units(corpus, sources, scope))
    build = time.perf_counter() - t0
    rss_mb = (rss_kb() - rss0) / 1024
    nbytes_mb = index.nbytes() / 2**20
    del index
    gc.collect()
    tracemalloc.start()
    index = TmIndex.from_units(units(corpus, sources, scope))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    filters = scope.search_args()
    times = []
    for q in queries:
        t = time.perf_counter()
        index.search(q, target_lang="en", k=5, **filters)  # type: ignore[arg-type]
        times.append((time.perf_counter() - t) * 1000)
    p50, p95, p99 = percentiles(times)

    def best_of(q: str) -> float | None:
        hits = index.search(q, target_lang="en", k=5, **filters)  # type: ignore[arg-type]
        return max((m.score for m in hits), default=None)

    rec, n, _ = recall(queries[:recall_n], best_of, scope.allowed(sources))
    conc = []
    for needle, side in (("수퍼컴퓨터", "source"), ("없는낱말", "source"), ("the", "target")):
        t = time.perf_counter()
        index.concordance(needle, side=side, limit=50, **filters)  # type: ignore[arg-type]
        conc.append(f"{needle}/{side} {(time.perf_counter() - t) * 1000:.0f} ms")
    res = Result(
        "TmIndex (in memory)",
        build,
        f"peak {peak / 2**20:.0f} MB, RSS +{rss_mb:.0f} MB, index {nbytes_mb:.0f} MB",
        p50,
        p95,
        p99,
        rec,
        n,
        "concordance: " + ", ".join(conc),
    )
    return res, index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--recall", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--desks", type=int, default=1, help="spread over N desks, look in one")
    parser.add_argument("--hidden", type=int, default=0, help="articles hidden from lookups")
    parser.add_argument(
        "--deploy", metavar="URL", default="", help="the deployment run on this PostgreSQL database"
    )
    parser.add_argument(
        "--instance", type=Path, default=Path("/tmp/transdesk-tm-deploy/instance"),
        help="instance folder of the deployment run (keeps the snapshots)",
    )  # fmt: skip
    parser.add_argument("--load-only", action="store_true", help="only fill the database")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (deployment)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    corpus = Corpus(args.seed)
    sources = corpus.sources(args.units)
    qrng = random.Random(args.seed + 1)
    queries: list[str] = []
    for i in range(args.queries):
        if i % 2 == 0:
            queries.append(corpus.edit(qrng.choice(sources), qrng, qrng.randint(1, 3)))
        else:
            queries.append(corpus.fresh(qrng))
    qrng.shuffle(queries)
    print(f"generated {len(sources):,} units, {len(queries)} queries in "
          f"{time.perf_counter() - t0:.0f} s")  # fmt: skip

    if args.deploy:
        from bench import tm_deploy

        env = tm_deploy.environment(args.deploy, args.instance)
        tm_deploy.load(args.deploy, env, corpus, sources)
        if not args.load_only:
            tm_deploy.deployment_run(env, sources, queries, args.recall, args.workers)
        return

    scope = Scope(args.desks, args.hidden)
    res, index = bench_memory(corpus, sources, queries, args.recall, scope)
    results = [res]
    del index
    gc.collect()

    print()
    print(f"units: {args.units:,}; queries: {len(queries)} (top-5, min 50 %); "
          f"recall on {args.recall}; desks {args.desks}, hidden {args.hidden}")  # fmt: skip
    head = f"{'engine':<22} {'build s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'recall':>7}"
    print(head + "  memory")
    print("-" * (len(head) + 40))
    for r in results:
        print(
            f"{r.name:<22} {r.build_s:>8.1f} {r.p50:>7.2f} {r.p95:>7.2f} {r.p99:>7.2f} "
            f"{r.recall:>7.1%}  {r.memory}"
        )
        if r.notes:
            print(f"{'':<22} {r.notes}")


if __name__ == "__main__":
    main()
