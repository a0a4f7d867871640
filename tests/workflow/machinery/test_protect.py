"""Placeholders, URLs, e-mail addresses and numbers survive machine translation unchanged."""

from __future__ import annotations

import pytest

from workflow.machinery import PlaceholderLost, protect, restore


@pytest.mark.parametrize(
    ("source", "protected"),
    [
        ("[%%IMAGE1%%]", "[X0X]"),
        ("{name}님이 %s건을 %(count)d번", "[X0X]님이 [X1X]건을 [X2X]번"),
        (
            "자세한 내용은 https://www.hani.co.kr/arti/123.html.",
            "자세한 내용은 [X0X].",
        ),
        ("문의: mirae@hani.co.kr", "문의: [X0X]"),
        ("2024년 4월 28일 3.5% 오른 1,200원", "[X0X]년 [X1X]월 [X2X]일 [X3X]% 오른 [X4X]원"),
        ("3억 원과 1만 명, 5천 개", "3억 원과 1만 명, 5천 개"),  # magnitudes: the engine's job
        ("G20 정상회의", "G20 정상회의"),
        ("이미 [X0X] 토큰", "이미 [X0X] 토큰"),
    ],
)
def test_protect(source: str, protected: str) -> None:
    result = protect(source)
    assert result.text == protected
    assert restore(result.text, result, provider="test") == source


def test_restore_accepts_tokens_the_engine_spaced_or_moved() -> None:
    p = protect("{name}은 2024년에 [%%IMAGE1%%]")
    engine = "In [ X1 X ], [x0x] [X2X]"
    assert restore(engine, p, provider="test") == "In 2024, {name} [%%IMAGE1%%]"


def test_a_lost_token_is_an_error_not_a_silent_drop() -> None:
    p = protect("매출은 1,200억 원, 영업이익 35% 증가")
    with pytest.raises(PlaceholderLost, match="placeholder lost") as caught:
        restore("Sales rose", p, provider="deepl")
    assert caught.value.provider == "deepl"


def test_an_invented_token_is_an_error() -> None:
    p = protect("2024년")
    with pytest.raises(PlaceholderLost):
        restore("[X0X] [X7X]", p, provider="test")


def test_only_tokens() -> None:
    assert protect("[%%IMAGE2%%]").only_tokens
    assert protect(" 2024. ").only_tokens
    assert not protect("2024년").only_tokens
