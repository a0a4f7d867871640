"""The ``html`` importer: a news page's article without its furniture, and its metadata."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput, ImportFailed
from workflow.importers import HtmlImporter
from workflow.model import ParsedArticle

NEWS_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>US and Japan push for meeting : International : News : The Hankyoreh</title>
<meta property="og:title" content="US and Japan pushing for defense minister meeting">
<meta property="og:description" content="The US and Japan, which recently strengthened">
<meta property="og:url" content="https://english.hani.co.kr/arti/689225.html">
<link rel="canonical" href="https://english.hani.co.kr/arti/e_international/689225.html">
<meta property="article:published_time" content="2015-04-30T17:24:00+09:00">
<meta property="article:modified_time" content="2019-10-19T20:29:00+09:00">
<meta name="author" content="Gil Yun-hyung">
<script>window.dataLayer = [{"page": "article"}];</script>
<style>.ad { display: block; }</style>
</head>
<body>
<header class="site-header">
  <nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
</header>
<div class="ad-banner">Advertisement: Subscribe for $1</div>
<main>
<article>
  <header>
    <h1>US and Japan pushing for defense minister meeting with South Korea</h1>
    <h2 class="subtitle">Recently bolstered alliance now working to bring in Seoul</h2>
    <p class="byline">By Gil Yun-hyung, Tokyo correspondent</p>
  </header>
  <figure><img src="/img/1.jpg" alt="Carter and Nakatani">
    <figcaption>Carter and Nakatani in Washington. (AP/Yonhap News)</figcaption></figure>
  <div class="article-text">
    <p>The US and Japan, which recently strengthened their alliance into a
       &ldquo;global&rdquo; framework, are now planning to request a meeting.</p>
    <p>With this, Seoul is now finding itself <a href="/tag/alliance">drawn into</a>
       the alliance.<br>It is a <em>shift</em>.</p>
    <p>[%%IMAGE2%%]</p>
    <p>US Secretary of Defense Ashton Carter met Gen Nakatani on Apr. 28.
       <img src="/img/3.jpg"> He agreed.</p>
    <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
    <img src="/pixel.gif" width="1" height="1">
    <p>Please direct questions or comments to [english@hani.co.kr]</p>
  </div>
  <aside class="related"><h3>Related stories</h3>
    <ul><li><a href="/a">Japan passes defense bills</a></li></ul></aside>
</article>
</main>
<footer><p>Copyright 2015 The Hankyoreh. All rights reserved.</p><p>About us</p></footer>
</body>
</html>
"""


def parse(html: str) -> ParsedArticle:
    return HtmlImporter().parse(html.encode("utf-8"), source="page.html")


def test_news_page() -> None:
    article = parse(NEWS_PAGE)
    meta = article.meta

    assert meta.title == "US and Japan pushing for defense minister meeting with South Korea"
    assert meta.subtitle == "Recently bolstered alliance now working to bring in Seoul"
    assert meta.posted is not None and meta.posted.isoformat() == "2015-04-30T17:24:00+09:00"
    assert meta.modified is not None and meta.modified.isoformat() == "2019-10-19T20:29:00+09:00"
    assert meta.byline == "By Gil Yun-hyung, Tokyo correspondent"
    assert meta.source_url == "https://english.hani.co.kr/arti/e_international/689225.html"
    assert meta.images == ("[%%IMAGE1%%]", "[%%IMAGE2%%]", "[%%IMAGE3%%]")
    assert article.blocks == (
        "[%%IMAGE1%%]",
        "The US and Japan, which recently strengthened their alliance into a “global” "
        "framework, are now planning to request a meeting.",
        "With this, Seoul is now finding itself drawn into the alliance.",
        "It is a shift.",
        "[%%IMAGE2%%]",
        "US Secretary of Defense Ashton Carter met Gen Nakatani on Apr. 28.",
        "[%%IMAGE3%%]",
        "He agreed.",
    )
    body = " ".join(article.blocks)
    for junk in ["Home", "Advertisement", "Facebook", "Related", "Japan passes", "Copyright",
                 "Please direct", "dataLayer", "Yonhap", "correspondent"]:  # fmt: skip
        assert junk not in body


def test_times_from_time_element_and_byline_at_the_end() -> None:
    article = parse(
        "<html><head><title>Site | 제목</title></head><body><nav>메뉴</nav>"
        "<article><h1>제목</h1><time datetime='2015-04-29T19:34'>4월 29일</time>"
        "<p>첫 문단이다.</p><p>둘째 문단이다.</p><p>도쿄/길윤형 특파원</p>"
        "<h4>관련기사</h4><p>다른 기사 제목</p></article></body></html>"
    )
    assert article.meta.title == "제목"
    assert article.meta.posted is not None
    assert article.meta.posted.isoformat() == "2015-04-29T19:34:00+09:00"  # naive is KST
    assert article.meta.byline == "도쿄/길윤형 특파원"
    assert article.blocks == ("첫 문단이다.", "둘째 문단이다.")


def test_page_without_article_container_falls_back_to_extraction() -> None:
    paragraphs = (
        "Seoul and Tokyo agreed on a new framework for cooperation on Tuesday, officials said.",
        "Both sides called it a step forward, though critics in both capitals were not "
        "convinced by the terms.",
        "The deal takes effect next month.",
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    article = parse(
        "<html><head><title>The story</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<div id='content'>{body}</div></body></html>"
    )
    assert article.meta.title == "The story"
    assert article.blocks == paragraphs


def test_entities_are_not_resolved() -> None:
    article = parse(
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><article><h1>T</h1><p>Safe &xxe; text.</p></article></body></html>"
    )
    assert "root:" not in " ".join(article.blocks)


@pytest.mark.parametrize(
    ("html", "error", "message"),
    [
        (
            "<!doctype html><html><body><nav><a href='/'>Home</a></nav>"
            "<p>Cookie policy</p><footer>Copyright</footer></body></html>",
            ImportFailed,
            "page.html: no article found",
        ),
        (
            "<html><body><article><h1>T</h1><img src='a.jpg'></article></body></html>",
            ImportFailed,
            "page.html: no article found",
        ),
        (
            "<html><body><article><p>Body without any title.</p></article></body></html>",
            ImportFailed,
            "page.html: no title",
        ),
        (
            "<html>\n<head>\n<meta property='article:published_time' content='30/04/2015'>\n"
            "</head><body><article><h1>T</h1><p>Body.</p></article></body></html>",
            BadInput,
            "page.html, line 3, field 'published time': unparseable date '30/04/2015'",
        ),
    ],
)
def test_bad_pages_say_what_and_where(html: str, error: type[BadInput], message: str) -> None:
    with pytest.raises(error) as info:
        parse(html)
    assert str(info.value).startswith(message)
