"""Four-eyes counts whoever brought a text in as its author: pairing, catalog upload, memory
prefill, machine pre-translation. The system (``user_id=None``) is nobody's author."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from tests.support.fixtures import libretranslate_env
from tests.workflow.services.conftest import PASSWORD, SEOUL_EN, SEOUL_KO
from workflow import services
from workflow.errors import FourEyes
from workflow.jobs import BackgroundConsumer, JobProgress, JobState
from workflow.services import Context
from workflow.states import SegmentState

KO, EN = SEOUL_KO, SEOUL_EN


@dataclass(frozen=True)
class People:
    eddie: int
    erin: int
    tina: int


@pytest.fixture
def people(ctx: Context) -> People:
    ids = {
        name: services.add_user(ctx, name, role, PASSWORD).id
        for name, role in (("eddie", "editor"), ("erin", "editor"), ("tina", "translator"))
    }
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    return People(**ids)


def keys(ctx: Context, slug: str = "seoul") -> list[str]:
    return [e.segment.key for e in services.show_article(ctx, slug, "en").entries]


def states(ctx: Context, slug: str = "seoul") -> list[SegmentState]:
    return [e.translation.state for e in services.show_article(ctx, slug, "en").entries]


def assert_only_another_editor_approves(ctx: Context, author: int, other: int) -> None:
    """The author's single approve is FourEyes, approve-all skips every segment for
    four-eyes; another editor approves them all."""
    first = keys(ctx)[0]
    with pytest.raises(FourEyes, match="four-eyes"):
        services.approve(ctx, "seoul", "en", [first], user_id=author)
    result = services.approve(ctx, "seoul", "en", None, user_id=author)
    assert result.approved == ()
    assert result.skipped and all(s.reason.startswith("four-eyes") for s in result.skipped)
    assert SegmentState.APPROVED not in states(ctx)
    assert services.approve(ctx, "seoul", "en", None, user_id=other).skipped == ()
    assert set(states(ctx)) == {SegmentState.APPROVED}


def test_the_editor_who_pairs_a_translation_cannot_approve_it(ctx: Context, people: People) -> None:
    services.pair_translation(
        ctx, "seoul", EN, source="seoul-en.json", locale="en", user_id=people.eddie
    )
    entries = services.show_article(ctx, "seoul", "en").entries
    assert {e.translation.updated_by for e in entries} == {"eddie"}
    history = services.segment_history(ctx, "seoul", "en", entries[1].segment.key)
    assert history.revisions[-1].user == "eddie"
    assert_only_another_editor_approves(ctx, people.eddie, people.erin)


def test_a_pairing_by_the_system_has_no_author(ctx: Context, people: People) -> None:
    services.pair_translation(ctx, "seoul", EN, source="seoul-en.json", locale="en")
    assert services.approve(ctx, "seoul", "en", None, user_id=people.eddie).skipped == ()


def test_pairing_again_keeps_the_author_of_unchanged_pairs(ctx: Context, people: People) -> None:
    services.pair_translation(ctx, "seoul", EN, source="e.json", locale="en", user_id=people.eddie)
    corrected = EN.replace(b"at 55%", b"at about 55%")
    services.pair_translation(
        ctx, "seoul", corrected, source="e2.json", locale="en", user_id=people.erin
    )
    by = {e.translation.text: e.translation.updated_by for e in services.show_article(
        ctx, "seoul", "en").entries}  # fmt: skip
    assert by["Turnout is expected at about 55%."] == "erin"
    assert by["Seoul mayoral election"] == "eddie"
    result = services.approve(ctx, "seoul", "en", None, user_id=people.erin)
    assert [s.reason[:9] for s in result.skipped] == ["four-eyes"]


def test_the_editor_who_uploads_a_catalog_cannot_approve_what_it_changed(
    ctx: Context, people: People
) -> None:
    services.pair_translation(ctx, "seoul", EN, source="e.json", locale="en")
    po = services.export_catalog(ctx, "seoul", "en").data.decode()
    edited = po.replace('msgstr "Turnout is expected at 55%."', 'msgstr "Turnout: about 55%."')
    assert edited != po
    report = services.import_catalog(
        ctx, "seoul", "en", edited.encode(), source="seoul.po", user_id=people.eddie
    ).report
    assert [c.text for c in report.changes] == ["Turnout: about 55%."]
    key = report.changes[0].key
    with pytest.raises(FourEyes):
        services.approve(ctx, "seoul", "en", [key], user_id=people.eddie)
    result = services.approve(ctx, "seoul", "en", None, user_id=people.eddie)
    assert [(s.key, s.reason[:9]) for s in result.skipped] == [(key, "four-eyes")]
    services.approve(ctx, "seoul", "en", [key], user_id=people.erin)
    assert set(states(ctx)) == {SegmentState.APPROVED}


def test_the_user_who_prefills_from_the_memory_is_the_author(ctx: Context, people: People) -> None:
    services.pair_translation(ctx, "seoul", EN, source="e.json", locale="en")
    services.approve(ctx, "seoul", "en", None, user_id=people.erin)  # into the memory
    services.import_article(ctx, KO, source="again.json", locale="ko", slug="again")
    assert services.tm_prefill(ctx, "again", "en", user_id=people.eddie) == 5
    entries = services.show_article(ctx, "again", "en").entries
    assert {e.translation.state for e in entries} == {SegmentState.NEEDS_EDIT}
    assert {e.translation.updated_by for e in entries} == {"eddie"}
    history = services.segment_history(ctx, "again", "en", entries[0].segment.key)
    assert (history.revisions[-1].action, history.revisions[-1].user) == ("tm", "eddie")
    # The system's prefill stays nobody's.
    services.import_article(ctx, KO, source="third.json", locale="ko", slug="third")
    services.tm_prefill(ctx, "third", "en")
    assert {e.translation.updated_by for e in services.show_article(ctx, "third", "en").entries} \
        == {None}  # fmt: skip


env = libretranslate_env(timeout=2)


def run_job(ctx: Context, user_id: int | None) -> JobProgress:
    with BackgroundConsumer(ctx.mt.huey):
        job = services.submit_pretranslate(ctx, ["seoul"], "en", "libretranslate", user_id=user_id)
        deadline = time.monotonic() + 30
        while not (progress := services.job_progress(ctx, job)).finished:
            assert time.monotonic() < deadline, progress
            time.sleep(0.05)
    return progress


def test_the_editor_who_starts_a_pretranslation_is_the_author(ctx: Context, people: People) -> None:
    assert run_job(ctx, people.eddie).state is JobState.DONE
    entries = services.show_article(ctx, "seoul", "en").entries
    assert {e.translation.state for e in entries} == {SegmentState.NEEDS_EDIT}
    assert {e.translation.updated_by for e in entries} == {"eddie"}
    history = services.segment_history(ctx, "seoul", "en", entries[0].segment.key)
    assert (history.revisions[-1].action, history.revisions[-1].user) == ("mt", "eddie")
