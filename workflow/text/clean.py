"""Text that enters the desk: one length limit and one character check for every way in.

Saves, reverts, comments, rejection reasons, glossary terms, catalog uploads (PO, XLIFF),
memory imports (TMX), term bases (TBX, CSV), article imports, machine translations and the
API's JSON all pass what they store through :func:`clean_text` (or, where a caller must
skip rather than refuse, :func:`text_problem`), so that nothing the exports cannot carry
is ever stored: XML 1.0 cannot hold most control characters (an XLIFF export would fail),
PostgreSQL refuses NUL, and no encoding holds a lone surrogate.

Refused, with the field (and file and line when there is one) named:

* C0 control characters except tab and line feed; a carriage return is text too, but
  ``\\r\\n`` and a lone ``\\r`` become ``\\n`` (a browser's textarea sends ``\\r\\n``);
* DEL (U+007F) and the C1 controls (U+0080–U+009F);
* lone surrogates (U+D800–U+DFFF), which JSON's ``\\ud800`` can produce;
* Unicode non-characters (U+FDD0–U+FDEF and the last two code points of every plane).

:data:`MAX_TEXT` is the one limit on a translation, a segment's source, a memory unit's
side and a term: 20,000 characters, far above any sentence and below what makes a page of
them slow. :data:`MAX_NOTE` bounds the short texts people write about a segment.
"""

from __future__ import annotations

import re
from typing import Final

from workflow.errors import BadInput, Message

#: The longest translation, source sentence, memory unit side or term (characters).
MAX_TEXT: Final = 20_000
#: The longest comment, rejection reason or dismissal reason (characters).
MAX_NOTE: Final = 4_000
#: The longest name of an uploaded file (it is kept in the audit log).
MAX_FILENAME: Final = 1_000

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: Characters no stored text may hold; ``\t``, ``\n`` and ``\r`` are not among them.
FORBIDDEN: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
_LINE_BREAK = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` as ``\\n``."""
    return _LINE_BREAK.sub("\n", text) if "\r" in text else text


def text_problem(text: str, *, limit: int | None = MAX_TEXT) -> str | None:
    """What is wrong with ``text`` (newlines already normalised), or None when it may be
    stored: the first forbidden character and where it is, or its length over ``limit``."""
    if limit is not None and len(text) > limit:
        return Message(
            "%(count)s characters; the limit is %(limit)s",
            count=format(len(text), ","),
            limit=format(limit, ","),
        )
    bad = FORBIDDEN.search(text)
    if bad is None:
        return None
    where = bad.start()
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    if "\n" in text:
        return Message(
            "%(char)s at line %(line)s, column %(column)s is not allowed in text",
            char=_describe(bad[0]),
            line=line,
            column=column,
        )
    return Message(
        "%(char)s at character %(position)s is not allowed in text",
        char=_describe(bad[0]),
        position=where + 1,
    )


def clean_text(
    text: str,
    *,
    field: str,
    source: str | None = None,
    line: int | None = None,
    limit: int | None = MAX_TEXT,
    what: str | None = None,
) -> str:
    """``text`` with its newlines normalised, or :class:`~workflow.errors.BadInput` naming
    ``field`` (and ``source`` and ``line``, for a file; ``what``, e.g. the entry, first in
    the message) when it holds a forbidden character or is longer than ``limit``
    characters (None: no limit)."""
    if not isinstance(text, str):
        raise BadInput(
            "expected text, not %(type_name)s",
            type_name=type(text).__name__,
            source=source,
            field=field,
        )
    text = normalise_newlines(text)
    problem = text_problem(text, limit=limit)
    if problem is not None:
        if what:
            raise BadInput(
                "%(what)s: %(problem)s",
                what=what,
                problem=problem,
                source=source,
                line=line,
                field=field,
            )
        raise BadInput(problem, source=source, line=line, field=field)
    return text


def file_name(name: str) -> str:
    """An uploaded file's name as the audit log keeps it; BadInput (field ``filename``) for
    a forbidden character or a name over ``MAX_FILENAME`` characters."""
    return clean_text(name, field="filename", limit=MAX_FILENAME)


def _describe(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return Message("lone surrogate U+%(code)s", code=format(code, "04X"))
    if code <= 0x9F:
        return Message("control character U+%(code)s", code=format(code, "04X"))
    return Message("non-character U+%(code)s", code=format(code, "04X"))
