"""Uploaded bytes into text: the size limit, and UTF-8 with the byte, offset and line of the
first bad byte. Every reader of an upload (catalogs, glossaries, pair files) says it the same
way, in the user's language.
"""

from __future__ import annotations

from workflow.errors import BadInput, Message


def check_size(
    data: bytes, *, source: str, max_bytes: int, error: type[BadInput] = BadInput
) -> None:
    """Refuse anything but bytes, and more than ``max_bytes`` of them (as ``error``: the
    importers say ``ImportFailed``)."""
    if not isinstance(data, bytes | bytearray):
        raise error(Message("an upload must be given as bytes"), source=source)
    if len(data) > max_bytes:
        too_large = Message(
            "the file is too large: %(n_data)s bytes, the limit is %(max_bytes)s",
            n_data=format(len(data), ","),
            max_bytes=format(max_bytes, ","),
        )
        raise error(too_large, source=source)


def check_utf8(data: bytes, *, source: str) -> str:
    """``data`` decoded as UTF-8 (a leading BOM dropped); else BadInput with line and offset."""
    try:
        return bytes(data).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc, source=source) from None


def not_utf8(data: bytes, exc: UnicodeDecodeError, *, source: str) -> BadInput:
    """The error for ``data`` that failed to decode: the byte, its offset and its line."""
    line = bytes(data).count(b"\n", 0, exc.start) + 1
    return BadInput(
        "not UTF-8: byte 0x%(byte)s at offset %(start)s",
        byte=format(data[exc.start], "02x"),
        start=exc.start,
        source=source,
        line=line,
    )
