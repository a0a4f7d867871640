"""What the translator's editor shows for an article × locale, in one read: a window of
rows (a page of ``PER_PAGE``), so that an article of 20,000 segments opens as fast as one
of 300."""

from __future__ import annotations

from dataclasses import dataclass, field

from workflow.model import Entry, LocalizedArticle, User
from workflow.services.articles import show_article
from workflow.services.comments import comments
from workflow.services.common import acting_user
from workflow.services.context import Context
from workflow.services.qa import SegmentQa, article_qa
from workflow.services.rows import low_beads, needing_keys, next_needing
from workflow.states import SegmentState
from workflow.store import localizations, translations

#: Rows per page of the editor.
PER_PAGE = 200


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

    @property
    def active(self) -> bool:
        return bool(self.states or self.with_comments or self.with_findings or self.text)


@dataclass(frozen=True)
class EditorPage:
    la: LocalizedArticle
    shown: tuple[Entry, ...]  # every entry the filter keeps
    threads: dict[str, list[translations.Comment]] = field(default_factory=dict)
    qa: dict[str, SegmentQa] = field(default_factory=dict)  # the window's rows only
    window: tuple[Entry, ...] = ()  # the rows of this page
    page: int = 1
    pages: int = 1
    start: int = 0  # index in ``shown`` of the window's first row
    focus: str | None = None  # the key to focus: the first needing the user from ``after``
    needing: int = 0  # segments needing the user
    findings: int = 0  # segments with QA findings (in the whole article)
    beads: dict[str, int] = field(default_factory=dict)  # window rows in a low bead → bead

    @property
    def with_findings(self) -> int:
        return self.findings

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
    page: int | None = None,
    after: str | None = None,
) -> EditorPage:
    """The article × locale with comment threads, QA findings and glossary hits per segment,
    the entries the filter keeps and the page of them to draw (memory matches load per
    segment, on focus). With ``after`` (a key) and no ``page``, the page is the one holding
    the next segment that needs the user after that key, which is then ``focus``."""
    la = show_article(ctx, ref, locale, user_id=user_id)
    threads = comments(ctx, la.article.slug, la.locale, user_id=user_id)
    f = flt or EditorFilter()
    with ctx.db.transaction(write=False) as conn:
        user: User | None = acting_user(conn, user_id) if user_id is not None else None
        loc_id = localizations.localization_id(conn, la.article.id, la.locale)
        qa = article_qa(conn, ctx, la)
        flags = (
            needing_keys(conn, [e.translation for e in la.entries], user, loc_id)
            if user is not None
            else []
        )
    shown = tuple(e for e in la.entries if f.keeps(e, threads, qa))
    pages = max(1, -(-len(shown) // PER_PAGE))
    focus: str | None = None
    keys = [e.segment.key for e in la.entries]
    if flags and after in keys:
        nxt = next_needing(flags, keys.index(after))
        focus = keys[nxt] if nxt is not None else None
    number = page or 1
    if page is None and focus is not None:
        where = next((i for i, e in enumerate(shown) if e.segment.key == focus), None)
        if where is not None:
            number = where // PER_PAGE + 1
    number = min(max(number, 1), pages)
    start = (number - 1) * PER_PAGE
    window = shown[start : start + PER_PAGE]
    on_page = {e.segment.key for e in window}
    return EditorPage(
        la=la,
        shown=shown,
        threads=threads,
        qa={k: v for k, v in qa.items() if k in on_page},
        window=window,
        page=number,
        pages=pages,
        start=start,
        focus=focus if focus in on_page else None,
        needing=sum(flags),
        findings=sum(1 for s in qa.values() if s.findings),
        beads=low_beads(la, on_page),
    )
