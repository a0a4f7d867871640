"""Settings from the environment: defaults, PostgreSQL URLs, and failing fast on bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.errors import BadInput, UnknownLocale
from workflow.settings import Settings


def test_defaults_put_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    s = Settings.from_env({"TRANSDESK_INSTANCE": str(tmp_path), "TRANSDESK_ENV": "test"})
    assert s.instance == tmp_path
    assert s.database_url == f"sqlite:///{tmp_path / 'transdesk.sqlite3'}"
    assert s.target_locales == ("en",)
    assert len(s.secret_key) == 64


def test_development_keeps_one_secret_per_instance(tmp_path: Path) -> None:
    env = {"TRANSDESK_INSTANCE": str(tmp_path)}
    first, second = Settings.from_env(env), Settings.from_env(env)
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_postgresql_urls_use_psycopg_3(tmp_path: Path) -> None:
    s = Settings.from_env(
        {
            "TRANSDESK_INSTANCE": str(tmp_path),
            "TRANSDESK_DATABASE_URL": "postgresql://u@db/transdesk",
            "TRANSDESK_SECRET_KEY": "k" * 40,
            "TRANSDESK_TARGET_LOCALES": "en, ja,zh-Hans",
        }
    )
    assert s.database_url == "postgresql+psycopg://u@db/transdesk"
    assert s.target_locales == ("en", "ja", "zh_Hans")


@pytest.mark.parametrize(
    ("env", "error", "message"),
    [
        ({"TRANSDESK_ENV": "production"}, BadInput, "TRANSDESK_SECRET_KEY must be set"),
        ({"TRANSDESK_ENV": "staging"}, BadInput, "TRANSDESK_ENV must be one of"),
        ({"TRANSDESK_TARGET_LOCALES": "en,qq-zz"}, UnknownLocale, "unknown locale"),
    ],
)
def test_bad_settings_fail_fast(
    tmp_path: Path, env: dict[str, str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Settings.from_env({"TRANSDESK_INSTANCE": str(tmp_path), **env})
