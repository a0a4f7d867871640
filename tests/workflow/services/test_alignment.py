"""The alignment review as a use case: editing beads changes the pre-filled translations."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES
from workflow import services
from workflow.errors import BadInput, InvalidTransition, PermissionDenied, VersionConflict
from workflow.services import Context
from workflow.states import SegmentState

GOLD = json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text())
EN = GOLD["en_sentences"]


@pytest.fixture
def env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Japanese is a target locale too (an unpaired translation below)."""
    monkeypatch.setenv("TRANSDESK_TARGET_LOCALES", "en,ja")
    return env | {"TRANSDESK_TARGET_LOCALES": "en,ja"}


@pytest.fixture
def paired(ctx: Context) -> dict[str, int]:
    ko = SAMPLES / "hani-ko-689058-demo.txt"
    en = SAMPLES / "hani-en-689225.txt"
    services.import_article(ctx, ko.read_bytes(), source=ko.name, locale="ko", slug="hani")
    services.pair_translation(ctx, "hani", en.read_bytes(), source=en.name, locale="en")
    tina = services.add_user(ctx, "tina", "translator", "correct horse battery")
    eddie = services.add_user(ctx, "eddie", "editor", "correct horse battery")
    erin = services.add_user(ctx, "erin", "editor", "correct horse battery")
    return {"tina": tina.id, "eddie": eddie.id, "erin": erin.id}


def body(ctx: Context) -> list[tuple[str, SegmentState, str | None]]:
    la = services.show_article(ctx, "hani", "en")
    return [
        (e.translation.text, e.translation.state, e.translation.updated_by)
        for e in la.entries
        if e.segment.kind == "body"
    ]


def test_the_view_holds_both_sides_and_the_gold_beads(ctx: Context, paired: dict[str, int]) -> None:
    view = services.alignment_view(ctx, "hani", "en")
    assert [s.source for s in view.source] == GOLD["ko_sentences"]
    assert list(view.target) == EN
    assert [[list(b.source), list(b.target)] for b in view.beads] == GOLD["gold_beads"]
    assert view.target_breaks[:3] == (0, 1, 2)
    assert all(0 <= b.confidence <= 1 for b in view.beads)


def test_moving_a_sentence_rewrites_both_segments_and_needs_another_approver(
    ctx: Context, paired: dict[str, int]
) -> None:
    services.approve(ctx, "hani", "en", None, user_id=paired["erin"])
    view = services.alignment_view(ctx, "hani", "en")
    edit = services.edit_alignment(
        ctx, "hani", "en", "target-down", 3, user_id=paired["eddie"], revision=view.revision
    )
    assert edit.outcome.filled == 2
    rows = body(ctx)
    assert rows[3] == (EN[3], SegmentState.TRANSLATED, "eddie")
    assert rows[4] == (f"{EN[4]} {EN[5]}", SegmentState.TRANSLATED, "eddie")
    assert all(state is SegmentState.APPROVED for _, state, _ in rows[:3] + rows[5:])
    # Four-eyes: the editor who re-aligned cannot approve what he changed.
    result = services.approve(ctx, "hani", "en", None, user_id=paired["eddie"])
    assert result.approved == ()
    assert len(result.skipped) == 2
    # A stale page cannot edit.
    with pytest.raises(VersionConflict):
        services.edit_alignment(
            ctx, "hani", "en", "merge", 0, user_id=paired["eddie"], revision=view.revision
        )


def test_splitting_a_pair_empties_the_source_it_leaves(
    ctx: Context, paired: dict[str, int]
) -> None:
    services.edit_alignment(ctx, "hani", "en", "split", 0, user_id=paired["eddie"])
    rows = body(ctx)
    # 1-1 → 1-0 + 0-1: the English sentence joins the next segment's text.
    assert rows[0][:2] == ("", SegmentState.EMPTY)
    assert rows[1][0] == f"{EN[0]} {EN[1]}"


def test_a_translators_own_edit_survives_realignment(ctx: Context, paired: dict[str, int]) -> None:
    la = services.show_article(ctx, "hani", "en")
    key = [e for e in la.entries if e.segment.kind == "body"][4].segment.key
    services.save_translation(ctx, "hani", "en", key, "Tina's words.", user_id=paired["tina"])
    edit = services.edit_alignment(ctx, "hani", "en", "target-down", 3, user_id=paired["erin"])
    assert edit.outcome.filled == 1
    assert body(ctx)[4][0] == "Tina's words."


def test_translators_cannot_realign_and_bad_ops_are_refused(
    ctx: Context, paired: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied):
        services.edit_alignment(ctx, "hani", "en", "merge", 0, user_id=paired["tina"])
    with pytest.raises(BadInput, match="no next bead"):
        services.edit_alignment(ctx, "hani", "en", "merge", 18, user_id=paired["eddie"])
    assert [
        [list(b.source), list(b.target)] for b in services.alignment_view(ctx, "hani", "en").beads
    ] == GOLD["gold_beads"]


def test_an_unpaired_translation_has_no_alignment(ctx: Context, paired: dict[str, int]) -> None:
    services.save_translation(ctx, "hani", "ja", "title", "タイトル", user_id=paired["tina"])
    with pytest.raises(InvalidTransition, match="was not paired"):
        services.alignment_view(ctx, "hani", "ja")
