"""The translation memory keeps to desks and embargoes (issue 12, item 8).

A sports translator, who gets 404 on a news article, must not get its English as a memory
match either: editor suggestions, ``tm search``, pre-fill and the pairing's memory evidence
look only at the units of the desks the user may see (pre-fill and pairing: the article's
own desk). An embargoed article's units are withheld from every lookup but its own until
the embargo is lifted, and stay out of TMX exports. TMX imports belong to the desk named
at import ("news" by default).
"""

from __future__ import annotations

import io
import json

import pytest

from tests.workflow.services.conftest import add_desk_people
from workflow import services
from workflow.errors import BadInput, NotFound
from workflow.services import Context

PASSWORD = "correct horse battery staple"
SHARED_KO, SHARED_EN = "양국 정상은 오늘 회담을 열었다.", "The two leaders held talks today."
NEWS_KO, NEWS_EN = "국회는 예산안을 통과시켰다.", "The National Assembly passed the budget."
SPORTS_KO, SPORTS_EN = "선수들이 경기장에 들어섰다.", "The players walked onto the field."
SECRET_KO, SECRET_EN = (
    "정부는 다음 주 새 정책을 발표한다.",
    "The government unveils a policy next week.",
)


def article(title: str, body: list[str]) -> bytes:
    return json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


def add(ctx: Context, slug: str, body: list[str], desk_name: str = "news") -> None:
    services.import_article(
        ctx, article(slug, body), source=f"{slug}.json", locale="ko", slug=slug,
        desk_name=desk_name,
    )  # fmt: skip


def pair(ctx: Context, slug: str, body: list[str], user_id: int | None = None) -> int:
    """Pair ``slug`` with English ``body``; the number of memory matches the aligner used."""
    result = services.pair_translation(
        ctx, slug, article(slug, body), source=f"{slug}.en.json", locale="en", user_id=user_id
    )
    return result.memory_hits


@pytest.fixture
def users(ctx: Context) -> dict[str, int]:
    """ "news-a" (news) paired and approved by eddie, who edits news and sports."""
    ids = add_desk_people(ctx, ("sam", "nick", "eddie", "ada"), PASSWORD)
    add(ctx, "news-a", [SHARED_KO, NEWS_KO])
    pair(ctx, "news-a", [SHARED_EN, NEWS_EN])
    services.approve(ctx, "news-a", "en", None, user_id=ids["eddie"])
    return ids


def suggestions(ctx: Context, ref: str, user_id: int, source: str) -> list[str]:
    la = services.show_article(ctx, ref, "en")
    (key,) = [e.segment.key for e in la.entries if e.segment.source == source]
    return [
        m.unit.target for m in services.segment_suggestions(ctx, ref, "en", key, user_id=user_id)
    ]


def searched(ctx: Context, text: str, user_id: int | None = None) -> list[str]:
    return [h.target for h in services.tm_search(ctx, text, locale="en", user_id=user_id)]


def test_a_sports_translator_gets_no_news_translation(ctx: Context, users: dict[str, int]) -> None:
    add(ctx, "sports-a", [SHARED_KO, SPORTS_KO], "sports")
    with pytest.raises(NotFound):
        services.show_article(ctx, "news-a", "en", user_id=users["sam"])
    # eddie pairs the sports story: the news desk's approved pair is no evidence for it
    assert pair(ctx, "sports-a", ["The leaders met.", SPORTS_EN], users["eddie"]) == 0
    assert SHARED_EN not in suggestions(ctx, "sports-a", users["sam"], SHARED_KO)
    assert suggestions(ctx, "sports-a", users["sam"], SHARED_KO) == ["The leaders met."]
    assert searched(ctx, SHARED_KO, users["sam"]) == ["The leaders met."]
    assert searched(ctx, "National Assembly", users["sam"]) == []
    # who works on both desks, an admin and the CLI (the system) see both desks' units
    assert SHARED_EN in suggestions(ctx, "sports-a", users["eddie"], SHARED_KO)
    assert SHARED_EN in suggestions(ctx, "sports-a", users["ada"], SHARED_KO)
    assert sorted(searched(ctx, SHARED_KO)) == sorted([SHARED_EN, "The leaders met.", SHARED_EN])


def test_prefill_uses_the_articles_own_desk(ctx: Context, users: dict[str, int]) -> None:
    add(ctx, "sports-a", [SHARED_KO, SPORTS_KO], "sports")
    assert services.tm_prefill(ctx, "sports-a", "en") == 0
    add(ctx, "news-b", [SHARED_KO, "새 문장이다."])
    assert services.tm_prefill(ctx, "news-b", "en") == 1


def test_the_same_pair_is_kept_once_per_desk(ctx: Context, users: dict[str, int]) -> None:
    add(ctx, "sports-a", [SHARED_KO, SPORTS_KO], "sports")
    pair(ctx, "sports-a", [SHARED_EN, SPORTS_EN], users["eddie"])
    assert suggestions(ctx, "sports-a", users["sam"], SHARED_KO)[0] == SHARED_EN
    assert searched(ctx, SHARED_KO).count(SHARED_EN) == 3  # approved/news, aligned × 2 desks


def test_an_embargoed_articles_units_are_withheld_until_it_is_lifted(
    ctx: Context, users: dict[str, int]
) -> None:
    nick, eddie = users["nick"], users["eddie"]
    add(ctx, "secret", [SECRET_KO, "두 번째 문장이다."])
    services.set_embargo(ctx, "secret", True)
    pair(ctx, "secret", [SECRET_EN, "The second sentence."], eddie)
    services.approve(ctx, "secret", "en", None, user_id=eddie)
    add(ctx, "news-b", [SECRET_KO, NEWS_KO])
    services.save_translation(ctx, "news-b", "en", _key(ctx, "news-b", NEWS_KO), "x", user_id=nick)

    assert SECRET_EN not in suggestions(ctx, "news-b", nick, SECRET_KO)
    assert searched(ctx, SECRET_KO) == []  # not even the system's search
    assert searched(ctx, "unveils") == []
    assert services.tm_prefill(ctx, "news-b", "en") == 0
    assert b"unveils" not in _tmx(ctx)
    assert pair(ctx, "news-b", [SECRET_EN, NEWS_EN], eddie) == 1  # NEWS_KO only
    # the embargoed story's own translators still get its own pairs
    assert SECRET_EN in suggestions(ctx, "secret", nick, SECRET_KO)

    services.set_embargo(ctx, "secret", False)
    assert SECRET_EN in suggestions(ctx, "news-b", nick, SECRET_KO)
    assert SECRET_EN in searched(ctx, SECRET_KO)
    assert b"unveils" in _tmx(ctx)


def test_tmx_units_belong_to_the_desk_named_at_import(ctx: Context, users: dict[str, int]) -> None:
    tmx = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="none"/><body>
<tu><tuv xml:lang="ko"><seg>{SPORTS_KO}</seg></tuv>
<tuv xml:lang="en"><seg>{SPORTS_EN}</seg></tuv></tu>
</body></tmx>""".encode()
    assert services.tm_import(ctx, io.BytesIO(tmx), source="s.tmx", desk_name="sports") == 1
    assert searched(ctx, SPORTS_KO, users["sam"]) == [SPORTS_EN]
    assert searched(ctx, SPORTS_KO, users["nick"]) == []
    assert services.tm_import(ctx, io.BytesIO(tmx), source="n.tmx") == 1  # news by default
    assert searched(ctx, SPORTS_KO, users["nick"]) == [SPORTS_EN]
    with pytest.raises(BadInput) as e:
        services.tm_import(ctx, io.BytesIO(tmx), source="x.tmx", desk_name="Sports Desk")
    assert e.value.field == "desk"


def _key(ctx: Context, ref: str, source: str) -> str:
    la = services.show_article(ctx, ref, "en")
    return next(e.segment.key for e in la.entries if e.segment.source == source)


def _tmx(ctx: Context) -> bytes:
    out = io.BytesIO()
    services.tm_export(ctx, out)
    return out.getvalue()
