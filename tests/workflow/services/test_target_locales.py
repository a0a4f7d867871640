"""Target locales come only from TRANSDESK_TARGET_LOCALES, and never the original's language:
no save, pairing, upload, comment, prefill or pre-translation creates another one."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from workflow import services
from workflow.errors import BadInput, UnknownLocale
from workflow.services import Context
from workflow.text.locales import target_locale

PASSWORD = "correct horse battery staple"
KO = json.dumps({"title": "서울 시장 선거", "body": ["투표율은 55%로 예상된다."]}).encode()
EN = json.dumps({"title": "Seoul election", "body": ["Turnout is expected at 55%."]}).encode()
PO = b'msgid ""\nmsgstr ""\n"Language: zu\\n"\n'
REFUSED = ("zu", "en_US_POSIX", "en-GB", "ko_KP", "ko")


@pytest.fixture
def env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """English and Japanese are served; ko_KP is listed by mistake: a Korean original's
    translation can never be Korean."""
    monkeypatch.setenv("TRANSDESK_TARGET_LOCALES", "en,ja,ko_KP")
    return env | {"TRANSDESK_TARGET_LOCALES": "en,ja,ko_KP"}


@pytest.fixture
def eddie(ctx: Context) -> int:
    uid = services.add_user(ctx, "eddie", "editor", PASSWORD).id
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    return uid


WRITES: dict[str, Callable[[Context, str, int], object]] = {
    "save": lambda d, loc, u: services.save_translation(d, "seoul", loc, "title", "x", user_id=u),
    "comment": lambda d, loc, u: services.add_comment(d, "seoul", loc, "title", "x", user_id=u),
    "pair": lambda d, loc, u: services.pair_translation(
        d, "seoul", EN, source="en.json", locale=loc, user_id=u
    ),
    "upload": lambda d, loc, u: services.import_catalog(
        d, "seoul", loc, PO, source="x.po", user_id=u
    ),
    "prefill": lambda d, loc, u: services.tm_prefill(d, "seoul", loc, user_id=u),
    "pretranslate": lambda d, loc, u: services.submit_pretranslate(
        d, ["seoul"], loc, "none", user_id=u
    ),
    "assign": lambda d, loc, u: services.assign(
        d, "seoul", loc, translator=None, reviewer=None, deadline=None, user_id=u
    ),
}


@pytest.mark.parametrize("locale", REFUSED)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_no_write_creates_a_locale_outside_the_settings(
    ctx: Context, eddie: int, write: str, locale: str
) -> None:
    with pytest.raises(UnknownLocale) as refused:
        WRITES[write](ctx, locale, eddie)
    message = refused.value.message
    assert refused.value.field == "locale"
    assert "target locales: en, ja, ko_KP" in message
    assert repr(locale.replace("-", "_")) in message or "en_GB" in message
    if locale.startswith("ko"):
        assert "original's language" in message
    (overview,) = services.list_articles(ctx)
    assert overview.locales == ()  # nothing created, nothing in anyone's list


def test_the_configured_locales_are_written(ctx: Context, eddie: int) -> None:
    services.save_translation(ctx, "seoul", "ja", "title", "ソウル", user_id=eddie)
    services.pair_translation(ctx, "seoul", EN, source="en.json", locale="en", user_id=eddie)
    (overview,) = services.list_articles(ctx)
    assert [p.locale for p in overview.locales] == ["en", "ja"]


@pytest.mark.parametrize(
    ("code", "source", "expected"),
    [
        ("en", "ko", "en"),
        ("ja", "ko", "ja"),
        ("en-US", "ko", "not a target locale"),
        ("ko", "ko", "original's language"),
        ("ko-KP", "ko", "original's language"),
        ("en", "en_US", "original's language"),
        ("klingon", "ko", "unknown locale"),
    ],
)
def test_target_locale_rules(code: str, source: str, expected: str) -> None:
    allowed = ("en", "ja", "ko_KP")
    if expected in ("en", "ja"):
        assert target_locale(code, allowed=allowed, source=source) == expected
        return
    with pytest.raises(BadInput, match=expected):
        target_locale(code, allowed=allowed, source=source)
