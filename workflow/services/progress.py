"""How far an article × locale is, for the editor's header: words and where translations came from.

A pure reading of a :class:`~workflow.model.LocalizedArticle` (no database): source words
(whitespace-separated, as CAT tools count Korean 어절 and English words), the words of the
segments translated or approved ("done") and of the others ("left"), the share of segments
whose current text came from the translation memory, the paired edition (alignment), machine
translation or a person, and what still stands between the article and publishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workflow.model import LocalizedArticle
from workflow.services.articles import show_article
from workflow.services.context import Context
from workflow.services.qa import SegmentQa, article_qa
from workflow.states import LocalizationState, SegmentState


@dataclass(frozen=True)
class Progress:
    """Counts for the header; shares are of all segments (0.0 when there are none)."""

    segments: int
    source_words: int
    done_words: int  # source words of segments TRANSLATED or APPROVED
    left_words: int
    approved: int
    to_approve: int  # TRANSLATED, waiting for an editor
    to_translate: int  # EMPTY or NEEDS_EDIT
    approve_words: int  # source words of the TRANSLATED segments ("Approve all")
    memory: int  # the text came from the translation memory
    aligned: int  # … from the paired edition (alignment)
    mt: int  # … from machine translation, not yet edited
    people: int  # … typed or edited by a person
    published: bool

    def share(self, n: int) -> float:
        return n / self.segments if self.segments else 0.0

    @property
    def publishable(self) -> bool:
        """Every segment approved and not already published (QA errors are checked apart)."""
        return self.segments > 0 and self.approved == self.segments and not self.published


def words(text: str) -> int:
    """Whitespace-separated words (a Korean 어절 counts as one)."""
    return len(text.split())


def article_progress(la: LocalizedArticle) -> Progress:
    """The header's counts for ``la``."""
    source_words = done_words = approve_words = 0
    approved = to_approve = memory = aligned = mt = people = 0
    for e in la.entries:
        n = words(e.segment.source)
        t = e.translation
        source_words += n
        if t.state >= SegmentState.TRANSLATED:
            done_words += n
        if t.state is SegmentState.APPROVED:
            approved += 1
        elif t.state is SegmentState.TRANSLATED:
            to_approve += 1
            approve_words += n
        if not t.text.strip():
            continue
        origin = t.origin or ""
        if origin == "tm":
            memory += 1
        elif origin == "aligned":
            aligned += 1
        elif origin.startswith("mt"):
            mt += 1
        else:
            people += 1
    return Progress(
        segments=len(la.entries),
        source_words=source_words,
        done_words=done_words,
        left_words=source_words - done_words,
        approved=approved,
        to_approve=to_approve,
        to_translate=len(la.entries) - approved - to_approve,
        approve_words=approve_words,
        memory=memory,
        aligned=aligned,
        mt=mt,
        people=people,
        published=la.state is LocalizationState.PUBLISHED,
    )


def qa_error_segments(qa: Mapping[str, SegmentQa]) -> int:
    """How many segments have a QA error (which blocks approval and publishing)."""
    return sum(1 for q in qa.values() if any(f.blocks for f in q.findings))


@dataclass(frozen=True)
class EditorStatus:
    """The header's live part: the article, its progress and its segments with QA errors."""

    la: LocalizedArticle
    progress: Progress
    qa_errors: int


def editor_status(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> EditorStatus:
    """What the editor's header shows after a save made in place (no page load)."""
    la = show_article(ctx, ref, locale, user_id=user_id)
    with ctx.db.transaction(write=False) as conn:
        qa = article_qa(conn, ctx, la)
    return EditorStatus(la=la, progress=article_progress(la), qa_errors=qa_error_segments(qa))
