"""Typed, frozen settings parsed once from the environment (``TRANSDESK_*``)."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from workflow.errors import BadInput
from workflow.machinery import Provider, providers_from_env
from workflow.security.netpolicy import check_url, parse_allowed
from workflow.text.locales import parse_locale

ENVIRONMENTS = ("development", "test", "production")
#: The demo's sample article pair, shipped inside the package (``transdesk init --demo``).
DEFAULT_SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


@dataclass(frozen=True)
class Settings:
    """Everything transdesk reads from its environment, with defaults for development.

    ``secret_key`` must be set outside development and test: ``from_env`` fails fast.
    """

    instance: Path
    database_url: str
    secret_key: str
    env: str = "development"
    target_locales: tuple[str, ...] = ("en",)
    generator: str = "transdesk 0.1.0"
    redis_url: str | None = None
    #: The job queue's name: every web node and worker of one desk shares it; another desk
    #: (staging, a test run) on the same Redis takes another.
    queue_name: str = "transdesk"
    #: Machine-translation providers, configured, in order of preference (keys inside,
    #: never in ``repr``).
    mt_providers: tuple[Provider, ...] = field(default=(), repr=False)
    #: Where the CMS wants to hear of publications, and the key that signs what we send.
    webhook_url: str | None = None
    webhook_secret: str = field(default="", repr=False)
    #: Private hosts and networks the server may call all the same (SSRF rules).
    allow_private_urls: tuple[str, ...] = ()
    #: Session cookies only over HTTPS (on by default in production, behind TLS).
    secure_cookies: bool = False
    #: Folder of the demo's sample article pair (``transdesk init --demo``).
    samples: Path = DEFAULT_SAMPLES
    #: Where inbox e-mails go out (``smtp://host:port``, ``smtps://user:pass@host``); None: off.
    smtp_url: str | None = field(default=None, repr=False)
    #: The sender of those e-mails.
    smtp_from: str = "transdesk@localhost"

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with some fields replaced (tests, the app factory)."""
        return replace(self, **dict(overrides))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Parse ``TRANSDESK_*`` variables; fail with a clear message when one is wrong."""
        env = os.environ if environ is None else environ
        mode = env.get("TRANSDESK_ENV", "development")
        if mode not in ENVIRONMENTS:
            raise BadInput(
                "TRANSDESK_ENV must be one of %(environments)s, not %(mode)r",
                environments=", ".join(ENVIRONMENTS),
                mode=mode,
            )
        instance = Path(env.get("TRANSDESK_INSTANCE", "instance")).resolve()
        database_url = env.get("TRANSDESK_DATABASE_URL") or (
            f"sqlite:///{instance / 'transdesk.sqlite3'}"
        )
        if database_url.startswith("postgresql://"):
            database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
        secret = env.get("TRANSDESK_SECRET_KEY", "")
        if not secret:
            if mode == "production":
                raise BadInput("TRANSDESK_SECRET_KEY must be set when TRANSDESK_ENV=production")
            secret = secrets.token_hex(32) if mode == "test" else _dev_secret(instance)
        targets = tuple(
            parse_locale(t.strip())
            for t in env.get("TRANSDESK_TARGET_LOCALES", "en").split(",")
            if t.strip()
        )
        allowed = parse_allowed(env.get("TRANSDESK_ALLOW_PRIVATE_URLS", ""))
        webhook_url = env.get("TRANSDESK_WEBHOOK_URL", "").strip() or None
        webhook_secret = env.get("TRANSDESK_WEBHOOK_SECRET", "")
        if webhook_url:
            check_url(webhook_url, allowed, field="TRANSDESK_WEBHOOK_URL", resolve=False)
            if len(webhook_secret) < 16:
                raise BadInput(
                    "must be set, at least 16 characters, when TRANSDESK_WEBHOOK_URL is",
                    field="TRANSDESK_WEBHOOK_SECRET",
                )
        queue = env.get("TRANSDESK_QUEUE_NAME", "").strip() or "transdesk"
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", queue):
            raise BadInput(
                "must be 1–64 letters, digits, dots, dashes or underscores, not %(queue)r",
                queue=queue,
                field="TRANSDESK_QUEUE_NAME",
            )
        secure = env.get("TRANSDESK_SECURE_COOKIES", "").strip().lower()
        if secure not in ("", "1", "0", "true", "false", "yes", "no", "on", "off"):
            raise BadInput(
                "must be true or false, not %(secure)r",
                secure=secure,
                field="TRANSDESK_SECURE_COOKIES",
            )
        smtp_url = env.get("TRANSDESK_SMTP_URL", "").strip() or None
        if smtp_url and not re.fullmatch(r"smtps?://[^/\s]+(:\d+)?/?", smtp_url):
            raise BadInput(
                "must look like smtp://host:port or smtps://user:password@host",
                field="TRANSDESK_SMTP_URL",
            )
        return cls(
            instance=instance,
            database_url=database_url,
            secret_key=secret,
            env=mode,
            target_locales=targets or ("en",),
            redis_url=env.get("TRANSDESK_REDIS_URL") or None,
            queue_name=queue,
            mt_providers=tuple(providers_from_env(env)),
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            allow_private_urls=allowed,
            secure_cookies=secure in ("1", "true", "yes", "on")
            or (secure == "" and mode == "production"),
            samples=Path(env.get("TRANSDESK_SAMPLES") or DEFAULT_SAMPLES),
            smtp_url=smtp_url,
            smtp_from=env.get("TRANSDESK_SMTP_FROM", "").strip() or "transdesk@localhost",
        )


def _dev_secret(instance: Path) -> str:
    """A per-instance random secret for development, kept in the instance folder."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(value)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return value
