"""Anchors of a sentence for the aligner: what survives translation, normalised for matching.

* figures normalised across Korean units (``1억1천만 달러`` ↔ ``$110 million``, ``28일`` ↔
  ``Apr. 28``, ``3국`` ↔ ``three``);
* Latin-script tokens and acronyms inside Korean (``ACSA``);
* names transliterated into Hangul (``카스파로프`` ↔ ``Kasparov``) by consonant skeleton;
* quotation marks, parentheses and question marks;
* word stems for a lexicon (``workflow.alignment_lexicon``), glossary terms a caller supplies,
  and the stems of a machine translation of the Korean sentence when one is given.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from workflow.alignment_lexicon import Lexicon, english_stems, korean_stems

__all__ = [
    "Anchors",
    "english_numbers",
    "hangul_skeleton",
    "korean_numbers",
    "latin_skeleton",
    "match_numbers",
    "source_anchors",
    "target_anchors",
]

# ---------------------------------------------------------------------------------------------
# Figures.
# ---------------------------------------------------------------------------------------------

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_NUMBER = re.compile(rf"(?:{_DIGITS}[십백천]?[만억조]?)+")
_KO_NUMBER_PART = re.compile(rf"({_DIGITS})([십백천]?)([만억조]?)")
_KO_SMALL_UNIT = {"": 1.0, "십": 10.0, "백": 100.0, "천": 1e3}
_KO_LARGE_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
# The spaces before a scale word are taken once (``*+``): given back one by one to the
# second ``\s*`` they made a digit before a long run of spaces quadratic.
_EN_NUMBER = re.compile(
    rf"({_DIGITS})(?:\s*+-?\s*+(hundred|thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
_EN_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Spelled-out English figures and month names match a Korean figure (``3국`` ↔ ``three``,
# ``4월`` ↔ ``April``) but are never missed: Korean writes small figures in words too.
_EN_WORD_NUMBER = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "hundred": 100, "thousand": 1000, "dozen": 12, "bilateral": 2, "trilateral": 3,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4,
    "june": 6, "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_EN_WORD = re.compile(r"[A-Za-z]+")


def _value_key(value: float) -> float:
    """A figure rounded to six significant digits, so ``1.1e8`` equals ``110 * 1e6``."""
    return float(f"{value:.6g}")


def _digits(text: str) -> float:
    return float(text.replace(",", ""))


def korean_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in Korean text, units applied (``1억1천만`` → 1.1e8).

    Figures of any length are read; past a float's range (about 10^308) they are infinity,
    equal to one another, in this reading and in :func:`english_numbers`.
    """
    found = []
    for match in _KO_NUMBER.finditer(text):
        total = section = 0.0
        for digits, small, large in _KO_NUMBER_PART.findall(match.group()):
            section += _digits(digits) * _KO_SMALL_UNIT[small]
            if large:
                total += section * _KO_LARGE_UNIT[large]
                section = 0.0
        found.append(_value_key(total + section))
    return tuple(found)


def english_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in English text, scale words applied (``$1.5 billion``)."""
    read: dict[tuple[str, str], float] = {}  # a figure written 10,000 times is read once
    found = []
    for digits, scale in _EN_NUMBER.findall(text):
        value = read.get((digits, scale))
        if value is None:
            value = read[digits, scale] = _value_key(
                _digits(digits) * _EN_SCALE.get(scale.lower(), 1.0)
            )
        found.append(value)
    return tuple(found)


def _english_word_numbers(text: str) -> tuple[float, ...]:
    values = (_EN_WORD_NUMBER.get(w.lower()) for w in _EN_WORD.findall(text))
    return tuple(float(v) for v in values if v is not None)


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
        optional_numbers=_english_word_numbers(text),
        words=frozenset(_latin_tokens(text)),
        names=_name_skeletons(text),
        quote=any(c in _EN_QUOTES for c in text),
        paren="(" in text,
        question="?" in text,
        stems=stems,
        known=stems & lexicon.english if lexicon is not None else frozenset(),
        dict_known=stems & dictionary.english if dictionary is not None else frozenset(),
    )
