"""Benchmark archive pairing (``transdesk archive pair``): accuracy and scale.

usage: python bench/archive.py [--trials 20] [--synthetic 5000] [--skip-synthetic]
                               [--threshold T]
       python bench/archive.py --write-background

``--write-background`` rebuilds ``workflow/archive/data/background.tsv``, the key document
frequencies that keep common words from weighing much in a small archive: counted over the
JHE dev pairs (runs of 20 sentences as documents) and dev half A, never over half B or JHE
eval.

Accuracy, on folder pairs made from plain texts, each side with 20 % distractors (articles
whose counterpart is not in the other folder) and shuffled file names, over ``--trials``
random draws:

* dev, blocked halves: articles 0–24 (half A, the one the threshold and weights were chosen
  on) and 25–49 (half B, reported; a story never spans the two halves);
* dev, half B with the NIKL dictionary instead of the learned lexicon (which was learned
  from the dev gold beads, so content pairing on dev is optimistic with it);
* JHE eval (``jhe/jhe-eval.jsonl``): 28 general-domain pseudo-articles the lexicon never saw
  (built into plain texts, a paragraph per three beads): the unseen check.

Precision = right pairs / pairs made; recall = right pairs / true pairs present.

Scale: ``--synthetic N`` Korean and N English articles built by recombining dev bead runs
("paragraphs") at random (5–14 paragraphs each; 20 % of each side distractors), written to a
temporary folder pair, then ``transdesk archive pair --json`` is run on them in a child
process: wall time and the child's peak memory (max RSS). Figures taken on a shared,
loaded machine vary with the load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.alignment.lexicon import default_dictionary, default_lexicon
from workflow.archive.pairing import DEFAULT_THRESHOLD, pair_documents
from workflow.archive.reading import read_documents

DATA = Path(__file__).resolve().parent / "data" / "align"
TEXT = DATA / "text"
DISTRACTORS = 0.2

Article = tuple[str, str]  # Korean text, English text


def dev_articles() -> list[Article]:
    return [
        (
            (TEXT / f"dev-{i:03d}.ko.txt").read_text(encoding="utf-8"),
            (TEXT / f"dev-{i:03d}.en.txt").read_text(encoding="utf-8"),
        )
        for i in range(50)
    ]


def _units(record: dict[str, object], size: int = 3) -> list[Article]:
    """Runs of ``size`` beads as (Korean, English) paragraphs."""
    ko, en = record["ko_sentences"], record["en_sentences"]
    beads = record["gold_beads"]
    assert isinstance(ko, list) and isinstance(en, list) and isinstance(beads, list)
    out = []
    for start in range(0, len(beads), size):
        run = beads[start : start + size]
        out.append(
            (
                " ".join(ko[i] for b in run for i in b[0]),
                " ".join(en[j] for b in run for j in b[1]),
            )
        )
    return [(k, e) for k, e in out if k and e]


def jhe_articles() -> list[Article]:
    articles = []
    for line in (DATA / "jhe" / "jhe-eval.jsonl").read_text(encoding="utf-8").splitlines():
        units = _units(json.loads(line))
        articles.append(("\n\n".join(k for k, _ in units), "\n\n".join(e for _, e in units)))
    return articles


def dev_units() -> list[Article]:
    units = []
    for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        units.extend(_units(json.loads(line)))
    return units


def draw(articles: Sequence[Article], rng: random.Random) -> tuple[list, list, dict[str, str]]:
    """Folder contents (name, bytes) for both sides and the truth {ko name: en name}."""
    n = len(articles)
    distract = round(n * DISTRACTORS / (1 + DISTRACTORS))  # per side
    order = list(range(n))
    rng.shuffle(order)
    ko_only, en_only, paired = (
        order[:distract],
        order[distract : 2 * distract],
        order[2 * distract :],
    )
    names = rng.sample(range(10**6, 10**7), 2 * n)
    ko_files, en_files, truth = [], [], {}
    for k, i in enumerate(paired + ko_only):
        ko_files.append((f"{names[k]}.txt", articles[i][0].encode()))
    for k, i in enumerate(paired + en_only):
        en_files.append((f"{names[n + k]}.txt", articles[i][1].encode()))
    for k in range(len(paired)):
        truth[ko_files[k][0]] = en_files[k][0]
    rng.shuffle(ko_files)
    rng.shuffle(en_files)
    return ko_files, en_files, truth


def accuracy(
    articles: Sequence[Article], trials: int, threshold: float, *, lexicon: bool = True
) -> tuple[float, float, int, int]:
    right = made = present = 0
    lex = default_lexicon() if lexicon else default_dictionary()
    for seed in range(trials):
        ko_files, en_files, truth = draw(articles, random.Random(seed))
        ko, _ = read_documents(ko_files, korean=True, format=None, registry=None, lexicon=lex)
        en, _ = read_documents(en_files, korean=False, format=None, registry=None, lexicon=None)
        result = pair_documents(ko, en, threshold=threshold)
        made += len(result.pairs)
        right += sum(truth.get(p.ko) == p.en for p in result.pairs)
        present += len(truth)
    return right / max(made, 1), right / max(present, 1), made - right, present - right


def synthetic(n: int, folder: Path, rng: random.Random) -> dict[str, str]:
    """Write N Korean and N English files; the truth {ko name: en name} of the paired ones."""
    units = dev_units()
    distract = round(n * DISTRACTORS)
    (folder / "ko").mkdir()
    (folder / "en").mkdir()
    truth = {}
    for k in range(n + distract):
        picked = rng.sample(units, rng.randint(5, 14))
        ko_name = en_name = None
        if k < n:  # Korean side: the first n articles (the last `distract` are unpaired)
            ko_name = f"{rng.getrandbits(40):010x}.txt"
            (folder / "ko" / ko_name).write_text("\n\n".join(u[0] for u in picked))
        if k >= distract:  # English side: all but the first `distract` articles
            en_name = f"{rng.getrandbits(40):010x}.txt"
            (folder / "en" / en_name).write_text("\n\n".join(u[1] for u in picked))
        if ko_name and en_name:
            truth[ko_name] = en_name
    return truth


def scale(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        truth = synthetic(n, folder, random.Random(5))
        env = dict(os.environ, TRANSDESK_INSTANCE=str(folder / "instance"))
        command = [sys.executable, "-m", "web.cli", "archive", "pair", "--json"]
        command += ["--ko", str(folder / "ko"), "--en", str(folder / "en")]
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        if done.returncode != 0:
            sys.exit(f"archive pair failed: {done.stderr}")
        rows = [json.loads(line) for line in done.stdout.splitlines()]
        pairs = [r for r in rows if r["ko"] and r["en"]]
        right = sum(truth.get(r["ko"]) == r["en"] for r in pairs)
        print(
            f"synthetic {n:,} x {n:,} files: {wall:.1f} s wall ({cpu:.1f} s CPU),"
            f" peak RSS {peak:,.0f} MiB;"
            f" {len(pairs):,} pairs made, {right:,} right, of {len(truth):,} true pairs"
            " (recombined paragraphs: each shared by ~100 files, so most are refused)"
        )


def write_background() -> None:
    from workflow.archive.documents import english_keys, korean_keys
    from workflow.archive.pairing import BACKGROUND_FILE

    jhe = DATA / "jhe"
    ko_lines = (jhe / "jhe-koen-dev.ko").read_text(encoding="utf-8").splitlines()
    en_lines = (jhe / "jhe-koen-dev.en").read_text(encoding="utf-8").splitlines()
    docs = [
        (" ".join(ko_lines[i : i + 20]), " ".join(en_lines[i : i + 20]))
        for i in range(0, len(ko_lines), 20)
    ]
    docs += dev_articles()[:25]
    lexicon = default_lexicon()
    df: dict[str, list[int]] = {}
    for ko, en in docs:
        for key in korean_keys(ko, lexicon):
            df.setdefault(key, [0, 0])[0] += 1
        for key in english_keys(en):
            df.setdefault(key, [0, 0])[1] += 1
    rows = sorted((k, a, b) for k, (a, b) in df.items() if a + b >= 3 and a and b)
    lines = [
        "# Key document frequencies for archive pairing (bench/archive.py --write-background):",
        "# counted over the JHE dev pairs (runs of 20 sentences) and dev articles 0-24 of",
        "# jungyeul/korean-parallel-corpora (Park, Hong & Cha, PACLIC 30, 2016), CC BY-SA 3.0.",
        f"#documents\t{len(docs)}\t{len(docs)}",
        *(f"{k}\t{a}\t{b}" for k, a, b in rows),
    ]
    path = Path(__file__).resolve().parents[1] / "workflow" / "archive" / "data" / BACKGROUND_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(rows):,} keys over {len(docs)} documents a side")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--synthetic", type=int, default=5000)
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--write-background", action="store_true")
    args = parser.parse_args()
    if args.write_background:
        write_background()
        return
    dev = dev_articles()
    rows = [
        ("dev half A (0-24; tuned on)", dev[:25], True),
        ("dev half A, dictionary lexicon", dev[:25], False),
        ("dev half B (25-49; reported)", dev[25:], True),
        ("dev half B, dictionary lexicon", dev[25:], False),
        ("JHE eval (28, unseen)", jhe_articles(), True),
    ]
    print(f"threshold {args.threshold}, {args.trials} draws each, 20 % distractors per side")
    for label, articles, lexicon in rows:
        p, r, wrong, missed = accuracy(articles, args.trials, args.threshold, lexicon=lexicon)
        print(f"{label:34} precision {p:.4f}  recall {r:.4f}  ({wrong} wrong, {missed} missed)")
    if not args.skip_synthetic:
        scale(args.synthetic)


if __name__ == "__main__":
    main()
