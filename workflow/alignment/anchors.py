"""Anchors of a sentence for the aligner: what survives translation, normalised for matching.

* figures normalised across Korean units (``1억1천만 달러`` ↔ ``$110 million``, ``28일`` ↔
  ``Apr. 28``, ``3국`` ↔ ``three``);
* Latin-script tokens and acronyms inside Korean (``ACSA``);
* names transliterated into Hangul (``카스파로프`` ↔ ``Kasparov``) by consonant skeleton;
* quotation marks, parentheses and question marks;
* word stems for a lexicon (``workflow.alignment.lexicon``), glossary terms a caller supplies,
  and the stems of a machine translation of the Korean sentence when one is given.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from workflow.alignment.lexicon import Lexicon, english_stems, korean_stems
from workflow.numbers import english_numbers, english_word_numbers, korean_numbers

__all__ = [
    "Anchors",
    "hangul_skeleton",
    "latin_skeleton",
    "match_numbers",
    "source_anchors",
    "target_anchors",
]

# ---------------------------------------------------------------------------------------------
# Figures.
# ---------------------------------------------------------------------------------------------


def match_numbers(
    source: tuple[float, ...], target: tuple[float, ...], optional: tuple[float, ...]
) -> tuple[int, int]:
    """(matched, missed) figures; ``optional`` target figures match but are never missed."""
    if not source and not target:
        return 0, 0
    rest, spare = list(target), list(optional)
    matched = 0
    for value in source:
        if value in rest:
            rest.remove(value)
        elif value in spare:
            spare.remove(value)
        else:
            continue
        matched += 1
    return matched, len(source) - matched + len(rest)


# ---------------------------------------------------------------------------------------------
# Latin-script tokens and transliterated names.
# ---------------------------------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*")
# Names are written in Hangul in Korean (``카스파로프`` for ``Kasparov``): both sides are reduced
# to a skeleton of consonant classes (K: k g c q, T: t d, P: p b f v, S: s z j ch sh, R: r l,
# N: n ng, M: m) that survives transliteration. An English name matches a Korean word whose
# skeleton starts with the name's, because Korean particles follow the name.
_HANGUL_WORD = re.compile(r"[가-힣]+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_MIN_SKELETON = 3  # shorter skeletons match unrelated Korean words too often
_KO_INITIAL = ("K", "K", "N", "T", "T", "R", "M", "P", "P", "S", "S", "", "S", "S", "S", "K",
               "T", "P", "")  # fmt: skip
_KO_FINAL = ("", "K", "K", "K", "N", "N", "N", "T", "R", "R", "R", "R", "R", "R", "R", "R",
             "M", "P", "P", "S", "S", "N", "S", "S", "K", "T", "P", "")  # fmt: skip
_EN_DIGRAPH = {"ph": "P", "th": "T", "ch": "S", "sh": "S", "ck": "K", "ng": "N", "qu": "K",
               "gh": ""}  # fmt: skip
_EN_LETTER = {"b": "P", "p": "P", "f": "P", "v": "P", "c": "K", "g": "K", "k": "K", "q": "K",
              "d": "T", "t": "T", "l": "R", "m": "M", "n": "N", "s": "S", "z": "S", "j": "S",
              "x": "KS"}  # fmt: skip
_VOWELS = frozenset("aeiouy")
_SOFTENING = frozenset("eiy")  # a c before them sounds s (Lawrence, Francisco)
_REPEAT = re.compile(r"(.)\1+")


def _latin_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.replace(".", "").lower() for t in _LATIN.findall(text))


def hangul_skeleton(word: str) -> str:
    """Consonant classes of a Hangul word, repeats collapsed (``카스파로프`` → ``KSPRP``)."""
    out = []
    for ch in word:
        initial, rest = divmod(ord(ch) - 0xAC00, 588)
        out.append(_KO_INITIAL[initial])
        out.append(_KO_FINAL[rest % 28])
    return _REPEAT.sub(r"\1", "".join(out))


def latin_skeleton(word: str) -> str:
    """Consonant classes of an English word as Korean hears them (``Carter`` → ``KT``).

    An ``r`` not followed by a vowel is dropped, as Korean transliteration drops it; a ``c``
    before e, i or y is an s.
    """
    w = word.lower()
    out = []
    i = 0
    while i < len(w):
        digraph = _EN_DIGRAPH.get(w[i : i + 2])
        if digraph is not None:
            out.append(digraph)
            i += 2
            continue
        if w[i] == "c" and i + 1 < len(w) and w[i + 1] in _SOFTENING:
            out.append("S")
        elif w[i] != "r":
            out.append(_EN_LETTER.get(w[i], ""))
        elif i + 1 < len(w) and w[i + 1] in _VOWELS:
            out.append("R")
        i += 1
    return _REPEAT.sub(r"\1", "".join(out))


def _skeleton_prefixes(text: str) -> frozenset[str]:
    prefixes: set[str] = set()
    for word in _HANGUL_WORD.findall(text):
        skeleton = hangul_skeleton(word)
        prefixes.update(skeleton[:n] for n in range(_MIN_SKELETON, len(skeleton) + 1))
    return frozenset(prefixes)


def _name_skeletons(text: str) -> tuple[str, ...]:
    skeletons = (latin_skeleton(w) for w in _CAPITALISED.findall(text))
    return tuple(s for s in skeletons if len(s) >= _MIN_SKELETON)


# ---------------------------------------------------------------------------------------------
# Anchors of a sentence.
# ---------------------------------------------------------------------------------------------

_QUOTES = frozenset('"“”«»„‘’')
_EN_QUOTES = frozenset('"“”«»„')  # an English ’ is mostly an apostrophe


@dataclass(frozen=True)
class Anchors:
    """What a sentence carries that survives translation, normalised for matching.

    Fields a side does not use stay empty; ``a + b`` is two adjacent sentences taken together.
    """

    chars: int
    numbers: tuple[float, ...]  # figures written with digits, as values
    optional_numbers: tuple[float, ...] = ()  # English figures in words and months
    latin: tuple[str, ...] = ()  # Latin-script tokens of Korean, lower case, no dots
    words: frozenset[str] = frozenset()  # Latin-script tokens of English, lower case, no dots
    name_prefixes: frozenset[str] = frozenset()  # skeleton prefixes of Korean words
    names: tuple[str, ...] = ()  # skeletons of capitalised English words
    quote: bool = False
    paren: bool = False
    question: bool = False
    offers: frozenset[str] = frozenset()  # Korean: English stems its lexicon stems offer
    stems: frozenset[str] = frozenset()  # English: content-word stems
    known: frozenset[str] = frozenset()  # English: stems the lexicon knows
    mt: frozenset[str] = frozenset()  # Korean: stems of its machine translation
    terms: tuple[frozenset[str], ...] = ()  # Korean: stems of the renderings of glossary terms
    dict_offers: frozenset[str] = frozenset()  # Korean: English stems the dictionary offers
    dict_known: frozenset[str] = frozenset()  # English: stems the dictionary knows

    def __add__(self, other: Anchors) -> Anchors:
        return Anchors(
            chars=self.chars + 1 + other.chars,
            numbers=self.numbers + other.numbers,
            optional_numbers=self.optional_numbers + other.optional_numbers,
            latin=self.latin + other.latin,
            words=self.words | other.words,
            name_prefixes=self.name_prefixes | other.name_prefixes,
            names=self.names + other.names,
            quote=self.quote or other.quote,
            paren=self.paren or other.paren,
            question=self.question or other.question,
            offers=self.offers | other.offers,
            stems=self.stems | other.stems,
            known=self.known | other.known,
            mt=self.mt | other.mt,
            terms=self.terms + other.terms,
            dict_offers=self.dict_offers | other.dict_offers,
            dict_known=self.dict_known | other.dict_known,
        )


def source_anchors(
    text: str,
    lexicon: Lexicon | None = None,
    *,
    mt: str | None = None,
    terms: Mapping[str, Collection[str]] | None = None,
    dictionary: Lexicon | None = None,
) -> Anchors:
    """Anchors of a Korean sentence, given the lexicon, its machine translation and a glossary.

    A glossary term counts when it occurs in ``text`` as written (``{"국방장관": ["defense
    minister", "defence secretary"]}``); its renderings are reduced to English stems.
    """
    found: tuple[frozenset[str], ...] = ()
    if terms:
        found = tuple(
            frozenset(s for r in renderings for s in english_stems(r))
            for term, renderings in terms.items()
            if term and term in text
        )
    stems = korean_stems(text)
    return Anchors(
        chars=len(text),
        numbers=korean_numbers(text),
        latin=_latin_tokens(text),
        name_prefixes=_skeleton_prefixes(text),
        quote=any(c in _QUOTES for c in text),
        paren="(" in text or "（" in text,
        question="?" in text or "？" in text,
        offers=lexicon.offers(stems) if lexicon is not None else frozenset(),
        mt=frozenset(english_stems(mt)) if mt else frozenset(),
        terms=tuple(t for t in found if t),
        dict_offers=dictionary.offers(stems) if dictionary is not None else frozenset(),
    )


def target_anchors(
    text: str, lexicon: Lexicon | None = None, dictionary: Lexicon | None = None
) -> Anchors:
    """Anchors of an English sentence, given the lexicon and the dictionary."""
    stems = frozenset(english_stems(text))
    return Anchors(
        chars=len(text),
        numbers=english_numbers(text),
        optional_numbers=english_word_numbers(text),
        words=frozenset(_latin_tokens(text)),
        names=_name_skeletons(text),
        quote=any(c in _EN_QUOTES for c in text),
        paren="(" in text,
        question="?" in text,
        stems=stems,
        known=stems & lexicon.english if lexicon is not None else frozenset(),
        dict_known=stems & dictionary.english if dictionary is not None else frozenset(),
    )
