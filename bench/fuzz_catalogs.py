"""Fuzz the catalog readers and the merge: generated PO, XLIFF 2.0 and 1.2 uploads.

usage: python bench/fuzz_catalogs.py [--count 10000] [--seed 1] [--show 3]

Every input goes through ``read_as`` (format detected or named) and, when it reads,
through ``merge`` against a server that moved on since the export. The only allowed
outcomes are a valid upload whose merge accounts for every entry, or a
``workflow.errors.BadInput``. Prints the outcome counts by format and by kind of
message, inputs per second, and the traceback of any crash (exit status 1 if any).
The generator is the suite's (``tests/workflow/catalog/test_po_fuzz.py``), with a seed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for ``tests``

from tests.workflow.catalog.test_po_fuzz import cases, run_case


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=3, help="tracebacks to print")
    args = parser.parse_args()

    by_kind: Counter[str] = Counter()
    by_format: Counter[tuple[str, str]] = Counter()
    crashes: list[str] = []
    total_bytes = 0
    started = time.perf_counter()
    for case in cases(seed=args.seed, count=args.count):
        outcome, trace = run_case(case)
        total_bytes += len(case.data)
        by_kind[outcome] += 1
        by_format[(case.origin, "valid" if outcome == "valid" else outcome.split(":")[0])] += 1
        if trace is not None:
            crashes.append(
                f"case {case.number} ({case.origin}, named {case.named},"
                f" mutations {case.mutations}):\n{trace}"
            )
    elapsed = time.perf_counter() - started

    print(
        f"{args.count} inputs, seed {args.seed}, {elapsed:.1f} s,"
        f" {args.count / elapsed:.0f} inputs/s, {total_bytes / elapsed / 1e6:.1f} MB/s"
    )
    print("\nby format:")
    for (fmt, outcome), n in sorted(by_format.items()):
        print(f"  {fmt:8} {outcome:12} {n:6}")
    print("\nby outcome:")
    for outcome, n in by_kind.most_common():
        print(f"  {n:6}  {outcome}")
    print(f"\ncrashes: {len(crashes)}")
    for trace in crashes[: args.show]:
        print(trace)
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
