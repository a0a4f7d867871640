"""Per-desk QA settings: only administrators choose; a choice is validated, audited and
applied to the desk's findings (off leaves a check out, a severity replaces its own); an
override of an error holds through approval and ends with the text."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, entries
from workflow import services
from workflow.errors import BadInput, PermissionDenied
from workflow.services import Context
from workflow.states import SegmentState

WRONG = "Turnout is expected at 65%."  # 55% in the source


def _turnout(ctx: Context) -> str:
    """The key of the sentence with 55%."""
    return next(k for k, e in entries(ctx).items() if "55%" in e.segment.source)


def _checks(ctx: Context, key: str) -> list[tuple[str, str]]:
    found = services.check_article(ctx, "seoul", "en")
    return [(f.check, f.severity.label) for f in found if f.key == key]


def test_only_admins_choose_and_choices_are_checked(ctx: Context, team: Team) -> None:
    with pytest.raises(PermissionDenied, match="only administrators"):
        services.qa_settings(ctx, "news", user_id=team.eddie)
    with pytest.raises(PermissionDenied):
        services.save_qa_settings(ctx, "news", {"length": "off"}, user_id=team.eddie)
    with pytest.raises(BadInput, match="no check 'nope'"):
        services.save_qa_settings(ctx, "news", {"nope": "off"}, user_id=team.admin)
    with pytest.raises(BadInput, match="choose one of off, warning, error"):
        services.save_qa_settings(ctx, "news", {"length": "loud"}, user_id=team.admin)
    with pytest.raises(BadInput, match="desk 'News!'"):
        services.qa_settings(ctx, "News!", user_id=team.admin)
    page = services.qa_settings(ctx, "news", user_id=team.admin)
    assert {c.id: c.choice for c in page.checks}["numbers"] == "error"
    assert not any(c.changed for c in page.checks)


def test_a_desks_choice_applies_to_its_articles_only(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    key = _turnout(ctx)
    services.save_translation(ctx, "seoul", "en", key, WRONG, user_id=team.tina)
    assert ("numbers", "error") in _checks(ctx, key)
    services.save_qa_settings(ctx, "sports", {"numbers": "off"}, user_id=team.admin)
    assert ("numbers", "error") in _checks(ctx, key)  # seoul is on the news desk
    page = services.save_qa_settings(ctx, "news", {"numbers": "warning"}, user_id=team.admin)
    assert [c.id for c in page.checks if c.changed] == ["numbers"]
    assert ("numbers", "warning") in _checks(ctx, key)
    services.approve(ctx, "seoul", "en", [key], user_id=team.eddie)  # no longer blocked
    services.save_qa_settings(ctx, "news", {"numbers": "off"}, user_id=team.admin)
    assert not any(c == "numbers" for c, _ in _checks(ctx, key))
    log = services.audit_log(ctx, action="qa_settings")
    assert [e.detail for e in log] == [
        "numbers: warning → off", "numbers: error → warning", "numbers: error → off"]  # fmt: skip


def test_an_override_holds_through_approval_and_ends_with_the_text(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    key = _turnout(ctx)
    services.save_translation(ctx, "seoul", "en", key, WRONG, user_id=team.tina)
    with pytest.raises(PermissionDenied):
        services.override_error(ctx, "seoul", "en", key, "numbers", "ok", user_id=team.tina)
    services.override_error(
        ctx, "seoul", "en", key, "numbers", "Updated figure", user_id=team.eddie
    )
    services.approve(ctx, "seoul", "en", None, user_id=team.erin)
    (f,) = [f for f in services.check_article(ctx, "seoul", "en") if f.key == key]
    assert (f.overridden, f.blocks, f.dismissed_by, f.dismissed_reason) == (
        True, False, "eddie", "Updated figure")  # fmt: skip
    assert services.publish(ctx, "seoul", "en", user_id=team.erin).state.value == "published"
    services.save_translation(ctx, "seoul", "en", key, WRONG.replace("65", "66"), user_id=team.tina)
    (f,) = [f for f in services.check_article(ctx, "seoul", "en") if f.key == key and
            f.check == "numbers"]  # fmt: skip
    assert (f.overridden, f.blocks) == (False, True)
    assert entries(ctx)[key].translation.state is SegmentState.TRANSLATED
