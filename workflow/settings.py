"""Typed, frozen settings parsed once from the environment (``TRANSDESK_*``)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from workflow.errors import BadInput
from workflow.locales import parse_locale
from workflow.machinery import Provider, providers_from_env

ENVIRONMENTS = ("development", "test", "production")


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
    #: Machine-translation providers, configured, in order of preference (keys inside,
    #: never in ``repr``).
    mt_providers: tuple[Provider, ...] = field(default=(), repr=False)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with some fields replaced (tests, the app factory)."""
        return replace(self, **dict(overrides))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Parse ``TRANSDESK_*`` variables; fail with a clear message when one is wrong."""
        env = os.environ if environ is None else environ
        mode = env.get("TRANSDESK_ENV", "development")
        if mode not in ENVIRONMENTS:
            raise BadInput(f"TRANSDESK_ENV must be one of {', '.join(ENVIRONMENTS)}, not {mode!r}")
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
        return cls(
            instance=instance,
            database_url=database_url,
            secret_key=secret,
            env=mode,
            target_locales=targets or ("en",),
            redis_url=env.get("TRANSDESK_REDIS_URL") or None,
            mt_providers=tuple(providers_from_env(env)),
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
