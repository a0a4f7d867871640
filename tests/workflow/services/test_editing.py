"""The translator's save and revert: the state each one leaves, the revision and the audit
entry it writes, and the conflict check on the version the translator edited."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, entries, state
from workflow import services
from workflow.errors import VersionConflict
from workflow.services import Context
from workflow.states import SegmentState


def test_a_save_translates_a_blank_save_empties_and_the_audit_says_so(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    title = seoul[0]
    saved = services.save_translation(ctx, "seoul", "en", title, " Seoul votes ", user_id=team.tina)
    assert (saved.text, saved.state, saved.version) == ("Seoul votes", SegmentState.TRANSLATED, 1)
    services.save_translation(ctx, "seoul", "en", title, "   ", user_id=team.tina)
    assert state(ctx, title) is SegmentState.EMPTY
    log = services.audit_log(ctx, article="seoul", action="save")
    assert [(e.target, e.from_state, e.to_state, e.user) for e in log] == [
        (title, "translated", "empty", "tina"),
        (title, "empty", "translated", "tina"),
    ]


def test_saving_the_same_text_keeps_an_approval(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    title = paired[0]
    services.approve(ctx, "seoul", "en", [title], user_id=team.eddie)
    before = entries(ctx)[title].translation
    again = services.save_translation(ctx, "seoul", "en", title, before.text, user_id=team.tina)
    assert (again.state, again.version) == (SegmentState.APPROVED, before.version)
    history = services.segment_history(ctx, "seoul", "en", title)
    assert [r.action for r in history.revisions] == ["aligned", "approve"]
    # A changed text needs another review.
    changed = services.save_translation(ctx, "seoul", "en", title, "Seoul votes", user_id=team.tina)
    assert changed.state is SegmentState.TRANSLATED and changed.approved_by is None


def test_a_save_over_someone_elses_carries_their_text_and_writes_nothing(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    key = seoul[1]
    services.save_translation(ctx, "seoul", "en", key, "First.", user_id=team.tina)
    services.save_translation(
        ctx, "seoul", "en", key, "Second.", user_id=team.eddie, expected_version=1
    )
    with pytest.raises(VersionConflict) as info:
        services.save_translation(
            ctx, "seoul", "en", key, "Late.", user_id=team.tina, expected_version=1
        )
    assert (info.value.current_text, info.value.current_version) == ("Second.", 2)
    assert entries(ctx)[key].translation.text == "Second."


def test_a_revert_is_a_new_revision_with_the_old_text(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    key = seoul[1]
    for text in ("One.", "Two.", ""):
        services.save_translation(ctx, "seoul", "en", key, text, user_id=team.tina)
    back = services.revert_translation(ctx, "seoul", "en", key, 1, user_id=team.tina)
    assert (back.text, back.state, back.version) == ("One.", SegmentState.TRANSLATED, 4)
    last = services.segment_history(ctx, "seoul", "en", key).revisions[-1]
    assert (last.action, last.note, last.state) == ("revert", "to version 1", back.state)
    (entry,) = services.audit_log(ctx, article="seoul", action="revert")
    assert (entry.from_state, entry.to_state) == ("empty", "translated")
