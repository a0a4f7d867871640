"""The editor's rows: who a segment waits for, the next one needing the user, the row after
an action, and the segments of a low-confidence bead."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput, FourEyes
from workflow.model import Bead
from workflow.services import Context, SegmentRequest
from workflow.services.rows import low_beads, next_needing


def test_next_needing_wraps_and_never_answers_itself() -> None:
    flags = [False, True, False, True]
    assert next_needing(flags, 1) == 3
    assert next_needing(flags, 3) == 1
    assert next_needing([True, False], 0) is None


def test_a_translator_is_needed_by_empty_and_rejected_segments(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.reject(ctx, "seoul", "en", paired[2], "Which date?", user_id=team.eddie)
    row = services.editor_row(ctx, "seoul", "en", paired[0], user_id=team.tina)
    assert (row.next_key, row.needing) == (paired[2], 1)
    # Assigned to the article, she also owes the machine's pre-filled segments a look.
    services.assign(
        ctx, "seoul", "en", translator="tina", reviewer=None, deadline=None, user_id=team.eddie
    )
    row = services.editor_row(ctx, "seoul", "en", paired[0], user_id=team.tina)
    assert (row.next_key, row.needing) == (paired[1], len(paired))


def test_an_editor_is_needed_by_others_translations_not_their_own(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    req = SegmentRequest("save", text="Seoul votes for a mayor", version=1)
    row = services.segment_act(ctx, "seoul", "en", paired[0], req, user_id=team.eddie)
    assert row.mine and row.entry.translation.version == 2
    assert row.next_key == paired[1] and row.needing == len(paired) - 1
    with pytest.raises(FourEyes):
        services.segment_act(
            ctx, "seoul", "en", paired[0], SegmentRequest("approve"), user_id=team.eddie
        )
    row = services.segment_act(
        ctx, "seoul", "en", paired[0], SegmentRequest("approve", version=2), user_id=team.erin
    )
    assert row.entry.translation.approved_by == "erin" and not row.mine


def test_unknown_actions_and_missing_versions_are_refused(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    with pytest.raises(BadInput, match="unknown action"):
        services.segment_act(ctx, "seoul", "en", paired[0], SegmentRequest("x"), user_id=team.tina)
    with pytest.raises(BadInput, match="version to bring back"):
        services.segment_act(
            ctx, "seoul", "en", paired[0], SegmentRequest("revert"), user_id=team.tina
        )


def test_segments_of_a_low_bead_point_to_it(ctx: Context, team: Team, paired: list[str]) -> None:
    la = services.show_article(ctx, "seoul", "en")
    body = [e.segment.key for e in la.entries if e.segment.kind.value == "body"]
    weak = replace(la, beads=(Bead((0,), (0,), 0.95), Bead((1, 2), (1,), 0.3)))
    assert low_beads(weak) == {body[1]: 2, body[2]: 2}
    assert low_beads(weak, {body[2]}) == {body[2]: 2}


def test_the_editor_page_comes_in_pages(
    ctx: Context, team: Team, paired: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workflow.services import editor

    monkeypatch.setattr(editor, "PER_PAGE", 2)
    page = services.editor_page(ctx, "seoul", "en", user_id=team.tina, page=2)
    assert [e.segment.key for e in page.window] == paired[2:4]
    assert (page.page, page.pages, page.start) == (2, -(-len(paired) // 2), 2)
    services.reject(ctx, "seoul", "en", paired[-1], "Redo", user_id=team.eddie)
    page = services.editor_page(ctx, "seoul", "en", user_id=team.tina, after=paired[0])
    assert page.focus == paired[-1] and page.page == page.pages
