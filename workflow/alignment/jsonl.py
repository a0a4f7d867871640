"""Sentence alignment of JSON Lines: one article pair in, one line of beads out.

Input lines carry ``id`` (a string or an integer), ``ko_sentences`` and ``en_sentences`` (lists
of strings); other fields are ignored (``gold_beads`` is never read). Blank lines are skipped.
Each output line is ``{"id": …, "beads": [[ko…], [en…]], …], "confidence": […]}`` with the
beads in order and one confidence per bead (``workflow.alignment.aligner.align``). Errors are
``BadInput`` naming the source, the 1-based line number and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from workflow.alignment.aligner import align
from workflow.errors import BadInput

__all__ = ["align_jsonl"]

_SIDES = ("ko_sentences", "en_sentences")


def _sentences(record: dict[str, Any], name: str, source: str, line: int) -> list[str]:
    if name not in record:
        raise BadInput("missing field", source=source, line=line, field=name)
    value = record[name]
    if not isinstance(value, list):
        raise BadInput(
            "expected a list of sentences, got %(type_name)s",
            type_name=type(value).__name__,
            source=source,
            line=line,
            field=name,
        )
    for n, sentence in enumerate(value):
        if not isinstance(sentence, str):
            raise BadInput(
                "sentence %(n)s is %(type_name)s, not a string",
                n=n,
                type_name=type(sentence).__name__,
                source=source,
                line=line,
                field=name,
            )
    return value


def align_jsonl(lines: Iterable[str], *, source: str) -> Iterator[str]:
    """Align each article of ``lines`` and yield its beads as one JSON line (no newline).

    ``source`` names the input in error messages (a file name). Articles are read and aligned
    one at a time, so memory stays that of one article. Raises ``BadInput`` for a line that is
    not a JSON object, a missing or mistyped field, a sentence that is not a string, or an id
    seen on an earlier line.
    """
    seen: dict[str | int, int] = {}
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise BadInput(
                "invalid JSON: %(msg)s", msg=error.msg, source=source, line=number
            ) from None
        if not isinstance(record, dict):
            raise BadInput("expected a JSON object", source=source, line=number)
        if "id" not in record:
            raise BadInput("missing field", source=source, line=number, field="id")
        article_id = record["id"]
        if isinstance(article_id, bool) or not isinstance(article_id, str | int):
            raise BadInput(
                "expected a string or an integer, got %(type_name)s",
                type_name=type(article_id).__name__,
                source=source,
                line=number,
                field="id",
            )
        if article_id in seen:
            raise BadInput(
                "duplicate id %(article_id)r (first on line %(first)s)",
                article_id=article_id,
                first=seen[article_id],
                source=source,
                line=number,
                field="id",
            )
        seen[article_id] = number
        ko, en = (_sentences(record, name, source, number) for name in _SIDES)
        beads = align(ko, en)
        yield json.dumps(
            {
                "id": article_id,
                "beads": [[list(b.source), list(b.target)] for b in beads],
                "confidence": [round(b.confidence, 4) for b in beads],
            },
            ensure_ascii=False,
        )
