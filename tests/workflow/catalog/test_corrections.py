"""A corrected original planned like msgmerge: keep, edit (fuzzy, ``#|``), add, remove."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES as REPO_SAMPLES
from workflow.catalog.corrections import Add, Edit, Keep, Remove, plan_update
from workflow.importers import read_article
from workflow.keys import new_key, segment_keys
from workflow.model import Segment, SegmentDraft, SegmentKind
from workflow.text.segmentation import segment_article

SAMPLE = REPO_SAMPLES / "hani-ko-689058-demo.txt"

EDITED_FROM = "3국 회담을 누가 제안했느냐는 질문에 나카타니 방위상은"
EDITED_TO = "3국 회담을 처음 누가 제안했느냐는 기자의 질문에 나카타니 방위상은"
DELETED = "여기서 ‘지역 및 그 밖의 파트너’는 한국과 오스트레일리아 등을 가리킨다. "
ADDED = "한편 한국 정부는 이날 공식 입장을 내지 않았다."
ADD_AFTER = "응할 수 있다는 입장을 밝힌 것으로 알려졌다.\n"


def stored(drafts: tuple[SegmentDraft, ...] | list[SegmentDraft]) -> list[Segment]:
    """Segments as an import stores them: kind keys, then ``new_key`` for body sentences."""
    taken: set[str] = set()
    out = []
    for i, d in enumerate(drafts):
        key = d.kind.value if d.kind is not SegmentKind.BODY else new_key(d.text, taken)
        taken.add(key)
        out.append(Segment(key, d.kind, i, d.text, d.paragraph, d.sentence))
    return out


def segmented(text: str) -> tuple[SegmentDraft, ...]:
    return segment_article(read_article(text.encode(), source="ko.txt"), "ko").segments


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_the_sample_correction_is_one_edit_one_add_one_remove(sample: str) -> None:
    corrected = (
        sample.replace(EDITED_FROM, EDITED_TO)
        .replace(DELETED, "")
        .replace(ADD_AFTER, ADD_AFTER + "\n" + ADDED + "\n")
    )
    assert corrected.count(EDITED_TO) == 1 and DELETED not in corrected and ADDED in corrected
    old = stored(segmented(sample))
    new = segmented(corrected)
    plan = plan_update(old, new)

    assert plan.summary() == {"kept": len(old) - 2, "edited": 1, "added": 1, "removed": 1}
    assert [item.draft for item in plan.items] == list(new)
    (edit,) = plan.edited
    assert edit.draft.text.startswith(EDITED_TO)
    assert edit.previous_source.startswith(EDITED_FROM)
    assert edit.key == next(s.key for s in old if s.source.startswith(EDITED_FROM))
    (add,) = plan.added
    assert add.draft.text == ADDED
    assert add.key not in {s.key for s in old}
    (removed,) = plan.removed
    assert removed == Remove(next(s.key for s in old if s.source == DELETED.strip()))
    # Paragraph numbers moved after the new paragraph; the sentences kept their keys.
    kept = {k.key: k.draft for k in plan.kept}
    assert all(s.key in kept for s in old if s.key not in (edit.key, removed.key))
    assert plan.changed


def test_unchanged_original_keeps_everything(sample: str) -> None:
    drafts = segmented(sample)
    plan = plan_update(stored(drafts), drafts)
    assert all(isinstance(item, Keep) for item in plan.items)
    assert plan.removed == ()
    assert not plan.changed


def body(*texts: str) -> list[SegmentDraft]:
    return [SegmentDraft(SegmentKind.BODY, t, 1, i + 1) for i, t in enumerate(texts)]


def title(text: str) -> SegmentDraft:
    return SegmentDraft(SegmentKind.TITLE, text)


def kinds(plan_items: object) -> list[str]:
    return [type(i).__name__ for i in plan_items]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # (old sentences, new sentences, item kinds in new order)
        (["가나다라마바사.", "하나 둘 셋."], ["가나다라마바사.", "하나 둘 셋."], ["Keep", "Keep"]),
        (["가나다라마바사."], ["가나다라마바사아."], ["Edit"]),
        (["가나다라마바사."], ["전혀 다른 문장이다."], ["Add"]),
        (["하나.", "둘."], ["둘.", "하나."], ["Keep", "Keep"]),  # moved
        (
            ["첫 문장입니다.", "둘째 문장입니다."],
            ["첫 문장이다.", "둘째 문장이다."],
            ["Edit", "Edit"],
        ),
        (
            ["같은 문장.", "같은 문장."],
            ["같은 문장.", "새 문장.", "같은 문장."],
            ["Keep", "Add", "Keep"],
        ),
        (
            ["대통령은 오늘 기자회견을 열었다.", "날씨가 맑았다."],
            ["날씨가 맑았다.", "대통령은 어제 기자회견을 열었다."],
            ["Keep", "Add"],
        ),
    ],
)
def test_body_matching(old: list[str], new: list[str], expected: list[str]) -> None:
    plan = plan_update(stored(body(*old)), body(*new))
    assert kinds(plan.items) == expected
    matched = sum(1 for i in plan.items if not isinstance(i, Add))
    assert len(plan.removed) == len(old) - matched


def test_edits_pair_best_first_without_crossing() -> None:
    old = ["서울의 기온은 영하 5도였다.", "부산의 기온은 영상 3도였다."]
    new = ["부산의 기온은 영상 4도였다.", "서울의 기온은 영하 6도였다."]
    plan = plan_update(stored(body(*old)), body(*new))
    # Both pairs are similar but cross; only the better one is kept as an edit.
    assert kinds(plan.items).count("Edit") == 1
    assert len(plan.removed) == 1 and len(plan.added) == 1


def test_title_subtitle_byline_match_by_kind() -> None:
    old = stored(
        [
            title("옛 제목"),
            SegmentDraft(SegmentKind.SUBTITLE, "부제"),
            *body("본문."),
            SegmentDraft(SegmentKind.BYLINE, "김민지 기자"),
        ]
    )
    new = [
        title("완전히 새로운 제목"),
        *body("본문."),
        SegmentDraft(SegmentKind.BYLINE, "김민지 기자"),
    ]
    plan = plan_update(old, new)
    assert plan.items[0] == Edit("title", new[0], "옛 제목")
    assert isinstance(plan.items[1], Keep) and isinstance(plan.items[2], Keep)
    assert plan.removed == (Remove("subtitle"),)


def test_a_new_subtitle_takes_its_kind_as_key() -> None:
    old = stored([title("제목"), *body("본문.")])
    new = [title("제목"), SegmentDraft(SegmentKind.SUBTITLE, "새 부제"), *body("본문.")]
    assert plan_update(old, new).added == (Add("subtitle", new[1]),)


def test_a_second_correction_keeps_the_first_previous_source() -> None:
    (seg,) = stored(body("처음 문장입니다."))
    seg = Segment(
        seg.key, seg.kind, 0, "두 번째 문장입니다.", 1, 1, previous_source="처음 문장입니다."
    )
    (item,) = plan_update([seg], body("세 번째 문장입니다.")).items
    assert item == Edit(seg.key, body("세 번째 문장입니다.")[0], "처음 문장입니다.")


def test_new_keys_avoid_old_and_reserved_keys() -> None:
    # An edited sentence keeps the key derived from its old text; a new sentence with
    # that old text must not take the same key.
    old = stored(body("원래 문장입니다."))
    new = body("원래 문장입니다만 고쳤습니다.", "원래 문장입니다.")
    plan = plan_update(old, new)
    keys = [i.key for i in plan.items]
    assert len(set(keys)) == 2
    reserved = {new_key("새 문장.", set())}
    (add,) = plan_update([], body("새 문장."), reserved=reserved).added
    assert add.key not in reserved


def test_keys_agree_with_the_import() -> None:
    drafts = body("하나.", "둘.", "하나.")
    assert [s.key for s in stored(drafts)] == segment_keys(drafts)
