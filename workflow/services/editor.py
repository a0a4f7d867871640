"""What the translator's editor shows for an article × locale, in one read."""

from __future__ import annotations

from dataclasses import dataclass, field

from workflow.model import Entry, LocalizedArticle
from workflow.services.articles import show_article
from workflow.services.comments import comments
from workflow.services.context import Context
from workflow.services.qa import SegmentQa, article_qa
from workflow.states import SegmentState
from workflow.store import translations


@dataclass(frozen=True)
class EditorFilter:
    """Which segments to show: by state, with comments, containing a text."""

    states: frozenset[SegmentState] = frozenset()
    with_comments: bool = False
    with_findings: bool = False
    text: str = ""

    def keeps(
        self, entry: Entry, threads: dict[str, list[translations.Comment]], qa: dict[str, SegmentQa]
    ) -> bool:
        if self.states and entry.translation.state not in self.states:
            return False
        if self.with_comments and entry.segment.key not in threads:
            return False
        if self.with_findings and not qa[entry.segment.key].findings:
            return False
        needle = self.text.casefold()
        return not needle or (
            needle in entry.segment.source.casefold() or needle in entry.translation.text.casefold()
        )


@dataclass(frozen=True)
class EditorPage:
    la: LocalizedArticle
    shown: tuple[Entry, ...]
    threads: dict[str, list[translations.Comment]] = field(default_factory=dict)
    qa: dict[str, SegmentQa] = field(default_factory=dict)

    @property
    def with_findings(self) -> int:
        return sum(1 for s in self.qa.values() if s.findings)

    @property
    def with_comments(self) -> int:
        return len(self.threads)


def editor_page(
    ctx: Context,
    ref: str | int,
    locale: str,
    flt: EditorFilter | None = None,
    *,
    user_id: int | None = None,
) -> EditorPage:
    """The article × locale with comment threads, QA findings and glossary hits per segment,
    and the entries the filter keeps (memory matches load per segment, on focus)."""
    la = show_article(ctx, ref, locale, user_id=user_id)
    threads = comments(ctx, la.article.slug, la.locale, user_id=user_id)
    with ctx.db.transaction(write=False) as conn:
        qa = article_qa(conn, ctx, la)
    f = flt or EditorFilter()
    shown = tuple(e for e in la.entries if f.keeps(e, threads, qa))
    return EditorPage(la=la, shown=shown, threads=threads, qa=qa)
