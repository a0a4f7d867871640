"""Reading bilingual pairs as JSON Lines: defaults, ids echoed, bad lines named."""

from __future__ import annotations

import pytest

from workflow.checks.pairs import MAX_PAIR_TEXT, BilingualPair, read_pairs_jsonl
from workflow.errors import BadInput


def test_pairs_with_defaults_and_blank_lines() -> None:
    data = (
        '{"id": "a", "source": "가", "target": "A"}\n\n'
        '{"id": 2, "source": "x", "target": "y", "source_lang": "fr", "target_lang": "it"}\n'
    ).encode()
    assert read_pairs_jsonl(b"\xef\xbb\xbf" + data, source="in.jsonl") == [
        BilingualPair("a", "가", "A"),
        BilingualPair(2, "x", "y", "fr", "it"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"{", "in.jsonl, line 2: not JSON"),
        (b"3", "in.jsonl, line 2: not a JSON object"),
        (b'{"id": true, "source": "x", "target": "y"}', "line 2, field 'id'"),
        (b'{"id": 1, "source": null, "target": "y"}', "line 2, field 'source'"),
        (b'{"id": 1, "source": "x", "target": "y", "source_lang": 5}', "field 'source_lang'"),
        (b'{"id": 1, "source": "x", "target": "' + b"y" * (MAX_PAIR_TEXT + 1) + b'"}',
         "line 2, field 'target': longer than 20,000 characters"),
        (b'{"id": 1, "source": "\xff", "target": "y"}', "in.jsonl, line 2: not UTF-8"),
    ],
)  # fmt: skip
def test_a_bad_line_is_named(line: bytes, expected: str) -> None:
    data = b'{"id": "ok", "source": "x", "target": "y"}\n' + line + b"\n"
    with pytest.raises(BadInput) as info:
        read_pairs_jsonl(data, source="in.jsonl")
    assert expected in str(info.value)
    assert info.value.line == 2
