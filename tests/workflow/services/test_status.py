"""An article's status: every translation with its state and segments counted by state."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.services import Context


@pytest.fixture
def env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TRANSDESK_TARGET_LOCALES", "en,ja")
    return env | {"TRANSDESK_TARGET_LOCALES": "en,ja"}


def test_status_per_locale(ctx: Context, team: Team, paired: list[str]) -> None:
    services.approve(ctx, "seoul", "en", paired[:2], user_id=team.eddie)
    services.save_translation(ctx, "seoul", "ja", paired[0], "ソウル", user_id=team.tina)
    status = services.article_status(ctx, "seoul")
    assert status.article.slug == "seoul"
    by_locale = {s.locale: s for s in status.translations}
    assert set(by_locale) == {"en", "ja"}
    en, ja = by_locale["en"], by_locale["ja"]
    assert (en.state, en.segments) == ("in_review", len(paired))
    assert en.counts == {"empty": 0, "needs_edit": 0, "translated": len(paired) - 2, "approved": 2}
    assert (ja.state, ja.counts["translated"], ja.counts["empty"]) == (
        "translating",
        1,
        len(paired) - 1,
    )
