"""What one archive file carries for pairing, read once: metadata and content keys.

Metadata: the article's own address (``source_url``), every other link in the file (an
English page links to its Korean original), the numeric ids in those addresses, the posting
time. Content, as string keys in one space shared by both languages (a Korean key and an
English key are equal when they are evidence of a translation):

* ``n:`` a figure, normalised across Korean units (``1억1천만`` and ``110 million``);
* ``l:`` a Latin-script token (``IBM`` in the Korean, ``ibm`` in the English);
* ``s:`` a transliterated name's consonant skeleton (``카스파로프`` and ``Kasparov``); the
  Korean side holds every prefix of its words' skeletons, the English side its capitalised
  words' skeletons, so a name matches a Korean word followed by a particle;
* ``w:`` an English word stem: the English side's content words, the Korean side's stems'
  translations in the aligner's lexicon.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import datetime

from workflow.alignment.anchors import hangul_skeleton, latin_skeleton
from workflow.alignment.lexicon import Lexicon, english_stems, korean_stems
from workflow.model import ParsedArticle
from workflow.numbers import english_numbers, english_word_numbers, korean_numbers

__all__ = ["Document", "english_keys", "korean_keys", "links_in", "read_document"]

_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+", re.IGNORECASE)
_URL_ID = re.compile(r"(?<![0-9])[0-9]{4,}(?![0-9])")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_MIN_SKELETON = 3
#: Latin tokens too common in English to be evidence when a Korean text carries them.
_LATIN_STOP = frozenset({"a", "i", "the", "of", "and", "to", "in"})


@dataclass(frozen=True)
class Document:
    """One readable archive file: its name, metadata and content keys."""

    name: str
    title: str
    url: str | None
    links: frozenset[str]  # addresses in the file other than its own, without the scheme
    ids: frozenset[str]  # numeric ids (4+ digits) in those addresses
    own_ids: frozenset[str]  # numeric ids in its own address
    posted: datetime | None
    keys: frozenset[str]
    chars: int


def _bare(url: str) -> str:
    """An address without scheme, ``www.``, query-less trailing slash; lower case host."""
    url = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE).rstrip("/.,;")
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}" if path else host


def links_in(raw: str) -> frozenset[str]:
    """Every address written in a file's text, bare (see ``_bare``)."""
    return frozenset(_bare(u) for u in _URL.findall(raw))


def _ids(addresses: frozenset[str]) -> frozenset[str]:
    return frozenset(i for a in addresses for i in _URL_ID.findall(a.partition("/")[2]))


#: Per-word keys, shared by every file of a run (words repeat; the same key string is
#: then one object in memory). Cleared when it grows past ``_CACHE_LIMIT`` words.
_CACHE_LIMIT = 500_000
_KO_WORDS: dict[tuple[int, str], tuple[str, ...]] = {}
_EN_WORDS: dict[str, tuple[str, ...]] = {}


def _korean_word_keys(word: str, lexicon: Lexicon | None) -> tuple[str, ...]:
    """``s:`` keys of a Hangul word (every prefix of its skeleton) and the ``w:`` keys its
    stem's translations give."""
    cache_key = (id(lexicon), word)
    found = _KO_WORDS.get(cache_key)
    if found is None:
        if len(_KO_WORDS) > _CACHE_LIMIT:
            _KO_WORDS.clear()
        skeleton = hangul_skeleton(word)
        keys = [sys.intern(f"s:{skeleton[:n]}") for n in range(_MIN_SKELETON, len(skeleton) + 1)]
        if lexicon is not None:
            keys += (sys.intern(f"w:{e}") for e in lexicon.offers(korean_stems(word)))
        found = _KO_WORDS[cache_key] = tuple(keys)
    return found


def _english_word_keys(word: str) -> tuple[str, ...]:
    """``l:``, ``w:``, ``n:`` (``three``, ``April``) and (capitalised) ``s:`` keys of an
    English word."""
    found = _EN_WORDS.get(word)
    if found is None:
        if len(_EN_WORDS) > _CACHE_LIMIT:
            _EN_WORDS.clear()
        keys = [sys.intern(f"l:{word.replace('.', '').lower()}")]
        keys += (sys.intern(f"w:{s}") for s in english_stems(word))
        keys += (sys.intern(f"n:{v:g}") for v in english_word_numbers(word))
        if word[:1].isupper():
            keys += (
                sys.intern(f"s:{s}")
                for s in (latin_skeleton(m) for m in _CAPITALISED.findall(word))
                if len(s) >= _MIN_SKELETON
            )
        found = _EN_WORDS[word] = tuple(keys)
    return found


def korean_keys(text: str, lexicon: Lexicon | None) -> frozenset[str]:
    """The content keys of a Korean text (see the module docstring)."""
    keys = {sys.intern(f"n:{v:g}") for v in korean_numbers(text)}
    keys.update(
        sys.intern(f"l:{t}")
        for t in (m.replace(".", "").lower() for m in _LATIN.findall(text))
        if t not in _LATIN_STOP
    )
    for word in set(_HANGUL_WORD.findall(text)):
        keys.update(_korean_word_keys(word, lexicon))
    return frozenset(keys)


def english_keys(text: str) -> frozenset[str]:
    """The content keys of an English text (see the module docstring)."""
    keys = {sys.intern(f"n:{v:g}") for v in english_numbers(text)}
    for word in set(_LATIN.findall(text)):
        keys.update(_english_word_keys(word))
    return frozenset(keys)


def read_document(
    name: str, raw: str, article: ParsedArticle, *, korean: bool, lexicon: Lexicon | None
) -> Document:
    """The pairing view of a parsed file; ``raw`` is its decoded text (for its links)."""
    meta = article.meta
    text = "\n".join(t for t in (meta.title, meta.subtitle or "", *article.blocks) if t)
    own = _bare(meta.source_url) if meta.source_url else None
    links = links_in(raw) - ({own} if own else set())
    keys = korean_keys(text, lexicon) if korean else english_keys(text)
    return Document(
        name=name,
        title=meta.title,
        url=own,
        links=links,
        ids=_ids(links),
        own_ids=_ids(frozenset({own})) if own else frozenset(),
        posted=meta.posted,
        keys=keys,
        chars=len(text),
    )
