"""Password changes and disabling: who may, and that a refused change leaves the old
password working."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import PASSWORD, Team
from workflow import services
from workflow.errors import AuthenticationFailed, PermissionDenied
from workflow.services import Context

NEW = "a much better horse battery staple"


def test_a_wrong_current_password_changes_nothing(ctx: Context, team: Team) -> None:
    with pytest.raises(AuthenticationFailed, match="current password is wrong"):
        services.change_password(ctx, team.tina, "not my password", NEW)
    assert services.authenticate(ctx, "tina", PASSWORD).id == team.tina
    services.change_password(ctx, team.tina, PASSWORD, NEW)
    assert services.authenticate(ctx, "tina", NEW).id == team.tina
    with pytest.raises(AuthenticationFailed):
        services.authenticate(ctx, "tina", PASSWORD)


def test_only_administrators_reset_and_disable_and_never_themselves(
    ctx: Context, team: Team
) -> None:
    with pytest.raises(PermissionDenied, match="only administrators reset"):
        services.reset_password(ctx, "tina", NEW, by=team.eddie)
    with pytest.raises(PermissionDenied, match="cannot disable themselves"):
        services.set_active(ctx, "admin", False, by=team.admin)
    assert services.set_active(ctx, "tina", False, by=team.admin).active is False
    with pytest.raises(AuthenticationFailed):
        services.authenticate(ctx, "tina", PASSWORD)
    services.set_active(ctx, "tina", True, by=team.admin)
    services.reset_password(ctx, "tina", NEW, by=team.admin)
    assert services.authenticate(ctx, "tina", NEW).id == team.tina
