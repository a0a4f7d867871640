"""Long computations run outside write transactions: while a pairing aligns (or a correction
is segmented and planned, or an upload is parsed), a save on another article goes through at
once instead of failing with "database is locked" on SQLite; what the computation depended on
is checked again before it writes."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from workflow import services
from workflow.errors import InvalidTransition
from workflow.services import Context
from workflow.states import SegmentState

PASSWORD = "correct horse battery staple"
N = 300  # a long article; the gate below makes its alignment as long as the test needs


def article(title: str, body: list[str]) -> bytes:
    return json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


BIG_KO = article("긴 기사", [f"정부는 {i}번째 예산안을 국회에 제출했다." for i in range(N)])
BIG_EN = article("A long story", [f"Budget bill No. {i} went to the assembly." for i in range(N)])
SMALL_KO = article("짧은 기사", ["투표율은 55%로 예상된다."])
SMALL_EN = article("A short story", ["Turnout is expected at 55%."])


class Gate:
    """Wraps a service's step: its first call signals that it started and is held until
    released (standing for minutes of work); later calls pass."""

    def __init__(self, step: Callable[..., Any]) -> None:
        self.step = step
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.started.is_set():
            self.started.set()
            assert self.release.wait(60), "never released"
        return self.step(*args, **kwargs)


@pytest.fixture
def tina(ctx: Context) -> int:
    services.import_article(ctx, BIG_KO, source="big.json", locale="ko", slug="big")
    services.import_article(ctx, SMALL_KO, source="small.json", locale="ko", slug="small")
    services.pair_translation(ctx, "small", SMALL_EN, source="small-en.json", locale="en")
    return services.add_user(ctx, "tina", "translator", PASSWORD).id


def in_background(work: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except Exception as exc:  # reported by the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def save_elsewhere(ctx: Context, tina: int) -> float:
    """Seconds a save on the small article takes."""
    start = time.monotonic()
    saved = services.save_translation(ctx, "small", "en", "title", "Saved meanwhile", user_id=tina)
    assert saved.text == "Saved meanwhile"
    return time.monotonic() - start


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Gate]:
    module, name = request.param
    target = __import__(f"workflow.services.{module}", fromlist=[name])
    g = Gate(getattr(target, name))
    monkeypatch.setattr(target, name, g)
    yield g
    g.release.set()


def _pair(ctx: Context) -> object:
    return services.pair_translation(ctx, "big", BIG_EN, source="big-en.json", locale="en")


def _correct(ctx: Context, word: str = "영") -> object:
    corrected = BIG_KO.replace("0번째".encode(), f"{word}번째".encode())
    return services.update_article(ctx, "big", corrected, source=f"big-{word}.json")


def _upload(ctx: Context) -> object:
    _pair(ctx)
    po = services.export_catalog(ctx, "big", "en").data
    edited = po.replace(b'msgstr "A long story"', b'msgstr "A long, long story"')
    eddie = services.add_user(ctx, "eddie", "editor", PASSWORD).id
    return services.import_catalog(ctx, "big", "en", edited, source="x.po", user_id=eddie)


@pytest.mark.parametrize(
    ("gate", "work"),
    [
        (("articles", "align"), _pair),
        (("corrections", "plan_update"), _correct),
        (("catalogs", "read_as"), _upload),
    ],
    indirect=["gate"],
    ids=["pairing", "correction", "upload"],
)
def test_a_save_goes_through_while_a_long_computation_runs(
    ctx: Context, tina: int, gate: Gate, work: Callable[[Context], object]
) -> None:
    thread, outcome = in_background(lambda: work(ctx))
    assert gate.started.wait(60), outcome
    took = save_elsewhere(ctx, tina)
    gate.release.set()
    thread.join(120)
    assert "error" not in outcome, outcome
    # generous (a loaded machine); the busy timeout is 10 s, and the old code failed there
    assert took < 8, f"the save waited {took:.1f} s for the long computation"


@pytest.mark.parametrize("gate", [("articles", "align")], indirect=True)
def test_a_pairing_whose_original_was_corrected_meanwhile_writes_nothing(
    ctx: Context, tina: int, gate: Gate
) -> None:
    thread, outcome = in_background(lambda: _pair(ctx))
    assert gate.started.wait(60)
    _correct(ctx)  # the original changes under the running alignment
    gate.release.set()
    thread.join(120)
    assert isinstance(outcome.get("error"), InvalidTransition), outcome
    assert "corrected while the translation was being aligned" in str(outcome["error"])
    la = services.show_article(ctx, "big", "en")
    assert {e.translation.state for e in la.entries} == {SegmentState.EMPTY}


@pytest.mark.parametrize("gate", [("corrections", "plan_update")], indirect=True)
def test_a_correction_planned_on_an_older_original_writes_nothing(
    ctx: Context, tina: int, gate: Gate
) -> None:
    thread, outcome = in_background(lambda: _correct(ctx, "영"))
    assert gate.started.wait(60)
    _correct(ctx, "공")  # another correction lands first
    gate.release.set()
    thread.join(120)
    assert isinstance(outcome.get("error"), InvalidTransition), outcome
    sources = [e.segment.source for e in services.show_article(ctx, "big", "en").entries]
    assert "정부는 공번째 예산안을 국회에 제출했다." in sources
    assert "정부는 영번째 예산안을 국회에 제출했다." not in sources
