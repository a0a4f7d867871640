"""Publishing an article × locale: refused while a segment waits, recorded as a transition
from approved to published, refused a second time until the original changes."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, article
from workflow import services
from workflow.errors import InvalidTransition, PublishBlocked
from workflow.services import Context
from workflow.states import LocalizationState


def test_publish_once_then_again_only_after_a_correction(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    with pytest.raises(PublishBlocked, match=f"{len(paired)} of {len(paired)} segments") as info:
        services.publish(ctx, "seoul", "en", user_id=team.eddie)
    assert info.value.pending == len(paired)
    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    published = services.publish(ctx, "seoul", "en", user_id=team.erin)
    assert published.state is LocalizationState.PUBLISHED
    (entry,) = services.audit_log(ctx, article="seoul", action="publish")
    assert (entry.from_state, entry.to_state, entry.user) == ("approved", "published", "erin")
    assert entry.detail == f"revision {published.revision}"
    with pytest.raises(InvalidTransition, match=r"^seoul \(en\) is already published$"):
        services.publish(ctx, "seoul", "en", user_id=team.erin)

    # A corrected byline: the published translation needs an update, then a review.
    corrected = article(
        "서울 시장 선거",
        "서울시장 선거가 2026년 6월 3일 열린다. 후보는 3명이다.",
        "투표율은 55%로 예상된다.",
        byline="박기자 기자",
    )
    result = services.update_article(ctx, "seoul", corrected, source="seoul-2.json")
    assert result.needs_update == ("en",)
    assert services.show_article(ctx, "seoul", "en").state is LocalizationState.NEEDS_UPDATE
    with pytest.raises(PublishBlocked, match="1 of"):
        services.publish(ctx, "seoul", "en", user_id=team.erin)
    services.save_translation(ctx, "seoul", "en", "byline", "By Park", user_id=team.tina)
    services.approve(ctx, "seoul", "en", ["byline"], user_id=team.eddie)
    again = services.publish(ctx, "seoul", "en", user_id=team.erin)
    assert again.state is LocalizationState.PUBLISHED
    froms = [e.from_state for e in services.audit_log(ctx, article="seoul", action="publish")]
    assert froms == ["needs_update", "approved"]
