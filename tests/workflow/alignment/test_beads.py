"""Editing an alignment: merge, split, move sentences; what the translations become."""

from __future__ import annotations

import pytest

from workflow.alignment.beads import BeadOp, apply_op, check_beads, fills_from_beads
from workflow.errors import BadInput
from workflow.model import Bead


def beads(*pairs: tuple[tuple[int, ...], tuple[int, ...]]) -> list[Bead]:
    return [Bead(s, t, 0.5) for s, t in pairs]


def shape(result: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in result]


START = beads(((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((), (3,)))


@pytest.mark.parametrize(
    ("op", "index", "expected"),
    [
        ("merge", 0, [((0, 1), (0, 1, 2)), ((2,), ()), ((), (3,))]),
        ("merge", 2, [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]),
        ("split", 1, [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ()), ((), (3,))]),
        ("split", 0, [((0,), ()), ((), (0,)), ((1,), (1, 2)), ((2,), ()), ((), (3,))]),
        ("target-up", 1, [((0,), (0, 1)), ((1,), (2,)), ((2,), ()), ((), (3,))]),
        ("target-down", 1, [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,))]),
        ("source-down", 1, [((0,), (0,)), ((), (1, 2)), ((1, 2), ()), ((), (3,))]),
        ("source-up", 2, [((0,), (0,)), ((1, 2), (1, 2)), ((), (3,))]),
    ],
)
def test_operations(op: str, index: int, expected: list[tuple[tuple[int, ...], ...]]) -> None:
    result = apply_op(START, op, index)
    assert shape(result) == expected
    check_beads(result, 3, 4)
    changed = [b for b in result if (b.source, b.target) not in shape(START)]
    assert all(b.confidence == 1.0 for b in changed)


@pytest.mark.parametrize(
    ("op", "index", "message"),
    [
        ("merge", 3, "no next bead"),
        ("split", 2, "cannot be split"),
        ("target-up", 0, "first bead has no neighbour"),
        ("source-up", 3, "no source sentence"),
        ("shuffle", 0, "unknown alignment operation"),
        ("merge", 9, "no bead 10"),
    ],
)
def test_impossible_operations_say_why(op: str, index: int, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        apply_op(START, op, index)


def test_check_beads_refuses_gaps_and_disorder() -> None:
    with pytest.raises(BadInput, match="cover every sentence"):
        check_beads(beads(((0,), (1,)), ((1,), (0,))), 2, 2)
    with pytest.raises(BadInput, match="cover every sentence"):
        check_beads(beads(((0,), (0,))), 2, 1)


def test_fills_join_split_sentences_and_keep_unmatched_target_text() -> None:
    target = ["A.", "B1.", "B2.", "Extra.", "D."]
    result = fills_from_beads(
        beads(((0,), (0,)), ((1,), (1, 2)), ((), (3,)), ((2, 3), (4,))),
        ["k0", "k1", "k2", "k3"],
        target,
    )
    assert result == {
        "k0": ("A.", 0.5),
        "k1": ("B1. B2. Extra.", 0.5),
        "k2": ("D.", 0.5),
    }


def test_an_unmatched_first_target_sentence_goes_before_the_next() -> None:
    result = fills_from_beads(beads(((), (0,)), ((0,), (1,))), ["k0"], ["Lead.", "A."])
    assert result == {"k0": ("Lead. A.", 0.5)}


def test_every_op_value_is_listed() -> None:
    assert {o.value for o in BeadOp} == {
        "merge",
        "split",
        "source-up",
        "source-down",
        "target-up",
        "target-down",
    }
