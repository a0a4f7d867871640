"""A catalog upload sets states as PO says them: an edited entry TRANSLATED (an approval
lost), a fuzzy one NEEDS_EDIT, an emptied one EMPTY; each change is an ``upload`` revision."""

from __future__ import annotations

import polib

from tests.workflow.services.conftest import Team, entries
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState


def test_an_upload_sets_translated_fuzzy_and_empty(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    po = polib.pofile(services.export_catalog_as(ctx, "seoul", "en", "po").data.decode())
    title, first, second = paired[0], paired[1], paired[2]
    by_key = {e.msgctxt: e for e in po}
    by_key[title].msgstr = "Seoul elects a mayor"
    by_key[first].flags.append("fuzzy")
    by_key[second].msgstr = ""
    result = services.import_catalog(
        ctx, "seoul", "en", po.__unicode__().encode(), source="seoul.po", user_id=team.tina
    )
    assert {c.key for c in result.report.changes} == {title, first, second}
    after = entries(ctx)
    assert after[title].translation.state is SegmentState.TRANSLATED
    assert after[title].translation.text == "Seoul elects a mayor"
    assert after[title].translation.approved_by is None
    assert after[first].translation.state is SegmentState.NEEDS_EDIT
    assert (after[second].translation.state, after[second].translation.text) == (
        SegmentState.EMPTY,
        "",
    )
    assert after[paired[3]].translation.state is SegmentState.APPROVED  # untouched
    for key in (title, first, second):
        last = services.segment_history(ctx, "seoul", "en", key).revisions[-1]
        assert (last.action, last.user, last.note) == ("upload", "tina", "seoul.po")
