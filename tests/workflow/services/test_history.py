"""The audit log in people's words: a bulk act is one line with its count and entries,
filters by person, article, action and day, and a CSV export safe from formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput
from workflow.services import Context
from workflow.services.history import NEWSROOM_TZ


def test_bulk_acts_are_one_line_each(ctx: Context, team: Team, paired: list[str]) -> None:
    services.approve(ctx, "seoul", "en", [paired[0]], user_id=team.eddie)
    services.approve(ctx, "seoul", "en", None, user_id=team.erin)
    services.replace_in_article(ctx, "seoul", "en", "Seoul", "Capital", user_id=team.eddie)
    lines = services.audit_story(ctx)
    replaced, approved_all, approved_one = lines[:3]
    assert (replaced.action, replaced.who, replaced.count) == ("replace", "eddie", 2)
    assert (replaced.find, replaced.replacement) == ("Seoul", "Capital")
    assert (approved_all.action, approved_all.who, approved_all.count) == ("approve", "erin", 4)
    assert len(approved_all.entries) == 4
    assert (approved_one.who, approved_one.where, approved_one.count) == ("eddie", "title", 1)
    assert approved_one.entries == ()
    body = [e for e in approved_all.entries if e.kind == "body"]
    assert {(e.paragraph, e.sentence) for e in body} == {(1, 1), (1, 2), (2, 1)}


def test_filters_and_days(ctx: Context, team: Team, paired: list[str]) -> None:
    services.reject(ctx, "seoul", "en", paired[1], "Check the date", user_id=team.eddie)
    [line] = services.audit_story(ctx, person="eddie", action="reject", article="seoul")
    assert (line.where, line.detail) == ("¶1 sentence 1", "Check the date")
    today = ctx.clock().astimezone(NEWSROOM_TZ).date()  # days are newsroom days
    assert services.audit_story(ctx, action="reject", since=today, until=today)
    assert services.audit_story(ctx, action="reject", until=date(2000, 1, 1)) == []
    with pytest.raises(BadInput, match="no user named"):
        services.audit_story(ctx, person="nobody")
    with pytest.raises(BadInput, match="not a date"):
        services.parse_day("yesterday", field="since")


def test_csv_export_neutralises_formulas(ctx: Context, team: Team, paired: list[str]) -> None:
    services.reject(ctx, "seoul", "en", paired[1], '=HYPERLINK("x")', user_id=team.eddie)
    services.approve(ctx, "seoul", "en", None, user_id=team.erin)
    data = services.audit_csv(ctx)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["when", "who", "article", "locale", "action"]
    assert rows[1][1:5] == ["erin", "seoul", "en", "approve"] and rows[1][7] == "4"
    rejected = next(r for r in rows if r[4] == "reject")
    assert rejected[10] == '\'=HYPERLINK("x")'
