"""Inbox e-mails: the job worker sends one per event to the person's address, when SMTP is
configured (``TRANSDESK_SMTP_URL``) and the person chose that kind of event. Never called
by a request: :func:`workflow.services.notify.send_mail` enqueues, the worker runs this.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from workflow.services.context import Context
from workflow.store import inbox
from workflow.store.inbox import InboxEvent

SMTP_TIMEOUT = 20  # seconds

SUBJECTS = {
    "assigned": "{by} assigned you {article} ({locale})",
    "rejected": "{by} sent back {article} ({locale}) {key}",
    "mention": "{by} mentioned you in {article} ({locale}) {key}",
    "ready": "{article} ({locale}) is ready for review",
}


class MailNotSent(Exception):
    """The event is not there yet (its transaction not committed): huey tries again."""


def send_event_mail(ctx: Context, event_id: int) -> bool:
    """Send the event's e-mail if its person wants it; True when one was sent."""
    url = ctx.settings.smtp_url
    if not url:
        return False
    with ctx.db.transaction(write=False) as conn:
        event = inbox.event_by_id(conn, event_id)
        if event is None:
            raise MailNotSent(f"inbox event {event_id} not found (yet)")
        wanted = inbox.notify_settings_for(conn, event.user_id)
    if wanted is None or event.kind not in wanted.kinds:
        return False
    message = compose(event, sender=ctx.settings.smtp_from, to=wanted.email)
    deliver(url, message)
    return True


def compose(event: InboxEvent, *, sender: str, to: str) -> EmailMessage:
    fields = {
        "by": event.by or "transdesk",
        "article": event.slug or "",
        "locale": event.locale or "",
        "key": event.key or "",
    }
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = SUBJECTS[event.kind].format(**fields).strip()
    lines = [msg["Subject"]]
    if event.text:
        lines += ["", event.text]
    if event.slug and event.locale:
        anchor = f"#seg-{event.key}" if event.key else ""
        lines += ["", f"/articles/{event.slug}/{event.locale}{anchor}"]
    msg.set_content("\n".join(lines) + "\n")
    return msg


def deliver(url: str, message: EmailMessage) -> None:
    """Hand the message to the SMTP server ``smtp://[user:pass@]host[:port]`` (``smtps``:
    TLS from the start)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    client: smtplib.SMTP
    client = (
        smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT)
        if secure
        else smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
    )
    with client:
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
