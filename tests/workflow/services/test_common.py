"""What every service checks first: who acts, which article and locale they may touch."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput, NotFound, PermissionDenied
from workflow.services import Context
from workflow.services.common import desk_name, desk_names


def test_a_translator_cannot_review(ctx: Context, team: Team, paired: list[str]) -> None:
    with pytest.raises(PermissionDenied):
        services.approve(ctx, "seoul", "en", None, user_id=team.tina)


def test_an_unknown_user_article_or_locale_is_refused(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    with pytest.raises(PermissionDenied, match="unknown user"):
        services.save_translation(ctx, "seoul", "en", seoul[0], "x", user_id=9999)
    services.set_active(ctx, "tina", False)
    with pytest.raises(PermissionDenied):
        services.save_translation(ctx, "seoul", "en", seoul[0], "x", user_id=team.tina)
    services.set_active(ctx, "tina", True)
    with pytest.raises(NotFound):
        services.save_translation(ctx, "nowhere", "en", "title", "x", user_id=team.tina)
    with pytest.raises(BadInput):
        services.save_translation(ctx, "seoul", "xx_NOPE", seoul[0], "x", user_id=team.tina)


@pytest.mark.parametrize("name", ["", "n", "News", "news desk", "a/b", "x" * 41])
def test_desk_names_are_checked(name: str) -> None:
    with pytest.raises(BadInput) as info:
        desk_name(name)
    assert info.value.field == "desk"


def test_desk_lists_drop_blanks_and_repeats_and_need_one() -> None:
    assert desk_name(" sports ") == "sports"
    assert desk_names("news, sports,,news") == ("news", "sports")
    with pytest.raises(BadInput, match="at least one desk") as info:
        desk_names(" , ")
    assert info.value.field == "desks"
