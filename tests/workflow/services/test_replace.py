"""Search and replace across an article (and across articles for editors): a preview that
changes nothing, only segments the user may edit, each change a versioned save with its
revision, the audit entries as one batch, undo as one step."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, entries
from workflow import services
from workflow.errors import BadInput, PermissionDenied
from workflow.services import Context


def test_preview_then_replace_then_undo(ctx: Context, team: Team, paired: list[str]) -> None:
    before = {k: e.translation.text for k, e in entries(ctx).items()}
    dry = services.replace_in_article(
        ctx, "seoul", "en", "seoul", "South Korea's capital", dry_run=True, user_id=team.tina
    )
    assert [c.key for c in dry.changed] == paired[:2] and dry.batch is None
    assert {k: e.translation.text for k, e in entries(ctx).items()} == before  # nothing changed

    done = services.replace_in_article(
        ctx, "seoul", "en", "Seoul", "Capital", case=True, user_id=team.tina
    )
    assert [(c.key, c.after, c.version) for c in done.changed] == [
        (paired[0], "Capital mayoral election", 2),
        (paired[1], "Capital elects its mayor on June 3, 2026.", 2),
    ]
    now = entries(ctx)
    assert now[paired[0]].translation.text == "Capital mayoral election"
    history = services.segment_history(ctx, "seoul", "en", paired[0])
    assert [r.action for r in history.revisions][-1] == "save"
    log = services.audit_log(ctx, article="seoul")
    assert {e.batch for e in log[:3]} == {log[0].batch} and log[0].action == "replace"

    undone = services.undo_replace(ctx, done.batch or 0, user_id=team.tina)
    assert [c.key for c in undone.changed] == paired[:2]
    assert {k: e.translation.text for k, e in entries(ctx).items()} == before
    with pytest.raises(BadInput, match="undone already"):
        services.undo_replace(ctx, done.batch or 0, user_id=team.tina)


def test_undo_leaves_a_segment_changed_since(ctx: Context, team: Team, paired: list[str]) -> None:
    done = services.replace_in_article(ctx, "seoul", "en", "Seoul", "Capital", user_id=team.tina)
    services.save_translation(ctx, "seoul", "en", paired[0], "Mine now", user_id=team.erin)
    with pytest.raises(PermissionDenied):
        services.undo_replace(ctx, done.batch or 0, user_id=team.admin + 999)
    undone = services.undo_replace(ctx, done.batch or 0, user_id=team.eddie)
    assert [s.key for s in undone.skipped] == [paired[0]]
    assert entries(ctx)[paired[0]].translation.text == "Mine now"


def test_whole_word_and_case(ctx: Context, team: Team, paired: list[str]) -> None:
    hits = services.search_article(ctx, "seoul", "en", "candidate", word=True)
    assert hits == []
    assert len(services.search_article(ctx, "seoul", "en", "candidates", word=True)) == 1
    assert len(services.search_article(ctx, "seoul", "en", "서울", in_source=True)) == 2
    assert services.search_article(ctx, "seoul", "en", "SEOUL", case=True) == []


def test_only_segments_the_user_may_edit(ctx: Context, team: Team, paired: list[str]) -> None:
    services.approve(ctx, "seoul", "en", [paired[0]], user_id=team.eddie)
    services.assign_work(ctx, ["seoul"], "en", to="erin", keys=[paired[1]], user_id=team.eddie)
    r = services.replace_in_article(ctx, "seoul", "en", "Seoul", "Capital", user_id=team.tina)
    assert r.changed == ()
    assert [(s.key, s.reason) for s in r.skipped] == [
        (paired[0], "approved: only an editor may change it"),
        (paired[1], "assigned to erin"),
    ]
    editor = services.replace_in_article(ctx, "seoul", "en", "Seoul", "Capital", user_id=team.erin)
    assert len(editor.changed) == 2


def test_bad_input(ctx: Context, team: Team, paired: list[str]) -> None:
    with pytest.raises(BadInput, match="give the text to find") as info:
        services.replace_in_article(ctx, "seoul", "en", " ", "x", user_id=team.tina)
    assert info.value.field == "find"
    r = services.replace_in_article(
        ctx, "seoul", "en", "Turnout is expected at 55%.", "", user_id=team.tina
    )
    assert [s.reason for s in r.skipped] == ["the replace would leave it empty"]
    bad = services.replace_in_article(ctx, "seoul", "en", "Seoul", "\x00", user_id=team.tina)
    assert bad.changed == () and "character" in bad.skipped[0].reason


def test_across_articles_for_editors(ctx: Context, team: Team, paired: list[str]) -> None:
    found = services.search_articles(ctx, "en", "Seoul", user_id=team.eddie)
    assert [(a.slug, len(a.hits)) for a in found] == [("seoul", 2)]
    with pytest.raises(PermissionDenied):
        services.search_articles(ctx, "en", "Seoul", user_id=team.tina)
    out = services.replace_in_articles(ctx, ["seoul"], "en", "Seoul", "Capital", user_id=team.eddie)
    assert len(out["seoul"].changed) == 2
