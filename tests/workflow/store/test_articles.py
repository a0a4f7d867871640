"""The article store: articles with their keyed segments, corrections, the embargo."""

from __future__ import annotations

import pytest

from tests.workflow.store.conftest import NOW, SENTENCES, Stored, add_article
from workflow.errors import NotFound
from workflow.keys import new_key
from workflow.model import SegmentDraft, SegmentKind
from workflow.states import Role, SegmentState
from workflow.store import Database, articles, translations, users


def test_an_article_is_found_by_slug_or_id_with_its_segments_in_order(stored: Stored) -> None:
    with stored.db.transaction(write=False) as conn:
        by_slug = articles.find_article(conn, "a")
        by_id = articles.find_article(conn, stored.article_id)
        segs = [s for _, s in articles.article_segments(conn, stored.article_id)]
        with pytest.raises(NotFound):
            articles.find_article(conn, "missing")
    assert by_slug == by_id
    assert (by_slug.slug, by_slug.locale, by_slug.meta.title) == ("a", "ko", "제목")
    assert [s.key for s in segs] == ["title"] + [new_key(t, set()) for t in SENTENCES]
    assert [s.source for s in segs[1:]] == list(SENTENCES)


def test_an_article_comes_with_its_article_x_locale_id_in_one_lookup(stored: Stored) -> None:
    with stored.db.transaction(write=False) as conn:
        plain = articles.find_article(conn, "a")
        found, en = articles.find_article_in(conn, "a", "en")
        by_id, _ = articles.find_article_in(conn, str(stored.article_id), "en")
        _, ja = articles.find_article_in(conn, "a", "ja")
        with pytest.raises(NotFound):
            articles.find_article_in(conn, "missing", "en")
    assert found == by_id == plain
    assert (en, ja) == (stored.loc_id, None)


def test_a_correction_adds_edits_and_retires_segments(stored: Stored) -> None:
    db, aid = stored.db, stored.article_id
    with db.transaction() as conn:
        _, (_, first), (_, second), (_, third) = articles.article_segments(conn, aid)
        edited = SegmentDraft(SegmentKind.BODY, "첫 문장을 고쳤다.", 1, 1)
        articles.place_segment(
            conn, aid, first.key, edited, 1, source=edited.text, previous_source=first.source
        )
        articles.retire_segment(conn, aid, second.key, 4)
        added = SegmentDraft(SegmentKind.BODY, "새 문장이다.", 1, 2)
        articles.add_segment(conn, aid, "s-new", added, 2)
        articles.place_segment(
            conn, aid, third.key, SegmentDraft(SegmentKind.BODY, third.source, 1, 3), 3
        )
    with db.transaction(write=False) as conn:
        live = [s for _, s in articles.article_segments(conn, aid)]
        gone = [s.key for _, s in articles.article_segments(conn, aid, obsolete=True)]
        new_row = translations.translation_row(conn, stored.loc_id, "s-new")
        assert articles.obsolete_keys(conn, aid) == {second.key}
    assert [(s.key, s.source, s.previous_source) for s in live] == [
        ("title", "제목", None),
        (first.key, "첫 문장을 고쳤다.", first.source),
        ("s-new", "새 문장이다.", None),
        (third.key, third.source, None),
    ]
    assert gone == [second.key]
    # a new segment has an EMPTY translation in every locale the article has
    assert (new_row.text, new_row.state, new_row.version) == ("", SegmentState.EMPTY, 0)


def test_embargoed_slugs_follow_the_embargo(db: Database) -> None:
    a = add_article(db, "a")
    add_article(db, "b")
    with db.transaction() as conn:
        articles.set_embargo(conn, a.article_id, True)
        assert articles.embargoed_slugs(conn) == ["a"]
        assert articles.find_article(conn, "a").embargoed
        articles.set_embargo(conn, a.article_id, False)
        assert articles.embargoed_slugs(conn) == []


def test_desks_in_use_counts_articles_and_members(db: Database) -> None:
    add_article(db, "a", desk="sports")
    with db.transaction() as conn:
        users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW, ("culture", "sports"))
        assert articles.desks_in_use(conn) == ["culture", "sports"]
