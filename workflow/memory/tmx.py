"""TMX 1.4b in and out, streaming: translation-memory exchange with other CAT tools.

Reading (:func:`iter_tmx`) parses with lxml ``iterparse`` — entities unresolved, no DTD
loaded, no network, no huge trees — and clears each ``<tu>`` once read, so a 1 GB file is
read in bounded memory. A document with a DOCTYPE is refused (that is where entity bombs
and external entities live; TMX does not need one).

Each ``<tu>`` gives one :class:`~.units.TmUnitDraft` per ``<tuv>`` in another language
than ``source_lang``; a ``<tu>`` without a ``source_lang`` variant, or with an empty segment,
gives none. Language codes match on the primary subtag (``ko-KR`` is ``ko``).

Inline markup of a ``<seg>``: ``<hi>`` keeps its text (it only highlights); ``<ph>``,
``<bpt>``, ``<ept>``, ``<it>`` and ``<ut>`` hold the *native codes* of another format
(``<b>``, ``{1}``…), not text, and are dropped with their content — including any
``<sub>`` inside them. Text around them is kept.

Fields: ``changedate`` (else ``creationdate``) → ``created_at`` (UTC); ``creationid`` (else
``changeid``) → ``translator``, the target ``<tuv>``'s own attributes first, then the
``<tu>``'s; ``<prop type="x-origin">`` (default ``imported``), ``x-context``, ``x-article``,
``x-approver``. Writing (:func:`write_tmx`) produces the same, one ``<tu>`` at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any, BinaryIO, Final
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from workflow.errors import BadInput
from workflow.memory.units import ORIGINS, TmUnit, TmUnitDraft
from workflow.security.xml import SAFE_XML_OPTIONS, syntax_error
from workflow.text.clean import clean_text

CREATION_TOOL: Final = "transdesk"
CREATION_TOOL_VERSION: Final = "0.1.0"

#: The longest value of each field a unit stores (the ``tm_units`` columns); a longer one
#: is refused with its line rather than cut or left for PostgreSQL to refuse.
MAX_FIELD_CHARS: Final = {
    "xml:lang": 20,
    "creationid": 80,
    "x-approver": 80,
    "x-context": 300,
    "x-article": 200,
}

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = frozenset({"ph", "bpt", "ept", "it", "ut"})
_DATE = "%Y%m%dT%H%M%SZ"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def iter_tmx(
    stream: BinaryIO | IO[bytes], *, source: str, source_lang: str = "ko"
) -> Iterator[TmUnitDraft]:
    """The units of a TMX document, one ``<tu>`` at a time; see the module docstring.

    ``source`` names the file in errors. Bad XML, a DOCTYPE, or a ``<tu>`` that breaks the
    format raise :class:`~workflow.errors.BadInput` with the line.
    """
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        **SAFE_XML_OPTIONS,
    )
    primary = _primary(source_lang)
    started = False
    try:
        for event, elem in events:
            if not started:
                started = True
                _check_root(elem, source)
                continue
            if event != "end" or elem.tag != "tu":
                continue
            yield from _drafts(elem, source, source_lang, primary)
            # Bounded memory: drop the unit read and the (empty) ones before it.
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source=source) from None
    if not started:
        raise BadInput("an empty document, not TMX", source=source)


def _check_root(root: Any, source: str) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise BadInput("a DOCTYPE is not allowed in TMX", source=source, line=1)
    if root.tag != "tmx":
        raise BadInput(
            "root element <%(tag)s>, not <tmx>", tag=root.tag, source=source, line=root.sourceline
        )


def _drafts(tu: Any, source: str, source_lang: str, primary: str) -> Iterator[TmUnitDraft]:
    props = {p.get("type"): (p.text or "").strip() for p in tu.iterfind("prop")}
    origin = props.get("x-origin") or "imported"
    if origin not in ORIGINS:
        raise BadInput(
            "unknown x-origin %(origin)r; known: %(origins)s",
            origin=origin,
            origins=", ".join(ORIGINS),
            source=source,
            line=tu.sourceline,
            field="x-origin",
        )
    for kind in ("x-context", "x-article", "x-approver"):
        _check_length(props.get(kind), kind, source, tu.sourceline)
    variants = []
    for tuv in tu.iterfind("tuv"):
        lang = tuv.get(_XML_LANG) or tuv.get("lang")
        if not lang or not lang.strip():
            raise BadInput("<tuv> without xml:lang", source=source, line=tuv.sourceline)
        _check_length(lang.strip(), "xml:lang", source, tuv.sourceline)
        seg = tuv.find("seg")
        if seg is None:
            raise BadInput("<tuv> without <seg>", source=source, line=tuv.sourceline)
        variants.append((lang.strip().replace("_", "-"), _seg_text(seg).strip(), tuv))
    src = next((v for v in variants if _primary(v[0]) == primary), None)
    if src is None or not src[1]:
        return
    src_text = _checked(src[1], src[0], source, src[2].sourceline)
    for lang, text, tuv in variants:
        if tuv is src[2] or _primary(lang) == primary or not text:
            continue
        text = _checked(text, lang, source, tuv.sourceline)
        translator = _attr(tuv, tu, "creationid") or _attr(tuv, tu, "changeid")
        _check_length(translator, "creationid", source, tuv.sourceline)
        yield TmUnitDraft(
            source=src_text,
            target=text,
            source_lang=source_lang,
            target_lang=lang,
            origin=origin,
            context=props.get("x-context") or None,
            article=props.get("x-article") or None,
            translator=translator,
            approver=props.get("x-approver") or None,
            created_at=_date(_attr(tuv, tu, "changedate") or _attr(tuv, tu, "creationdate"),
                             source, tuv.sourceline),
        )  # fmt: skip


def _check_length(value: str | None, field: str, source: str, line: int | None) -> None:
    limit = MAX_FIELD_CHARS[field]
    if value is not None and len(value) > limit:
        raise BadInput(
            "%(field_name)s is longer than %(limit)s characters",
            field_name=field,
            limit=limit,
            source=source,
            line=line,
            field=field,
        )
    if value is not None:
        clean_text(value, field=field, source=source, line=line, limit=None)


def _checked(text: str, lang: str, source: str, line: int | None) -> str:
    """A segment's text as a unit may store it (``workflow.text.clean``), else BadInput."""
    return clean_text(text, field="seg", source=source, line=line, what=f"the {lang} segment")


def _seg_text(elem: Any) -> str:
    parts = [elem.text or ""]
    for child in elem:
        if child.tag not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _attr(first: Any, second: Any, name: str) -> str | None:
    value = first.get(name) or second.get(name)
    return value.strip() or None if value else None


def _date(value: str | None, source: str, line: int | None) -> datetime | None:
    if not value:
        return None
    try:
        if len(value) != 16 or value[8] != "T" or value[15] != "Z":
            raise ValueError(value)
        return datetime(
            int(value[:4]), int(value[4:6]), int(value[6:8]),
            int(value[9:11]), int(value[11:13]), int(value[13:15]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        raise BadInput(
            "date %(value)r is not in the TMX form YYYYMMDDThhmmssZ",
            value=value,
            source=source,
            line=line,
        ) from None


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def write_tmx(units: Iterable[TmUnit], out: BinaryIO | IO[bytes], *, source_lang: str) -> int:
    """Write ``units`` as TMX 1.4b to ``out``, a few hundred ``<tu>`` at a time; returns how many.

    The output depends only on the units (no "now" in it): the same units give the same
    bytes. Characters XML cannot hold (control characters) are left out.
    """
    out.write(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        + f'<header creationtool="{CREATION_TOOL}" creationtoolversion="{CREATION_TOOL_VERSION}"'
        ' datatype="plaintext" segtype="sentence" adminlang="en"'
        f' srclang={_attr_value(source_lang)} o-tmf="transdesk"/>\n<body>\n'.encode()
    )
    count = 0
    batch: list[str] = []
    for unit in units:
        batch.append(_tu(unit))
        count += 1
        if len(batch) >= 256:
            out.write("".join(batch).encode("utf-8"))
            batch.clear()
    out.write("".join(batch).encode("utf-8"))
    out.write(b"</body>\n</tmx>\n")
    return count


def _tu(unit: TmUnit) -> str:
    attrs = f' tuid="{int(unit.id)}"'
    if unit.created_at is not None:
        when = unit.created_at
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        attrs += f' creationdate="{when.strftime(_DATE)}"'
    if unit.translator:
        attrs += f" creationid={_attr_value(unit.translator)}"
    lines = [f"<tu{attrs}>"]
    for kind, value in (
        ("x-origin", unit.origin),
        ("x-context", unit.context),
        ("x-article", unit.article),
        ("x-approver", unit.approver),
    ):
        if value:
            lines.append(f'  <prop type="{kind}">{_text(value)}</prop>')
    for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
        lines.append(f"  <tuv xml:lang={_attr_value(lang)}><seg>{_text(text)}</seg></tuv>")
    lines.append("</tu>\n")
    return "\n".join(lines)


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _attr_value(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
