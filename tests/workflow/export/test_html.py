"""article.html: a standalone, escaped page in the target language with local dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from tests.workflow.factories import (
    EN_POSTED,
    SOURCE_META,
    all_approved,
    localized,
    with_text,
)
from workflow.export import HtmlExporter
from workflow.model import ArticleMeta, LocalizedArticle
from workflow.states import SegmentState

VOID = {"meta", "link", "br", "img"}


class Checker(HTMLParser):
    """Records tags and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()


def render(la: LocalizedArticle, min_state: SegmentState = SegmentState.APPROVED) -> str:
    return HtmlExporter(min_state=min_state).render(la).decode("utf-8")


def parse(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    return checker


def test_is_a_complete_document() -> None:
    page = render(all_approved(localized()))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert page.endswith("</html>\n")
    tags = [t for t, _ in parse(page).tags]
    assert tags[:4] == ["html", "head", "meta", "meta"]
    assert "<title>Government pours 26 trillion won into chip support</title>" in page
    assert "<h1>Government pours 26 trillion won into chip support</h1>" in page
    assert '<p class="subtitle">Industry ministry: “tax breaks extended”</p>' in page
    assert '<p class="byline">By Kim Min-ji, staff reporter</p>' in page


@pytest.mark.parametrize(("locale", "lang"), [("en", "en"), ("en_US", "en-US"), ("ja", "ja")])
def test_lang_is_the_bcp47_target(locale: str, lang: str) -> None:
    assert f'<html lang="{lang}">' in render(localized(locale=locale))


def test_text_is_escaped() -> None:
    la = with_text(
        all_approved(localized()),
        "b1",
        '<script>alert("x")</script> & <b>bold</b>',
        SegmentState.APPROVED,
    )
    la = with_text(la, "t1", "A <script> title", SegmentState.APPROVED)
    page = render(la)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<title>A &lt;script&gt; title</title>" in page
    assert parse(page).scripts == 0


# CLDR puts a narrow no-break space (U+202F) between the time and AM/PM; no seconds, KST.
def test_dates_in_english_in_seoul_time() -> None:
    page = render(localized())
    assert (
        '<p class="dateline">Posted <time datetime="2024-04-28T10:00:00+09:00">'
        "Apr 28, 2024, 10:00\u202fAM KST</time> · Updated "
        '<time datetime="2024-04-28T15:05:00+09:00">'
        "Apr 28, 2024, 3:05\u202fPM KST</time></p>"
    ) in page


def test_utc_dates_are_shown_in_seoul_time() -> None:
    meta = replace(SOURCE_META, posted=datetime(2024, 4, 28, 23, 30, tzinfo=UTC), modified=None)
    page = render(localized(source_meta=meta))
    assert (
        '<time datetime="2024-04-29T08:30:00+09:00">Apr 29, 2024, 8:30\u202fAM KST</time>' in page
    )
    assert "Updated" not in page


def test_paired_edition_dates_come_first() -> None:
    target = ArticleMeta(title="Chips", posted=EN_POSTED)
    page = render(localized(target_meta=target))
    assert "Apr 28, 2024, 6:20\u202fPM KST" in page  # the English edition's posted
    assert "Apr 28, 2024, 3:05\u202fPM KST" in page  # the original's modified, none in target


def test_body_follows_the_layout_with_the_placeholder() -> None:
    page = render(all_approved(localized()))
    body = page.split("</header>\n", 1)[1]
    assert body.startswith(
        "<p>The government said on April 28 it will provide 26 trillion won to the chip"
        " industry. 80% of the money goes to small businesses.</p>\n"
        '<figure class="figure figure-slot" data-placeholder="[%%IMAGE1%%]">'
        '<p class="figure-slot-label"><span class="figure-label">Image 1</span>'
        " · image to be placed</p>"
        "</figure>\n<p>The industry said it “welcomes” the plan. Translation of b4.</p>\n"
    )


def test_unapproved_segments_show_the_source_tagged_korean() -> None:
    page = render(localized())
    assert '<span class="untranslated" lang="ko">지원금의 80%는 중소기업에 돌아간다.</span>' in page
    assert "80% of the money" not in page  # TRANSLATED is not approved yet
    assert "80% of the money" in render(localized(), min_state=SegmentState.TRANSLATED)


def test_untranslated_title_falls_back_to_the_paired_edition_then_the_source() -> None:
    la = with_text(localized(), "t1", "Draft title", SegmentState.TRANSLATED)
    assert '<h1 lang="ko">정부, 반도체 지원에 26조 원 투입</h1>' in render(la)
    paired = replace(la, target_meta=ArticleMeta(title="Seoul unveils chip aid"))
    assert "<h1>Seoul unveils chip aid</h1>" in render(paired)


def test_translation_edit_shows_up() -> None:
    la = all_approved(localized())
    edited = with_text(la, "b3", "Industry groups welcomed the package.")
    page = render(edited)
    assert "<p>Industry groups welcomed the package. Translation of b4.</p>" in page


def test_source_link_only_for_http_urls() -> None:
    page = render(localized())
    assert 'href="https://www.example.kr/economy/1138000.html"' in page
    evil = replace(SOURCE_META, source_url="javascript:alert(1)")
    page = render(localized(source_meta=evil))
    assert "javascript:" not in page
    assert "<footer>" not in page


def test_rendering_is_deterministic() -> None:
    assert render(localized()) == render(localized())
