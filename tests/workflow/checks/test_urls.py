from __future__ import annotations

import pytest

from tests.workflow.checks.helpers import messages
from workflow.checks.urls import EmailsCheck, UrlsCheck

URLS = [
    (
        "자세한 내용은 https://www.hani.co.kr/arti/689058.html 참고.",
        "See https://www.hani.co.kr/arti/689058.html for more.",
        [],
    ),
    ("www.hani.co.kr 에서 보라.", "See www.hani.co.kr.", []),  # the full stop is not the URL's
    (
        "https://www.hani.co.kr/arti/689058.html 참고.",
        "See the Hankyoreh website.",
        ["URL https://www.hani.co.kr/arti/689058.html is missing in the translation"],
    ),
    (
        "https://hani.co.kr/a 참고.",
        "See https://hani.co.kr/b.",
        ["URL https://hani.co.kr/a is missing in the translation"],
    ),
    ("HTTPS://Hani.co.kr 참고", "see https://hani.co.kr", []),
]
EMAILS = [
    ("문의: english@hani.co.kr", "Contact: english@hani.co.kr.", []),
    ("문의: english@hani.co.kr", "Contact the English desk.", [
        "e-mail address english@hani.co.kr is missing in the translation"]),
    ("문의는 전화로", "Call us", []),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "expected"), URLS)
def test_urls(source: str, target: str, expected: list[str]) -> None:
    assert messages(UrlsCheck(), source, target) == expected


@pytest.mark.parametrize(("source", "target", "expected"), EMAILS)
def test_emails(source: str, target: str, expected: list[str]) -> None:
    assert messages(EmailsCheck(), source, target) == expected
