"""Figures for the dashboard: work by state over time, throughput, time to publish."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from workflow.services.common import viewer, visible_desks
from workflow.services.context import Context
from workflow.states import SegmentState
from workflow.store import articles, queues

HUMAN_ACTIONS = ("save", "upload", "revert")


@dataclass(frozen=True)
class Dashboard:
    days: tuple[date, ...]
    #: per state, one count a day: revisions that left a segment in that state
    by_state: dict[SegmentState, tuple[int, ...]]
    now: dict[SegmentState, int]
    #: segments saved per translator over the period, most first
    throughput: tuple[tuple[str, int], ...]
    #: hours from import to publication, per article × locale, newest first
    to_publish: tuple[tuple[str, float], ...]


def dashboard(ctx: Context, *, days: int = 14, user_id: int | None = None) -> Dashboard:
    """The figures over the articles the user may see (None, the system: all)."""
    today = ctx.clock().date()
    period = tuple(today - timedelta(days=n) for n in range(days - 1, -1, -1))
    since = ctx.clock() - timedelta(days=days)
    with ctx.db.transaction(write=False) as conn:
        desks = visible_desks(viewer(conn, user_id))
        revs = queues.revisions_since(conn, since, desks=desks)
        counts = queues.state_counts(conn)
        if desks is not None:
            seen = {a.id for a in articles.list_articles(conn, desks=desks)}
            counts = {k: c for k, c in counts.items() if k[0] in seen}
        published = queues.publication_times(conn, desks=desks)
    per_day: dict[SegmentState, Counter[date]] = {s: Counter() for s in SegmentState}
    saves: Counter[str] = Counter()
    for r in revs:
        per_day[SegmentState(r.state)][r.created_at.date()] += 1
        if r.action in HUMAN_ACTIONS and r.user_name:
            saves[r.user_name] += 1
    now = dict.fromkeys(SegmentState, 0)
    for c in counts.values():
        for state, n in c.items():
            now[state] += n
    to_publish = sorted(
        (
            (f"{p.slug} · {p.locale}", (p.published_at - p.created_at).total_seconds() / 3600)
            for p in published
        ),
        key=lambda item: item[0],
    )
    return Dashboard(
        days=period,
        by_state={s: tuple(per_day[s][d] for d in period) for s in SegmentState},
        now=now,
        throughput=tuple(saves.most_common()),
        to_publish=tuple(to_publish),
    )
