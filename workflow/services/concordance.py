"""Memory concordance from the editor: a word or phrase looked up in either language of the
memory, each unit with its origin, article and date, for the translator to insert.

Only the desks the user sees, never an embargoed article's units (the memory's scope).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workflow.errors import BadInput
from workflow.services.context import Context
from workflow.services.memory import seen_memory

MAX_QUERY = 200


@dataclass(frozen=True)
class ConcordanceHit:
    """A memory unit containing the text, on the side ``side`` (source or target)."""

    source: str
    target: str
    origin: str
    article: str | None
    created_at: datetime | None
    side: str


def concordance(
    ctx: Context, text: str, *, locale: str | None = None, limit: int = 20, user_id: int | None
) -> list[ConcordanceHit]:
    """Units whose source or translation contains ``text`` (as typed, or in lower case),
    newest first, at most ``limit``."""
    text = text.strip()
    if not text:
        return []
    if len(text) > MAX_QUERY:
        raise BadInput("at most %(MAX_QUERY)s characters", MAX_QUERY=MAX_QUERY, field="q")
    scope, index = seen_memory(ctx, user_id)
    seen: set[int] = set()
    out: list[ConcordanceHit] = []
    for side in ("source", "target"):
        for probe in dict.fromkeys((text, text.lower())):
            for unit in index.concordance(
                probe, side=side, limit=limit, target_lang=locale, **scope.filters
            ):
                if unit.id in seen:
                    continue
                seen.add(unit.id)
                out.append(
                    ConcordanceHit(
                        unit.source,
                        unit.target,
                        unit.origin,
                        unit.article,
                        unit.created_at,
                        side,
                    )
                )
    out.sort(key=lambda h: h.created_at.timestamp() if h.created_at else 0.0, reverse=True)
    return out[:limit]
