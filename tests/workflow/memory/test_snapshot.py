"""Snapshots of the memory: the same answers as the index in memory, written whole or not
at all (a build killed half-way leaves the previous one in use), and a process's view —
snapshot plus tail, removals, a newer snapshot taken up, warming up before any."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workflow.memory import index as tm_index
from workflow.memory import snapshot
from workflow.memory.cache import MemoryIndex
from workflow.memory.index import TmIndex
from workflow.memory.units import TmUnit

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
WORDS = [
    "정부는",
    "내년",
    "예산안을",
    "국회에",
    "제출했다",
    "대통령은",
    "기자회견에서",
    "경제",
    "회복을",
    "약속했다",
    "서울",
    "아파트",
    "가격이",
    "3주",
    "연속",
    "하락했다",
    "한국은행은",
    "기준금리를",
    "동결했다",
    "북한은",
    "동해상으로",
    "탄도미사일을",
    "발사했다",
    "수퍼컴퓨터",
    "café",
    "naïve",
]


def make_units(n: int, start: int = 1, seed: int = 5) -> list[TmUnit]:
    rng = random.Random(seed)
    out = []
    for i in range(start, start + n):
        words = rng.sample(WORDS, rng.randint(4, 9))
        out.append(
            TmUnit(
                id=i,
                source=" ".join(words),
                target=f"target {i} ünïcode",
                source_lang="ko",
                target_lang="en",
                origin=("approved", "imported", "aligned")[i % 3],
                context=f"a{i // 10}/s{i % 10}" if i % 4 else None,
                article=f"a{i // 10}",
                translator=f"t{i % 3}",
                approver=None,
                created_at=T0 + timedelta(minutes=i),
                desk=("news", "sports")[i % 2],
            )
        )
    return out


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments of 64 units, so that a few hundred units make several files."""
    monkeypatch.setattr(tm_index, "BUILD_CHUNK", 64)
    monkeypatch.setattr(snapshot, "BUILD_CHUNK", 64)


def test_a_snapshot_answers_as_the_index_in_memory(tmp_path: Path, small_chunks: None) -> None:
    units = make_units(300)
    info = snapshot.write_snapshot(tmp_path, units, last_change_id=0, now=NOW)
    assert (info.version, info.units, info.segments, info.last_unit_id) == (1, 300, 5, 300)
    mapped, memory = snapshot.open_snapshot(info), TmIndex.from_units(units)
    rng = random.Random(9)
    for u in rng.sample(units, 40):
        query = " ".join([*u.source.split()[:-1], "기자"])
        for kw in ({}, {"desks": ["sports"]}, {"hidden_articles": ["a3", "a4"]}):
            assert mapped.search(query, target_lang="en", **kw) == memory.search(  # type: ignore[arg-type]
                query,
                target_lang="en",
                **kw,  # type: ignore[arg-type]
            )
    for needle, side in (("café", "source"), ("ünïcode", "target"), ("target 29", "target")):
        assert mapped.concordance(needle, side=side) == memory.concordance(needle, side=side)
    assert list(mapped) == list(memory)
    assert mapped.remove_many([5, 6, 10_000]) == 2
    assert mapped.get(5) is None and len(mapped) == 298


def _build_then_hang(directory: str, ready: str) -> None:
    """A snapshot build that stops half-way (after two segments) until it is killed."""

    def units() -> Iterator[TmUnit]:
        for i, u in enumerate(make_units(400, seed=6)):
            if i == 150:
                Path(ready).touch()
                time.sleep(60)
            yield u

    snapshot.write_snapshot(Path(directory), units(), last_change_id=0, now=NOW)


def test_a_build_killed_half_way_leaves_the_previous_snapshot_in_use(
    tmp_path: Path, small_chunks: None
) -> None:
    first = snapshot.write_snapshot(tmp_path, make_units(100), last_change_id=0, now=NOW)
    ready = tmp_path / "ready"
    child = multiprocessing.get_context("fork").Process(
        target=_build_then_hang, args=(str(tmp_path), str(ready))
    )
    child.start()
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ready.exists()
    os.kill(child.pid or 0, signal.SIGKILL)
    child.join()
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(snapshot.BUILDING)]
    assert len(leftovers) == 1 and any(leftovers[0].iterdir())  # half a snapshot on disk
    assert snapshot.newest(tmp_path) == first

    memory = MemoryIndex(directory=tmp_path)
    view = memory.refresh(FakeStore(make_units(100)))
    assert view.snapshot == first and not view.warming
    probe = make_units(100)[42]
    assert view.search(probe.source, target_lang="en")[0].unit == probe

    second = snapshot.write_snapshot(tmp_path, make_units(120), last_change_id=0, now=NOW)
    assert second.version == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(snapshot.BUILDING)]


class FakeStore:
    """The store as the memory reads it: units by id, a change log of removals."""

    def __init__(self, units: Iterable[TmUnit]) -> None:
        self.units = {u.id: u for u in units}
        self.removals: list[tuple[int, int]] = []

    def add(self, units: Iterable[TmUnit]) -> None:
        self.units.update((u.id, u) for u in units)

    def remove(self, unit_id: int) -> None:
        del self.units[unit_id]
        self.removals.append((len(self.removals) + 1, unit_id))

    def units_after(self, last_id: int, limit: int | None) -> Iterator[TmUnit]:
        ids = sorted(i for i in self.units if i > last_id)
        return (self.units[i] for i in ids[:limit])

    def removals_after(self, last_change_id: int) -> list[tuple[int, int]]:
        return [r for r in self.removals if r[0] > last_change_id]

    def window_start(self, after_id: int, newest: int) -> int:
        ids = sorted((i for i in self.units if i > after_id), reverse=True)
        return ids[newest] if len(ids) > newest else after_id


def found(memory: MemoryIndex, store: FakeStore, unit: TmUnit) -> bool:
    view = memory.refresh(store)
    return any(m.unit.id == unit.id for m in view.search(unit.source, target_lang="en", k=20))


def test_a_process_sees_new_units_removals_and_the_newer_snapshot(tmp_path: Path) -> None:
    store = FakeStore(make_units(200))
    snapshot.write_snapshot(tmp_path, store.units_after(0, None), last_change_id=0, now=NOW)
    one, two = MemoryIndex(directory=tmp_path), MemoryIndex(directory=tmp_path)
    old, new = store.units[17], make_units(1, start=201, seed=8)[0]
    assert found(one, store, old) and found(two, store, old)
    store.add([new])
    store.remove(17)
    for memory in (one, two):
        assert found(memory, store, new) and not found(memory, store, old)
        assert memory.status()["tail_units"] == 1
    # A newer snapshot (with the new unit, without the removed one) is taken up.
    info = snapshot.write_snapshot(tmp_path, store.units_after(0, None), last_change_id=1, now=NOW)
    one._looked = float("-inf")
    assert found(one, store, new) and not found(one, store, old)
    assert one.status() | {"snapshot": info.version, "tail_units": 0} == one.status()


def test_before_any_snapshot_lookups_answer_from_the_newest_units(tmp_path: Path) -> None:
    store = FakeStore(make_units(300))
    asked: list[int] = []
    memory = MemoryIndex(
        directory=tmp_path, tail_limit=100, batch=40, want_snapshot=lambda: asked.append(1)
    )
    view = memory.refresh(store)
    assert view.warming and len(view) == 40 and asked == [1]
    assert not found(memory, store, store.units[50])  # older than the newest 100
    for _ in range(3):
        view = memory.refresh(store)
    assert len(view) == 100 and found(memory, store, store.units[300])
    assert memory.refresh(store).warming  # until a snapshot holds the rest
    snapshot.write_snapshot(tmp_path, store.units_after(0, None), last_change_id=0, now=NOW)
    memory._looked = float("-inf")
    view = memory.refresh(store)
    assert not view.warming and found(memory, store, store.units[50]) and len(view) == 300
