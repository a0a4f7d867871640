"""Every (state, action) pair: an allowed move gives the new state and its audit event, any
other raises InvalidTransition saying what the segment is and what the action needs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workflow.errors import BadInput, InvalidTransition
from workflow.states import (
    Action,
    LocalizationState,
    SegmentState,
    Transition,
    allowed,
    approve,
    fill,
    publish,
    reject,
    revert,
    save,
    source_changed,
)

E, N, T, A = (
    SegmentState.EMPTY,
    SegmentState.NEEDS_EDIT,
    SegmentState.TRANSLATED,
    SegmentState.APPROVED,
)
KEY = "s-0123456789"

Move = Callable[[SegmentState], Transition[SegmentState]]
TEXT = "Seoul votes."


def filled(by: Action, text: str = TEXT, *, fuzzy: bool = False) -> Move:
    return lambda s: fill(s, text, key=KEY, by=by, fuzzy=fuzzy)


#: (case, action, the call, the new state from EMPTY, NEEDS_EDIT, TRANSLATED, APPROVED;
#: None where the move is refused).
SEGMENT_MOVES: list[tuple[str, Action, Move, tuple[SegmentState | None, ...]]] = [
    ("save", Action.SAVE, lambda s: save(s, TEXT, key=KEY), (T, T, T, T)),
    ("save blank", Action.SAVE, lambda s: save(s, "", key=KEY), (E, E, E, E)),
    ("revert", Action.REVERT, lambda s: revert(s, TEXT, key=KEY), (T, T, T, T)),
    ("revert to blank", Action.REVERT, lambda s: revert(s, "", key=KEY), (E, E, E, E)),
    ("approve", Action.APPROVE, lambda s: approve(s, key=KEY), (None, None, A, None)),
    ("reject", Action.REJECT, lambda s: reject(s, "too long", key=KEY), (None, None, N, N)),
    ("aligned", Action.ALIGN, filled(Action.ALIGN), (T, T, T, T)),
    ("aligned blank", Action.ALIGN, filled(Action.ALIGN, ""), (E, E, E, E)),
    ("realign", Action.REALIGN, filled(Action.REALIGN), (T, T, T, T)),
    ("realign to blank", Action.REALIGN, filled(Action.REALIGN, ""), (E, E, E, E)),
    ("upload", Action.UPLOAD, filled(Action.UPLOAD), (T, T, T, T)),
    ("upload fuzzy", Action.UPLOAD, filled(Action.UPLOAD, fuzzy=True), (N, N, N, N)),
    ("upload blank", Action.UPLOAD, filled(Action.UPLOAD, "", fuzzy=True), (E, E, E, E)),
    ("memory", Action.MEMORY, filled(Action.MEMORY), (N, None, None, None)),
    ("memory blank", Action.MEMORY, filled(Action.MEMORY, ""), (None, None, None, None)),
    ("machine", Action.MACHINE, filled(Action.MACHINE), (N, None, None, None)),
    ("machine blank", Action.MACHINE, filled(Action.MACHINE, ""), (None, None, None, None)),
    (
        "source changed",
        Action.SOURCE_CHANGED,
        lambda s: source_changed(s, key=KEY),
        (None, N, N, N),
    ),
]

SEGMENT_CASES = [
    pytest.param(action, move, state, new, id=f"{name}-from-{state.label}")
    for name, action, move, news in SEGMENT_MOVES
    for state, new in zip(SegmentState, news, strict=True)
]


@pytest.mark.parametrize(("action", "move", "state", "new"), SEGMENT_CASES)
def test_every_segment_state_and_action(
    action: Action, move: Move, state: SegmentState, new: SegmentState | None
) -> None:
    if new is None:
        with pytest.raises(InvalidTransition, match=rf"segment '{KEY}'"):
            move(state)
        return
    event = move(state)
    assert (event.state, event.from_state, event.to_state) == (new, state, new)
    assert event.action is action
    assert event.audit() == {
        "action": action.value,
        "target": KEY,
        "from_state": state.label,
        "to_state": new.label,
        "detail": "too long" if action is Action.REJECT else None,
    }
    assert allowed(action, state)


def test_the_table_covers_every_segment_action() -> None:
    assert {action for _, action, _, _ in SEGMENT_MOVES} == set(Action) - {Action.PUBLISH}
    assert not any(allowed(Action.PUBLISH, s) for s in SegmentState)


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (lambda: approve(N, key=KEY), f"segment '{KEY}' is needs_edit; only a translated segment"),
        (lambda: approve(A, key=KEY), f"segment '{KEY}' is approved; only a translated segment"),
        (
            lambda: reject(E, "why", key=KEY),
            "only a translated or approved segment can be rejected",
        ),
        (
            lambda: fill(T, "Text.", key=KEY, by=Action.MACHINE),
            "is translated; a machine translation only fills an empty segment",
        ),
        (
            lambda: fill(N, "Text.", key=KEY, by=Action.MEMORY),
            "is needs_edit; a memory match only fills an empty segment",
        ),
        (lambda: fill(E, "", key=KEY, by=Action.MACHINE), "without text fills nothing"),
        (lambda: source_changed(E, key=KEY), f"segment '{KEY}' is empty; only a written"),
    ],
)
def test_a_refusal_says_what_the_segment_is_and_what_is_needed(
    move: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidTransition, match=message):
        move()


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_rejection_needs_a_reason(reason: str) -> None:
    with pytest.raises(BadInput, match="a rejection needs a reason") as info:
        reject(T, reason, key=KEY)
    assert info.value.field == "reason"


@pytest.mark.parametrize("action", [Action.SAVE, Action.APPROVE, Action.PUBLISH])
def test_only_fills_fill(action: Action) -> None:
    with pytest.raises(ValueError, match="is not a fill"):
        fill(E, "Text.", key=KEY, by=action)


PUBLISHES: dict[LocalizationState, str | None] = {
    LocalizationState.DRAFT: "is draft; only an approved translation can be published",
    LocalizationState.TRANSLATING: "is translating; only an approved translation",
    LocalizationState.IN_REVIEW: "is in_review; only an approved translation",
    LocalizationState.APPROVED: None,
    LocalizationState.PUBLISHED: "is already published",
    LocalizationState.NEEDS_UPDATE: None,
}


@pytest.mark.parametrize(("state", "refusal"), PUBLISHES.items(), ids=lambda v: str(v))
def test_every_localization_state_and_publish(
    state: LocalizationState, refusal: str | None
) -> None:
    if refusal is not None:
        with pytest.raises(InvalidTransition, match=f"^seoul \\(en\\) {refusal}"):
            publish(state, what="seoul (en)")
        return
    event = publish(state, what="seoul (en)", note="revision 7")
    assert event.state is LocalizationState.PUBLISHED
    assert event.audit() == {
        "action": "publish",
        "target": None,
        "from_state": state.value,
        "to_state": "published",
        "detail": "revision 7",
    }


def test_publish_table_covers_every_localization_state() -> None:
    assert set(PUBLISHES) == set(LocalizationState)
