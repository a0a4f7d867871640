"""Sentence splitting per language, and an imported article's segments and layout.

Line breaks and image placeholders split first (sentence splitters ignore both); then
Korean goes to kiwipiepy and other languages to pysbd (English rules for a language
pysbd lacks). One post-rule mends a splitter slip: a piece starting with a lower-case
word joins the sentence before it (an unknown abbreviation was taken for a full stop).
Sentences keep their source text exactly, stripped of surrounding whitespace only. The
splitters are built on first use and cached (kiwipiepy takes about a second to load).
"""

from __future__ import annotations

import functools
import re

import pysbd
from kiwipiepy import Kiwi

from workflow.model import LayoutBlock, ParsedArticle, SegmentDraft, SegmentedArticle, SegmentKind

_LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\v\f]")
_PLACEHOLDER_SPLIT_RE = re.compile(r"(\[%%IMAGE\d+%%\])")
_PLACEHOLDER_RE = re.compile(r"\[%%IMAGE\d+%%\]")
_LOWER_WORD_RE = re.compile(r"[a-z]+\b")


@functools.cache
def _kiwi() -> Kiwi:
    """The Korean splitter, loaded once."""
    return Kiwi()


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    """A pysbd splitter for a language code, built once; English rules when pysbd lacks it."""
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:  # pysbd's answer to a language it has no rules for
        return _segmenter("en")


def _pysbd_language(lang: str) -> str:
    """The language part of a locale such as ``en_US`` or ``pt-BR``."""
    return re.split(r"[-_]", lang.lower(), maxsplit=1)[0]


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of a text in a language (``ko…`` Korean); placeholders stand alone."""
    sentences: list[str] = []
    for line in _LINE_BREAK_RE.split(text):
        for piece in _PLACEHOLDER_SPLIT_RE.split(line):
            piece = piece.strip()
            if not piece:
                continue
            if _PLACEHOLDER_RE.fullmatch(piece):
                sentences.append(piece)
            else:
                sentences.extend(_split_run(piece, lang))
    return sentences


def _split_run(text: str, lang: str) -> list[str]:
    """Sentences of one line without placeholders, as slices of it."""
    bounds = _mend(text, _bounds(text, lang))
    out = [text[start:end].strip() for start, end in bounds]
    return [s for s in out if s]


def _bounds(text: str, lang: str) -> list[tuple[int, int]]:
    """The splitter's sentences as contiguous (start, end) offsets covering all of ``text``."""
    starts: list[int] = []
    if lang.lower().startswith("ko"):
        starts = [s.start for s in _kiwi().split_into_sents(text)]
    else:
        pos = 0
        for sentence in _segmenter(_pysbd_language(lang)).segment(text):
            found = text.find(sentence.strip(), pos)
            if found == -1:  # the splitter changed the text: keep the rest whole
                break
            starts.append(found)
            pos = found + len(sentence.strip())
    # nothing is lost: each sentence runs to the next one's start
    starts = sorted({0, *(s for s in starts if 0 < s < len(text))})
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _mend(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that starts with a lower-case word to the sentence before it.

    A sentence does not start with a lower-case word, so such a split followed an
    abbreviation the splitter did not know (``3 pct. on the day``); ``iPhone`` or
    ``e메일`` are not lower-case words and stay where they are.
    """
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged and _LOWER_WORD_RE.match(text[start:end].lstrip()):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def segment_article(parsed: ParsedArticle, lang: str) -> SegmentedArticle:
    """Title, subtitle, body sentences (numbered by paragraph) and byline, with the layout."""
    meta = parsed.meta
    segments = [SegmentDraft(SegmentKind.TITLE, meta.title.strip())]
    if meta.subtitle:
        segments.append(SegmentDraft(SegmentKind.SUBTITLE, meta.subtitle.strip()))
    layout: list[LayoutBlock] = []
    paragraph = 0
    figures = {f.placeholder: f for f in parsed.figures}
    for block in parsed.blocks:
        if _PLACEHOLDER_RE.fullmatch(block.strip()):
            placeholder = block.strip()
            fig = figures.get(placeholder)
            layout.append(
                LayoutBlock(
                    "image",
                    placeholder=placeholder,
                    src=fig.src if fig else None,
                    caption=fig.caption if fig else None,
                    alt=fig.alt if fig else None,
                )
            )
            continue
        sentences = split_sentences(block, lang)
        if not sentences:
            continue
        paragraph += 1
        layout.append(LayoutBlock("paragraph", paragraph=paragraph))
        segments.extend(
            SegmentDraft(SegmentKind.BODY, text, paragraph=paragraph, sentence=n)
            for n, text in enumerate(sentences, 1)
        )
    if meta.byline:
        segments.append(SegmentDraft(SegmentKind.BYLINE, meta.byline.strip()))
    return SegmentedArticle(
        meta=meta, segments=tuple(segments), layout=tuple(layout), format=parsed.format
    )
