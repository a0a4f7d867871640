"""Per-desk QA settings: which checks run on a desk's articles and at which severity.

Stored in ``desk_checks`` and applied wherever a desk's findings are computed (the editor,
the review queue, approval and publishing, the API and ``transdesk check``), by
:func:`workflow.services.qa.apply_desk_settings`. Only administrators see and change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection

from workflow.errors import BadInput, PermissionDenied
from workflow.services.common import acting_user, desk_name
from workflow.services.context import Context
from workflow.store import articles, audit, qa

__all__ = ["CHOICES", "CheckSetting", "DeskQaSettings", "qa_settings", "save_qa_settings"]

#: What an administrator may choose for a check.
CHOICES = ("off", "warning", "error")


@dataclass(frozen=True)
class CheckSetting:
    """A check as a desk runs it: ``choice`` is ``off``, ``warning`` or ``error``."""

    id: str
    name: str
    description: str
    default: str  # the check's own severity
    choice: str

    @property
    def changed(self) -> bool:
        return self.choice != self.default


@dataclass(frozen=True)
class DeskQaSettings:
    """A desk's QA settings, and the desks there are (for choosing another)."""

    desk: str
    desks: tuple[str, ...]
    checks: tuple[CheckSetting, ...]


def _require_admin(conn: Connection, user_id: int) -> int:
    user = acting_user(conn, user_id)
    if not user.role.can_manage:
        raise PermissionDenied("only administrators choose a desk's QA checks")
    return user.id


def _settings(ctx: Context, stored: Mapping[str, qa.DeskCheckRecord]) -> list[CheckSetting]:
    out = []
    for check_id in ctx.checks.ids():
        check = ctx.checks.get(check_id)
        row = stored.get(check_id)
        default = check.severity.label
        choice = default if row is None else (row.severity if row.enabled else "off")
        out.append(CheckSetting(check_id, check.name, check.description, default, choice))
    return out


def qa_settings(ctx: Context, desk: str, *, user_id: int) -> DeskQaSettings:
    """Every registered check with the desk's choice for it."""
    desk = desk_name(desk)
    with ctx.db.transaction(write=False) as conn:
        _require_admin(conn, user_id)
        desks = tuple(sorted({*articles.desks_in_use(conn), "news", desk}))
        checks = tuple(_settings(ctx, qa.desk_check_settings(conn, desk)))
        return DeskQaSettings(desk, desks, checks)


def save_qa_settings(
    ctx: Context, desk: str, choices: Mapping[str, str], *, user_id: int
) -> DeskQaSettings:
    """Set the desk's choice (``off``, ``warning``, ``error``) for the checks named in
    ``choices``; checks not named keep their setting. Recorded in the audit log."""
    desk = desk_name(desk)
    known = set(ctx.checks.ids())
    for check_id, choice in choices.items():
        if check_id not in known:
            raise BadInput("no check %(check_id)r", check_id=check_id, field="check")
        if choice not in CHOICES:
            raise BadInput(
                "%(check_id)s: choose one of %(choices)s",
                check_id=check_id,
                choices=", ".join(CHOICES),
                field=check_id,
            )
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        uid = _require_admin(conn, user_id)
        current = {s.id: s for s in _settings(ctx, qa.desk_check_settings(conn, desk))}
        chosen = {k: choices.get(k, s.choice) for k, s in current.items()}
        rows = [
            (k, c != "off", c if c != "off" else current[k].default)
            for k, c in chosen.items()
            if c != current[k].default
        ]
        qa.replace_desk_checks(conn, desk, rows, user_id=uid, now=now)
        changes = [f"{k}: {current[k].choice} → {c}" for k, c in chosen.items()
                   if c != current[k].choice]  # fmt: skip
        if changes:
            audit.audit(
                conn,
                action="qa_settings",
                now=now,
                user_id=uid,
                target=desk,
                detail="; ".join(changes),
            )
        desks = tuple(sorted({*articles.desks_in_use(conn), "news", desk}))
        checks = tuple(_settings(ctx, qa.desk_check_settings(conn, desk)))
        return DeskQaSettings(desk, desks, checks)
