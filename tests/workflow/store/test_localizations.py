"""The article × locale store: created with EMPTY translations, the paired edition and
its beads, the revision counter, and the article read with its entries."""

from __future__ import annotations

from sqlalchemy import Connection

from tests.workflow.store.conftest import NOW, Stored
from workflow.model import Article, ArticleMeta, Bead
from workflow.states import LocalizationState, Role, SegmentState
from workflow.store import articles, localizations, publications, translations, users


def test_a_new_locale_starts_with_an_empty_translation_per_segment(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        assert localizations.localization_id(conn, stored.article_id, "fr") is None
        fr = localizations.ensure_localization(conn, stored.article_id, "fr", NOW)
        again = localizations.ensure_localization(conn, stored.article_id, "fr", NOW)
        rows = translations.translation_rows(conn, fr)
        assert localizations.localization_locales(conn, stored.article_id) == ["en", "fr"]
    assert again == fr != stored.loc_id
    assert [(r.text, r.state, r.version) for r in rows] == [("", SegmentState.EMPTY, 0)] * 4


def test_the_paired_edition_and_beads_come_back_as_values(stored: Stored) -> None:
    beads = (Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.4))
    with stored.db.transaction() as conn:
        localizations.set_pairing(
            conn,
            stored.loc_id,
            target_meta=ArticleMeta(title="Title"),
            target_sentences=["One.", "Two."],
            target_breaks=[0],
        )
        localizations.set_beads(conn, stored.loc_id, beads)
        localizations.bump_revision(conn, stored.loc_id)
        row = localizations.localization_row(conn, stored.article_id, "en")
        la = localizations.localized_article(conn, _article(conn, stored), "en")
    assert row is not None
    assert (row.id, row.revision, row.published) == (stored.loc_id, 1, False)
    assert (row.target_sentences, row.target_breaks, row.beads) == (("One.", "Two."), (0,), beads)
    assert row.target_meta == ArticleMeta(title="Title")
    assert (la.beads, la.target_meta, la.revision) == (beads, ArticleMeta(title="Title"), 1)


def test_an_unpaired_localization_has_no_edition(stored: Stored) -> None:
    with stored.db.transaction(write=False) as conn:
        row = localizations.localization_row(conn, stored.article_id, "en")
        assert localizations.localization_row(conn, stored.article_id, "fr") is None
    assert row is not None
    assert (row.target_meta, row.target_sentences, row.target_breaks, row.beads) == (
        None,
        None,
        None,
        (),
    )


def test_the_state_follows_segments_publication_and_needs_update(stored: Stored) -> None:
    approved = {"text": "T", "state": int(SegmentState.APPROVED)}
    with stored.db.transaction() as conn:
        rows = translations.translation_rows(conn, stored.loc_id)
        changes = [(r, approved, None) for r in rows]
        translations.change_translations(conn, changes, action="a", user_id=None, now=NOW)
        states = [_state(conn, stored)]
        eddie = users.insert_user(conn, "eddie", Role.EDITOR, "h", NOW)
        revision = publications.lock_for_publish(conn, stored.loc_id)
        publications.mark_published(conn, stored.loc_id, revision, eddie.id, NOW)
        states.append(_state(conn, stored))
        localizations.mark_needs_update(conn, stored.loc_id)
        states.append(_state(conn, stored))
    assert states == [
        LocalizationState.APPROVED,
        LocalizationState.PUBLISHED,
        LocalizationState.NEEDS_UPDATE,
    ]


def test_an_entry_carries_the_editors_name(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW)
        row = translations.translation_row(conn, stored.loc_id, "title")
        values = {"text": "Title", "state": int(SegmentState.TRANSLATED), "updated_by": tina.id}
        translations.change_translation(conn, row, values, action="save", user_id=tina.id, now=NOW)
        entry = localizations.entry(conn, stored.loc_id, "en", "title")
    assert (entry.translation.text, entry.translation.updated_by) == ("Title", "tina")
    assert entry.translation.version == 1


def _article(conn: Connection, stored: Stored) -> Article:
    return articles.find_article(conn, stored.article_id)


def _state(conn: Connection, stored: Stored) -> LocalizationState:
    return localizations.localized_article(conn, _article(conn, stored), "en").state
