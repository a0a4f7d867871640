"""Machine pre-translation fills only EMPTY segments, as NEEDS_EDIT, and leaves what a person
wrote as it is."""

from __future__ import annotations

import time

from tests.support.fixtures import libretranslate_env
from tests.workflow.services.conftest import Team, entries
from workflow import services
from workflow.jobs import BackgroundConsumer, JobState
from workflow.services import Context
from workflow.states import SegmentState

env = libretranslate_env(timeout=2)


def test_pretranslation_leaves_written_segments_alone(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    services.save_translation(ctx, "seoul", "en", seoul[0], "Seoul votes", user_id=team.tina)
    with BackgroundConsumer(ctx.mt.huey):
        job = services.submit_pretranslate(
            ctx, ["seoul"], "en", "libretranslate", user_id=team.eddie
        )
        deadline = time.monotonic() + 30
        while not (progress := services.job_progress(ctx, job)).finished:
            assert time.monotonic() < deadline, progress
            time.sleep(0.05)
    assert progress.state is JobState.DONE
    assert (progress.done, progress.total) == (len(seoul) - 1, len(seoul) - 1)
    after = entries(ctx)
    assert (after[seoul[0]].translation.text, after[seoul[0]].translation.state) == (
        "Seoul votes",
        SegmentState.TRANSLATED,
    )
    for key in seoul[1:]:
        assert after[key].translation.state is SegmentState.NEEDS_EDIT
        assert after[key].translation.text == "EN: " + after[key].segment.source
