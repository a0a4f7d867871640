"""Bilingual pairs from outside the desk, for the QA checks alone (``transdesk check --pairs``).

JSON Lines, one object a line: ``{"id", "source", "target", "source_lang", "target_lang"}``;
the languages default to Korean → English. A line that is not such an object is refused with
its line number; nothing is checked unless every line is good.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.errors import BadInput
from workflow.text.decoding import check_utf8

__all__ = ["MAX_PAIR_TEXT", "BilingualPair", "read_pairs_jsonl"]

#: The longest source or target a pair may have (the checks' linear-time budget).
MAX_PAIR_TEXT = 20_000


@dataclass(frozen=True)
class BilingualPair:
    """One source text and its translation; ``id`` is echoed back as given."""

    id: str | int
    source: str
    target: str
    source_lang: str = "ko"
    target_lang: str = "en"


def _text(obj: dict[str, object], name: str, source: str, line: int) -> str:
    value = obj.get(name)
    if not isinstance(value, str):
        raise BadInput("a string is required", source=source, line=line, field=name)
    if len(value) > MAX_PAIR_TEXT:
        raise BadInput(
            "longer than %(MAX_PAIR_TEXT)s characters",
            MAX_PAIR_TEXT=format(MAX_PAIR_TEXT, ","),
            source=source,
            line=line,
            field=name,
        )
    return value


def _lang(obj: dict[str, object], name: str, default: str, source: str, line: int) -> str:
    value = obj.get(name, default)
    if not isinstance(value, str) or not value.strip() or len(value) > 35:
        raise BadInput("a language code is required", source=source, line=line, field=name)
    return value.strip()


def read_pairs_jsonl(data: bytes, *, source: str) -> list[BilingualPair]:
    """The pairs of a JSON Lines file; blank lines are skipped.

    Raises :class:`BadInput` naming ``source`` and the line (1-based) for bytes that are not
    UTF-8, a line that is not a JSON object, an ``id`` that is not a string or a whole number,
    a ``source`` or ``target`` that is not a string (or is over :data:`MAX_PAIR_TEXT`), a
    language that is not a code.
    """
    text = check_utf8(data, source=source)
    pairs = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except ValueError as exc:
            raise BadInput("not JSON (%(exc)s)", exc=exc, source=source, line=number) from exc
        if not isinstance(obj, dict):
            raise BadInput("not a JSON object", source=source, line=number)
        pair_id = obj.get("id")
        if isinstance(pair_id, bool) or not isinstance(pair_id, str | int):
            raise BadInput("a string or a number is required", source=source, line=number,
                           field="id")  # fmt: skip
        pairs.append(
            BilingualPair(
                id=pair_id,
                source=_text(obj, "source", source, number),
                target=_text(obj, "target", source, number),
                source_lang=_lang(obj, "source_lang", "ko", source, number),
                target_lang=_lang(obj, "target_lang", "en", source, number),
            )
        )
    return pairs
