"""A small desk for the service tests: four people and a short Korean article with its
English edition (JSON, so that the tests read what they check)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from workflow import services
from workflow.model import Entry
from workflow.services import Context
from workflow.states import SegmentState

PASSWORD = "correct horse battery staple"


def article(title: str, *paragraphs: str, **meta: Any) -> bytes:
    return json.dumps({"title": title, "body": list(paragraphs), **meta}).encode()


SEOUL_KO = article(
    "서울 시장 선거",
    "서울시장 선거가 2026년 6월 3일 열린다. 후보는 3명이다.",
    "투표율은 55%로 예상된다.",
    byline="김기자 기자",
)
SEOUL_EN = article(
    "Seoul mayoral election",
    "Seoul elects its mayor on June 3, 2026. There are three candidates.",
    "Turnout is expected at 55%.",
    byline="By Kim",
)


@dataclass(frozen=True)
class Team:
    """User ids: an administrator, two editors and a translator."""

    admin: int
    eddie: int
    erin: int
    tina: int


@pytest.fixture
def team(ctx: Context) -> Team:
    roles = {"admin": "admin", "eddie": "editor", "erin": "editor", "tina": "translator"}
    return Team(**{n: services.add_user(ctx, n, r, PASSWORD).id for n, r in roles.items()})


@pytest.fixture
def seoul(ctx: Context, team: Team) -> list[str]:
    """The Korean article ``seoul`` imported; its segment keys in order (title first)."""
    services.import_article(ctx, SEOUL_KO, source="seoul.json", locale="ko", slug="seoul")
    return [e.segment.key for e in services.show_article(ctx, "seoul", "en").entries]


@pytest.fixture
def paired(ctx: Context, seoul: list[str]) -> list[str]:
    """``seoul`` paired with its English edition by the system: every segment TRANSLATED,
    nobody its author (any editor may approve)."""
    services.pair_translation(ctx, "seoul", SEOUL_EN, source="seoul-en.json", locale="en")
    return seoul


#: The desk tests' people, (role, desks) by name: sam translates and sara edits for sports
#: only; nick translates news; eddie edits both desks; ada is an admin whose own desk is
#: sports (admins see every desk).
DESK_PEOPLE: dict[str, tuple[str, str]] = {
    "sam": ("translator", "sports"),
    "sara": ("editor", "sports"),
    "nick": ("translator", "news"),
    "eddie": ("editor", "news,sports"),
    "ada": ("admin", "sports"),
}


def add_desk_people(ctx: Context, names: Iterable[str], password: str) -> dict[str, int]:
    """Add the :data:`DESK_PEOPLE` named, in that order; their ids by name."""
    ids: dict[str, int] = {}
    for name in names:
        role, desks = DESK_PEOPLE[name]
        ids[name] = services.add_user(ctx, name, role, password, desks=desks).id
    return ids


def entries(ctx: Context, slug: str = "seoul", locale: str = "en") -> dict[str, Entry]:
    return {e.segment.key: e for e in services.show_article(ctx, slug, locale).entries}


def state(ctx: Context, key: str, slug: str = "seoul") -> SegmentState:
    return entries(ctx, slug)[key].translation.state
