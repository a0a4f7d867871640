"""Finding terms in a source text, and checking how a translation renders them.

Korean attaches particles and endings to a word (``국방부는``, ``나카타니 겐은``), so a term
matches at the start of a word when the rest of that word is made only of known particles
and endings. A longer Hangul word is another word: ``미국`` does not match ``미국인``
(American) and ``미군`` does not match ``주한미군`` (USFK). Matching is leftmost, longest
first, and hits never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from workflow.glossary.terms import Term, TermHit

__all__ = ["TermIndex", "find_terms", "forbidden_used", "target_uses"]

# Case particles, delimiters, the plural 들, 측 (side) and the copula's common forms; a
# word's tail must be a sequence of these. ``인`` is left out: ``미국인`` is a noun.
_PARTICLE_LIST = """
    은 는 이 가 을 를 의 에 에서 에게 에게서 한테 께 께서 와 과 도 만 로 으로 까지 부터
    보다 처럼 같이 마저 조차 밖에 뿐 나 이나 랑 이랑 하고 야 이야 든지 이든지 라도 이라도
    서 로서 으로서 로써 으로써 로부터 으로부터 들 측 쪽 이다 였다 이었다 이고 고 이며 며
    이라는 라는 이란 란 이라고 라고 이라며 라며 이라면 라면 이지만 지만 인데 이었고 였고
"""
_PARTICLES = frozenset(_PARTICLE_LIST.split())
_MAX_PARTICLE = max(len(p) for p in _PARTICLES)


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


@lru_cache(maxsize=4096)
def _is_particles(tail: str) -> bool:
    """Whether ``tail`` splits into known particles (``들에게는`` = 들 + 에게 + 는).

    Left to right over the positions a split can reach, in time linear in ``tail`` (a
    recursion over ``tail[n:]`` copied the tail at every step and ran out of stack on a
    word of 1,000 ``들``); it stops where no split reaches.
    """
    reached = [True] + [False] * len(tail)
    furthest = 0
    for i in range(len(tail)):
        if i > furthest:
            return False
        if reached[i]:
            for n in range(1, min(_MAX_PARTICLE, len(tail) - i) + 1):
                if tail[i : i + n] in _PARTICLES:
                    reached[i + n] = True
                    furthest = max(furthest, i + n)
    return reached[-1]


def _ends_word(text: str, end: int) -> bool:
    """Whether a match ending at ``end`` ends a word, Korean particles allowed after it."""
    if end == len(text) or not _is_word_char(text[end]):
        return True
    if not _is_hangul(text[end]):
        return False
    stop = end
    while stop < len(text) and _is_hangul(text[stop]):
        stop += 1
    if stop < len(text) and _is_word_char(text[stop]):
        return False
    return _is_particles(text[end:stop])


class TermIndex:
    """Terms indexed by their first two characters (lower case), longest first.

    Build it once for a term base and call :meth:`find` per segment; ``find_terms`` builds
    one on the fly when given a plain sequence.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        buckets: dict[str, list[tuple[str, Term]]] = {}
        for term in terms:
            key = term.source.strip().lower()
            if key:
                buckets.setdefault(key[:2], []).append((key, term))
        for bucket in buckets.values():
            bucket.sort(key=lambda item: -len(item[0]))
        self._buckets = buckets

    def find(self, source: str) -> list[TermHit]:
        """Terms found in ``source``, in text order."""
        lowered = source.lower()
        if len(lowered) != len(source):  # a few letters change length; keep offsets right
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in source)
        hits: list[TermHit] = []
        i = 0
        while i < len(source):
            if (i and _is_word_char(source[i - 1])) or not _is_word_char(source[i]):
                i += 1
                continue
            hit = self._match_at(lowered, i)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
        return hits

    def _match_at(self, lowered: str, i: int) -> TermHit | None:
        for key, term in self._buckets.get(lowered[i : i + 2], ()):
            end = i + len(key)
            if lowered.startswith(key, i) and _ends_word(lowered, end):
                return TermHit(term, i, end)
        return None


def find_terms(source: str, terms: Sequence[Term] | TermIndex) -> list[TermHit]:
    """Terms found in ``source``: leftmost, longest first, non-overlapping, in text order."""
    index = terms if isinstance(terms, TermIndex) else TermIndex(terms)
    return index.find(source)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@lru_cache(maxsize=8192)
def _rendering_pattern(rendering: str) -> re.Pattern[str] | None:
    """A rendering as a case-insensitive whole-word pattern, possessive and plural allowed."""
    words = rendering.translate(_APOSTROPHES).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    if words[-1][-1:].lower() == "y":
        body = rf"(?:{body}|{body[:-1]}ies)"
    return re.compile(rf"(?<!\w){body}(?:'s|s'|es|s|')?(?!\w)", re.IGNORECASE)


def _find(rendering: str, text: str) -> re.Match[str] | None:
    pattern = _rendering_pattern(rendering)
    return pattern.search(text) if pattern else None


def target_uses(term: Term, target_text: str) -> bool:
    """Whether ``target_text`` uses the term's expected rendering (case-insensitive, whole
    words, ``’s``/``'s`` and plural ``-s`` tolerated)."""
    return _find(term.target, target_text.translate(_APOSTROPHES)) is not None


def forbidden_used(term: Term, target_text: str) -> str | None:
    """The first forbidden variant of ``term`` used in ``target_text``, or None.

    Occurrences of the expected rendering are ignored, so a forbidden variant contained in
    it (``Defense Ministry`` in ``South Korean Defense Ministry``) is not reported there.
    """
    text = target_text.translate(_APOSTROPHES)
    pattern = _rendering_pattern(term.target)
    if pattern is not None:
        text = pattern.sub(lambda m: "\0" * len(m.group()), text)
    for variant in term.forbidden:
        if _find(variant, text) is not None:
            return variant
    return None
