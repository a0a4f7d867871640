from __future__ import annotations

from tests.workflow.checks.helpers import table_test
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


test_urls = table_test(UrlsCheck(), URLS)
test_emails = table_test(EmailsCheck(), EMAILS)
