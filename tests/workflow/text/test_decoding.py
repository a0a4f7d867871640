"""Uploaded bytes into text: the size limit and UTF-8, said with the file, line and offset."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput, ImportFailed
from workflow.text.decoding import check_size, check_utf8


def test_an_upload_over_the_limit_is_refused_with_both_sizes() -> None:
    check_size(b"x" * 10, source="a.po", max_bytes=10)
    with pytest.raises(BadInput) as refused:
        check_size(b"x" * 12_345, source="a.po", max_bytes=10_000)
    assert "12,345" in str(refused.value) and "10,000" in str(refused.value)
    assert refused.value.source == "a.po"


def test_anything_but_bytes_is_refused_as_the_caller_says() -> None:
    with pytest.raises(ImportFailed, match="an upload must be given as bytes"):
        check_size("text", source="a.txt", max_bytes=10, error=ImportFailed)  # type: ignore[arg-type]


def test_bad_utf8_names_the_byte_offset_and_line() -> None:
    assert check_utf8("\ufeff서울\n".encode(), source="a.csv") == "서울\n"
    with pytest.raises(BadInput) as refused:
        check_utf8(b"one\ntwo \xff three", source="a.csv")
    assert refused.value.line == 2
    assert "0xff" in str(refused.value) and "8" in str(refused.value)
