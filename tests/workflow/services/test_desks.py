"""Desks as object-level checks: a user sees and changes only the articles of their desks.

An article of another desk answers exactly as a missing one (NotFound, same message), by
slug and by numeric id, for every read and write; lists leave it out. Editors of both
desks, admins and the system (``user_id=None``: the CLI, jobs) see everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.workflow.services.conftest import DESK_PEOPLE, add_desk_people
from workflow import services
from workflow.alignment.beads import BeadOp
from workflow.errors import BadInput, NotFound, PermissionDenied
from workflow.services import Context
from workflow.states import SegmentState

PASSWORD = "correct horse battery"
KO = SAMPLES / "hani-ko-689058-demo.txt"
EN = SAMPLES / "hani-en-689225.txt"


@dataclass(frozen=True)
class World:
    news_id: int
    key: str
    users: dict[str, int]


@pytest.fixture
def world(ctx: Context) -> World:
    """ "hani" on the news desk (paired with English), "match" on the sports desk.

    sam translates and sara edits for sports only; nick translates news; eddie edits
    both desks; ada is an admin whose own desk is sports (admins see every desk).
    """
    ids = add_desk_people(ctx, DESK_PEOPLE, PASSWORD)
    news = services.import_article(ctx, KO.read_bytes(), source=KO.name, locale="ko", slug="hani")
    services.pair_translation(ctx, "hani", EN.read_bytes(), source=EN.name, locale="en")
    services.import_article(
        ctx, KO.read_bytes(), source=KO.name, locale="ko", slug="match", desk_name="sports"
    )
    services.pair_translation(ctx, "match", EN.read_bytes(), source=EN.name, locale="en")
    key = services.show_article(ctx, "hani", "en").entries[3].segment.key
    services.save_translation(ctx, "hani", "en", key, "Nick's text", user_id=ids["nick"])
    return World(news_id=news.id, key=key, users=ids)


def _calls(ctx: Context, w: World, ref: str | int, uid: int) -> dict[str, Callable[[], Any]]:
    """Every use case that reads or writes one article, on behalf of ``uid``."""
    key = w.key
    po = services.export_catalog(ctx, "hani", "en").data
    return {
        "get": lambda: services.get_article(ctx, ref, user_id=uid),
        "show": lambda: services.show_article(ctx, ref, "en", user_id=uid),
        "editor page": lambda: services.editor_page(ctx, ref, "en", user_id=uid),
        "save": lambda: services.save_translation(ctx, ref, "en", key, "x", user_id=uid),
        "revert": lambda: services.revert_translation(ctx, ref, "en", key, 1, user_id=uid),
        "history": lambda: services.segment_history(ctx, ref, "en", key, user_id=uid),
        "comment": lambda: services.add_comment(ctx, ref, "en", key, "hi", user_id=uid),
        "comments": lambda: services.comments(ctx, ref, "en", user_id=uid),
        "qa": lambda: services.check_article(ctx, ref, "en", user_id=uid),
        "dismiss": lambda: services.dismiss_warning(
            ctx, ref, "en", key, "length", "fine", user_id=uid
        ),
        "suggestions": lambda: services.segment_suggestions(ctx, ref, "en", key, user_id=uid),
        "prefill": lambda: services.tm_prefill(ctx, ref, "en", user_id=uid),
        "mt": lambda: services.mt_suggest(ctx, ref, "en", key, "none", user_id=uid),
        "catalog.po": lambda: services.export_catalog(ctx, ref, "en", user_id=uid),
        "catalog.mo": lambda: services.export_mo(ctx, ref, "en", user_id=uid),
        "catalog as xliff": lambda: services.export_catalog_as(
            ctx, ref, "en", "xliff2", user_id=uid
        ),
        "bundle.zip": lambda: services.export_bundle(ctx, ref, "en", user_id=uid),
        "upload": lambda: services.import_catalog(
            ctx, ref, "en", po, source="hani.po", user_id=uid
        ),
        "alignment": lambda: services.alignment_view(ctx, ref, "en", user_id=uid),
        "approve": lambda: services.approve(ctx, ref, "en", None, user_id=uid),
        "reject": lambda: services.reject(ctx, ref, "en", key, "no", user_id=uid),
        "publish": lambda: services.publish(ctx, ref, "en", user_id=uid),
        "realign": lambda: services.edit_alignment(
            ctx, ref, "en", BeadOp("target-down"), 3, user_id=uid
        ),
        "pair": lambda: services.pair_translation(
            ctx, ref, EN.read_bytes(), source=EN.name, locale="en", user_id=uid
        ),
        "update": lambda: services.update_article(
            ctx, ref, KO.read_bytes(), source=KO.name, user_id=uid
        ),
        "embargo": lambda: services.set_embargo(ctx, ref, True, user_id=uid),
        "assign": lambda: services.assign(
            ctx, ref, "en", translator=None, reviewer=None, deadline=None, user_id=uid
        ),
        "audit of the article": lambda: services.audit_log(ctx, article=str(ref), user_id=uid),
    }


# A translator is refused these by role (403) whatever the article, before its desk matters.
EDITORS_ONLY = {"approve", "reject", "publish", "realign", "assign", "pair"}


def _missing(ref: str | int) -> str:
    return f"no article {str(ref)!r} (give its id or slug)"


@pytest.mark.parametrize("who", ["sam", "sara"])
@pytest.mark.parametrize("by", ["slug", "id"])
def test_another_desks_article_is_not_found_for_every_read_and_write(
    ctx: Context, world: World, who: str, by: str
) -> None:
    ref: str | int = "hani" if by == "slug" else world.news_id
    before = services.show_article(ctx, "hani", "en")
    for name, call in _calls(ctx, world, ref, world.users[who]).items():
        if who == "sam" and name in EDITORS_ONLY:
            with pytest.raises(PermissionDenied):
                call()
            continue
        with pytest.raises(NotFound) as caught:
            call()
        assert caught.value.message == _missing(ref), name
    # nothing changed: no save, comment, approval, publication or embargo went through
    after = services.show_article(ctx, "hani", "en")
    assert after.entries == before.entries and after.revision == before.revision
    assert not after.article.embargoed
    assert services.comments(ctx, "hani", "en") == {}


def test_a_missing_article_gives_the_same_answer(ctx: Context, world: World) -> None:
    for ref in ("no-such-story", 9999):
        with pytest.raises(NotFound) as caught:
            services.show_article(ctx, ref, "en", user_id=world.users["eddie"])
        assert caught.value.message == _missing(ref)


@pytest.mark.parametrize("who", ["eddie", "ada", None])
def test_editors_of_the_desk_admins_and_the_system_see_and_change_it(
    ctx: Context, world: World, who: str | None
) -> None:
    uid = world.users[who] if who else None
    for ref in ("hani", world.news_id):
        assert services.get_article(ctx, ref, user_id=uid).slug == "hani"
        assert services.editor_page(ctx, ref, "en", user_id=uid).la.article.slug == "hani"
        assert services.segment_history(ctx, ref, "en", world.key, user_id=uid).revisions
        assert services.export_catalog(ctx, ref, "en", user_id=uid).data
        assert services.alignment_view(ctx, ref, "en", user_id=uid).beads
    if uid is not None:
        assert services.approve(ctx, "hani", "en", None, user_id=uid).approved
    slugs = {o.article.slug for o in services.list_articles(ctx, user_id=uid)}
    assert slugs == {"hani", "match"}


def test_members_of_the_desk_work_on_its_articles(ctx: Context, world: World) -> None:
    sam, sara = world.users["sam"], world.users["sara"]
    key = services.show_article(ctx, "match", "en").entries[3].segment.key
    saved = services.save_translation(ctx, "match", "en", key, "Sam's text", user_id=sam)
    assert saved.state is SegmentState.TRANSLATED
    assert services.approve(ctx, "match", "en", None, user_id=sara).approved
    assert services.comments(ctx, "match", "en", user_id=sam) == {}


def test_lists_queues_dashboard_and_audit_leave_other_desks_out(ctx: Context, world: World) -> None:
    sam, nick = world.users["sam"], world.users["nick"]
    services.assign(
        ctx,
        "hani",
        "en",
        translator="nick",
        reviewer="eddie",
        deadline=None,
        user_id=world.users["eddie"],
    )
    assert [o.article.slug for o in services.list_articles(ctx, user_id=sam)] == ["match"]
    assert [o.article.slug for o in services.list_articles(ctx, user_id=nick)] == ["hani"]
    assert {w.slug for w in services.work_items(ctx, user_id=sam)} == {"match"}
    assert {w.slug for w in services.review_queue(ctx, user_id=sam)} <= {"match"}
    assert "hani" in {w.slug for w in services.review_queue(ctx, user_id=nick)}
    assert [w.slug for w in services.my_work(ctx, nick)] == ["hani"]
    assert services.my_work(ctx, sam) == []

    sam_log = services.audit_log(ctx, user_id=sam)
    assert sam_log and all(e.slug != "hani" for e in sam_log)
    assert "hani" in {e.slug for e in services.audit_log(ctx, user_id=nick)}
    assert "hani" in {e.slug for e in services.audit_log(ctx)}

    # nick's save on "hani" is the only human save: sam's dashboard does not count it
    sam_board = services.dashboard(ctx, user_id=sam)
    nick_board = services.dashboard(ctx, user_id=nick)
    assert dict(nick_board.throughput) == {"nick": 1}
    assert dict(sam_board.throughput) == {}
    total = sum(services.dashboard(ctx).now.values())
    assert sum(sam_board.now.values()) + sum(nick_board.now.values()) == total
    assert sum(sam_board.now.values()) < total


def test_importing_onto_a_desk_needs_membership(ctx: Context, world: World) -> None:
    data = KO.read_bytes()
    nick, sara, ada = world.users["nick"], world.users["sara"], world.users["ada"]
    with pytest.raises(PermissionDenied):
        services.import_article(
            ctx, data, source=KO.name, locale="ko", user_id=nick, desk_name="sports"
        )
    with pytest.raises(BadInput) as bad:
        services.import_article(
            ctx, data, source=KO.name, locale="ko", user_id=sara, desk_name="Sports Desk!"
        )
    assert bad.value.field == "desk"
    with pytest.raises(BadInput) as unknown:
        services.import_article(
            ctx, data, source=KO.name, locale="ko", user_id=ada, desk_name="sprots"
        )
    assert unknown.value.field == "desk" and "sports" in unknown.value.message
    r = services.import_article(
        ctx, data, source=KO.name, locale="ko", user_id=sara, desk_name="sports"
    )
    assert r.desk == "sports"
    assert services.get_article(ctx, r.slug, user_id=world.users["sam"]).desk == "sports"
    with pytest.raises(NotFound):
        services.get_article(ctx, r.slug, user_id=nick)


def test_admins_set_who_works_on_which_desk(ctx: Context, world: World) -> None:
    sam = world.users["sam"]
    with pytest.raises(PermissionDenied):
        services.set_user_desks(ctx, "sam", "news,sports", by=world.users["eddie"])
    user = services.set_user_desks(ctx, "sam", "sports, news,sports", by=world.users["ada"])
    assert user.desks == ("sports", "news")
    assert services.get_article(ctx, "hani", user_id=sam).slug == "hani"
    assert services.set_user_desks(ctx, "sam", ["sports"]).desks == ("sports",)
    with pytest.raises(NotFound):
        services.get_article(ctx, "hani", user_id=sam)
    for bad in ("", "x", "News", "news;drop"):
        with pytest.raises(BadInput):
            services.set_user_desks(ctx, "sam", bad)
    with pytest.raises(NotFound):
        services.set_user_desks(ctx, "nobody", "news")


def test_assigning_someone_who_does_not_work_on_the_desk_is_refused(
    ctx: Context, world: World
) -> None:
    with pytest.raises(BadInput) as bad:
        services.assign(
            ctx,
            "hani",
            "en",
            translator="sam",
            reviewer=None,
            deadline=None,
            user_id=world.users["eddie"],
        )
    assert bad.value.field == "translator"


def test_users_default_to_the_news_desk(ctx: Context) -> None:
    user = services.add_user(ctx, "newbie", "translator", PASSWORD)
    assert user.desks == ("news",)
    assert services.get_user(ctx, user.id).desks == ("news",)
    r = services.import_article(ctx, KO.read_bytes(), source=KO.name, locale="ko")
    assert r.desk == "news"
    assert services.get_article(ctx, r.slug, user_id=user.id).desk == "news"
