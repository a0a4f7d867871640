"""Comments: a thread per segment, visible to everyone working on the article × locale."""

from __future__ import annotations

import workflow.services.notify as notify
from workflow.errors import Message
from workflow.services.common import (
    acting_user,
    audit_about,
    note_text,
    viewer,
    visible_article,
    visible_target,
)
from workflow.services.context import Context
from workflow.store import audit, localizations, translations


def add_comment(
    ctx: Context, ref: str | int, locale: str, key: str, body: str, *, user_id: int
) -> translations.Comment:
    """Add a comment to a segment's thread."""
    body = note_text(body, Message("a comment cannot be empty"), field="body")
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(
            conn, ref, locale, user, create=True, allowed=ctx.settings.target_locales
        )
        row = translations.translation_row(conn, t.localization_id, key)
        translations.insert_comment(conn, row.id, user.id, body, now)
        audit.audit(
            conn,
            action="comment",
            now=now,
            target=key,
            **audit_about(t, user),
        )
        mail = notify.mentions(conn, t, key, body, user, now)
    notify.send_mail(ctx, mail)
    return translations.Comment(key=key, user=user.name, body=body, at=now)


def comments(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> dict[str, list[translations.Comment]]:
    """Every segment's comment thread, oldest first; segments without comments are absent."""
    with ctx.db.transaction(write=False) as conn:
        article = visible_article(conn, ref, viewer(conn, user_id))
        loc_id = localizations.localization_id(conn, article.id, locale)
        if loc_id is None:
            return {}
        out: dict[str, list[translations.Comment]] = {}
        for c in translations.comments_for(conn, loc_id):
            out.setdefault(c.key, []).append(c)
        return out
