"""Cut the JHE sentence pairs into pseudo-articles with gold beads, like the news dev data.

usage: python bench/make_jhe_articles.py [--split eval] [--seed 18] [--out PATH]

Reads ``bench/data/align/jhe/jhe-koen-{split}.{ko,en}`` (line n of one translates line n of the
other) and writes ``bench/data/align/jhe/jhe-{split}.jsonl`` in the format of ``dev.jsonl``
(``id``, ``ko_sentences``, ``en_sentences``, ``gold_beads``), built the way
``bench/data/align/README.md`` describes the news data: consecutive pairs cut into
pseudo-articles of 15–40 pairs; at random positions two adjacent English sentences (5 %) or two
Korean sentences (5 %) joined into one, and a sentence dropped on one side (2 % each). The
random generator is seeded, so the same files give the same JSONL byte for byte.

A joined English pair makes a 2-1 bead (two Korean sentences, one English), a joined Korean
pair a 1-2 bead, a dropped English sentence a 1-0 bead and a dropped Korean one a 0-1 bead.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

JHE = Path(__file__).resolve().parent / "data" / "align" / "jhe"
MIN_PAIRS, MAX_PAIRS = 15, 40
JOIN_EN = JOIN_KO = 0.05
DROP_EN = DROP_KO = 0.02


def read_pairs(split: str, folder: Path = JHE) -> list[tuple[str, str]]:
    """The (Korean, English) line pairs of one JHE split, in file order."""
    ko = (folder / f"jhe-koen-{split}.ko").read_text(encoding="utf-8").splitlines()
    en = (folder / f"jhe-koen-{split}.en").read_text(encoding="utf-8").splitlines()
    if len(ko) != len(en):
        raise SystemExit(f"jhe-koen-{split}: {len(ko)} Korean lines for {len(en)} English")
    return [(k.strip(), e.strip()) for k, e in zip(ko, en, strict=True)]


def article(pairs: Sequence[tuple[str, str]], name: str, rng: random.Random) -> dict[str, Any]:
    """One pseudo-article from consecutive pairs, with its gold beads."""
    ko: list[str] = []
    en: list[str] = []
    beads: list[list[list[int]]] = []
    n = 0
    while n < len(pairs):
        k, e = pairs[n]
        draw = rng.random()
        has_next = n + 1 < len(pairs)
        if draw < JOIN_EN and has_next:
            k2, e2 = pairs[n + 1]
            beads.append([[len(ko), len(ko) + 1], [len(en)]])
            ko += [k, k2]
            en.append(f"{e} {e2}")
            n += 2
            continue
        if draw < JOIN_EN + JOIN_KO and has_next:
            k2, e2 = pairs[n + 1]
            beads.append([[len(ko)], [len(en), len(en) + 1]])
            ko.append(f"{k} {k2}")
            en += [e, e2]
            n += 2
            continue
        if JOIN_EN + JOIN_KO <= draw < JOIN_EN + JOIN_KO + DROP_EN:
            beads.append([[len(ko)], []])
            ko.append(k)
        elif JOIN_EN + JOIN_KO + DROP_EN <= draw < JOIN_EN + JOIN_KO + DROP_EN + DROP_KO:
            beads.append([[], [len(en)]])
            en.append(e)
        else:
            beads.append([[len(ko)], [len(en)]])
            ko.append(k)
            en.append(e)
        n += 1
    return {"id": name, "ko_sentences": ko, "en_sentences": en, "gold_beads": beads}


def articles(pairs: Sequence[tuple[str, str]], split: str, seed: int) -> list[dict[str, Any]]:
    """Consecutive pairs cut into pseudo-articles of 15–40 pairs each (no short tail)."""
    rng = random.Random(seed)
    out = []
    start = 0
    while start < len(pairs):
        size = rng.randint(MIN_PAIRS, MAX_PAIRS)
        rest = len(pairs) - start
        if rest - size < MIN_PAIRS:  # what would be left is too short: take it, or leave 15
            size = rest if rest <= MAX_PAIRS else rest - MIN_PAIRS
        out.append(article(pairs[start : start + size], f"jhe-{split}-{len(out):03d}", rng))
        start += size
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="eval", choices=("dev", "eval"))
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or JHE / f"jhe-{args.split}.jsonl"
    made = articles(read_pairs(args.split), args.split, args.seed)
    with out.open("w", encoding="utf-8") as f:
        for a in made:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for a in made:
        for k, e in a["gold_beads"]:
            kinds[f"{len(k)}-{len(e)}"] = kinds.get(f"{len(k)}-{len(e)}", 0) + 1
    print(f"{len(made)} articles, beads {kinds} → {out}")


if __name__ == "__main__":
    main()
