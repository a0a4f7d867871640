"""The audit log in people's words: entries grouped into what a person did ("Kim approved
¶2 sentence 1", "Lee replaced 'Seoul' with 'South Korea' in 7 segments"), a bulk act as one
line with its count and its entries to expand, filters by person, article, action and
date, and a CSV export for the managing editor (cells a spreadsheet would run as formulas
neutralised).

The sentences themselves are the web layer's (translated there); here are their parts.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

from workflow.errors import BadInput
from workflow.glossary.csv_io import neutralise
from workflow.services.context import Context
from workflow.services.queues import audit_log
from workflow.store.audit import AuditEntry

NEWSROOM_TZ = ZoneInfo("Asia/Seoul")
#: Acts whose entry sums up a batch (the batch's other entries are its segments).
SUMMARIES = ("replace", "undo_replace")
CSV_COLUMNS = (
    "when",
    "who",
    "article",
    "locale",
    "action",
    "segment",
    "where",
    "count",
    "from",
    "to",
    "detail",
)


@dataclass(frozen=True)
class AuditLine:
    """One thing a person did: a single entry, or a bulk act (``count`` > 1) whose
    ``entries`` can be expanded."""

    at: datetime
    who: str | None
    slug: str | None
    locale: str | None
    action: str
    target: str | None
    where: str | None  # "title", "subtitle", "byline", "¶2 sentence 1" (None: not a segment)
    kind: str | None  # the segment's kind, paragraph and sentence, for translated sentences
    paragraph: int | None
    sentence: int | None
    from_state: str | None
    to_state: str | None
    detail: str | None
    count: int
    entries: tuple[AuditEntry, ...]

    @property
    def find(self) -> str:
        return (self.detail or "").partition("\u2192")[0]

    @property
    def replacement(self) -> str:
        return (self.detail or "").partition("\u2192")[2]


def where(e: AuditEntry) -> str | None:
    """Where the entry's segment is, as people say it."""
    if e.kind is None:
        return None
    if e.kind == "body" and e.paragraph is not None:
        return f"¶{e.paragraph} sentence {e.sentence}"
    return e.kind


def parse_day(text: str | None, *, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput("%(text)r is not a date like 2026-12-04", text=text, field=field) from None


def audit_story(
    ctx: Context,
    *,
    article: str | None = None,
    person: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 1000,
    user_id: int | None = None,
) -> list[AuditLine]:
    """The log newest first, bulk acts grouped; ``since``/``until`` are newsroom days
    (both included)."""
    rows = audit_log(
        ctx,
        article=article,
        user=person,
        action=action,
        limit=limit,
        user_id=user_id,
        since=_start(since),
        until=_start(until + timedelta(days=1)) if until else None,
    )
    return group(rows)


def group(rows: list[AuditEntry]) -> list[AuditLine]:
    """Entries of one batch as one line (at the place of its newest entry)."""
    batches: dict[str, list[AuditEntry]] = {}
    for e in rows:
        if e.batch:
            batches.setdefault(e.batch, []).append(e)
    out: list[AuditLine] = []
    done: set[str] = set()
    for e in rows:
        if not e.batch:
            out.append(_line(e, [e]))
        elif e.batch not in done:
            done.add(e.batch)
            out.append(_line(e, batches[e.batch]))
    return out


def _line(first: AuditEntry, entries: list[AuditEntry]) -> AuditLine:
    summary = next((e for e in entries if e.action in SUMMARIES), None)
    parts = [e for e in entries if e is not summary]
    head = summary or first
    count = len(parts)
    if summary is not None and not parts:  # filtered down to the summary alone
        m = re.match(r"(\d+)", summary.target or "")
        count = int(m.group(1)) if m else 0
    single = count == 1 and summary is None
    return AuditLine(
        at=head.at,
        who=head.user,
        slug=head.slug,
        locale=head.locale,
        action=head.action,
        target=head.target,
        where=where(head) if single else None,
        kind=head.kind if single else None,
        paragraph=head.paragraph if single else None,
        sentence=head.sentence if single else None,
        from_state=head.from_state if single else None,
        to_state=head.to_state if single else None,
        detail=head.detail,
        count=count,
        entries=tuple(parts) if len(entries) > 1 else (),
    )


class AuditFilters(TypedDict, total=False):
    """:func:`audit_story`'s filters, which :func:`audit_csv` passes on."""

    article: str | None
    person: str | None
    action: str | None
    since: date | None
    until: date | None


def audit_csv(
    ctx: Context, *, user_id: int | None = None, **filters: Unpack[AuditFilters]
) -> bytes:
    """:func:`audit_story` as CSV (UTF-8 with BOM for spreadsheets), a bulk act's entries
    each on a row of their own after it; every cell neutralised against formulas."""
    lines = audit_story(ctx, limit=100_000, user_id=user_id, **filters)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for line in lines:
        w.writerow(
            _cells(
                line.at,
                line.who,
                line.slug,
                line.locale,
                line.action,
                line.target,
                line.where,
                line.count,
                line.from_state,
                line.to_state,
                line.detail,
            )
        )
        for e in line.entries:
            w.writerow(
                _cells(
                    e.at,
                    e.user,
                    e.slug,
                    e.locale,
                    e.action,
                    e.target,
                    where(e),
                    1,
                    e.from_state,
                    e.to_state,
                    e.detail,
                )
            )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cells(*values: object) -> list[str]:
    out = []
    for v in values:
        if isinstance(v, datetime):
            v = v.astimezone(NEWSROOM_TZ).isoformat()
        out.append(neutralise("" if v is None else str(v)))
    return out


def _start(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=NEWSROOM_TZ).astimezone(UTC)
