"""Finding terms in a source text, and checking how a translation renders them.

Korean attaches particles and endings to a word (``국방부는``, ``나카타니 겐은``), so a term
matches at the start of a word when the rest of that word is made only of known particles
and endings. A longer Hangul word is another word: ``미국`` does not match ``미국인``
(American) and ``미군`` does not match ``주한미군`` (USFK). Matching is leftmost, longest
first, and hits never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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


def _is_particles(tail: str) -> bool:
    """Whether ``tail`` splits into known particles (``들에게는`` = 들 + 에게 + 는)."""
    # Short tails (all real ones) are remembered; a long one would pin its text in memory.
    return _short_particles(tail) if len(tail) <= 4 * _MAX_PARTICLE else _particles(tail)


@lru_cache(maxsize=4096)
def _short_particles(tail: str) -> bool:
    return _particles(tail)


def _particles(tail: str) -> bool:
    """Left to right over the positions a split of ``tail`` can reach, in time linear in
    ``tail`` (a recursion over ``tail[n:]`` copied the tail at every step and ran out of
    stack on a word of 1,000 ``들``); it stops where no split reaches."""
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
        if not self._buckets:  # an empty glossary: nothing to look for, in no time
            return []
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
    """A rendering as a case-insensitive pattern, possessive and plural allowed, that ends a
    word; :func:`_matches` checks that it starts one (a lookbehind in the pattern made every
    search twice as slow: no literal prefix to look for)."""
    words = rendering.translate(_APOSTROPHES).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    if words[-1][-1:].lower() == "y":
        body = rf"(?:{body}|{body[:-1]}ies)"
    return re.compile(rf"{body}(?:'s|s'|es|s|')?(?!\w)", re.IGNORECASE)


_WORD_CHAR = re.compile(r"\w")


def _matches(rendering: str, text: str) -> Iterator[re.Match[str]]:
    r"""The whole-word occurrences of ``rendering`` in ``text``, left to right, not
    overlapping: what ``(?<!\w)`` + the pattern finds with ``finditer``."""
    pattern = _rendering_pattern(rendering)
    if pattern is None:
        return
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        if start and _WORD_CHAR.match(text, start - 1):
            pos = start + 1  # inside a word: look again from the next character
            continue
        yield match
        pos = match.end()


def _find(rendering: str, text: str) -> re.Match[str] | None:
    return next(_matches(rendering, text), None)


@lru_cache(maxsize=8)
def _straightened(text: str) -> str:
    """``text`` with its apostrophes straightened; cached, because the glossary checks ask
    for every term of a segment (``str.translate`` takes a millisecond on 20,000
    characters)."""
    return text.translate(_APOSTROPHES)


def target_uses(term: Term, target_text: str) -> bool:
    """Whether ``target_text`` uses the term's expected rendering (case-insensitive, whole
    words, ``’s``/``'s`` and plural ``-s`` tolerated)."""
    return _find(term.target, _straightened(target_text)) is not None


def forbidden_used(term: Term, target_text: str) -> str | None:
    """The first forbidden variant of ``term`` used in ``target_text``, or None.

    Occurrences of the expected rendering are ignored, so a forbidden variant contained in
    it (``Defense Ministry`` in ``South Korean Defense Ministry``) is not reported there.
    """
    if not term.forbidden:
        return None
    text = _straightened(target_text)
    kept, pos = [], 0
    for match in _matches(term.target, text):
        kept += [text[pos : match.start()], "\0" * (match.end() - match.start())]
        pos = match.end()
    text = "".join(kept) + text[pos:]
    for variant in term.forbidden:
        if _find(variant, text) is not None:
            return variant
    return None
