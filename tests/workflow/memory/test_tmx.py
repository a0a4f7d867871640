"""TMX 1.4b: round trip, streaming, inline codes, bad XML with its line, entity attacks."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from workflow.errors import BadInput
from workflow.memory.tmx import iter_tmx, write_tmx
from workflow.memory.units import TmUnit, TmUnitDraft

T0 = datetime(2015, 4, 30, 8, 24, tzinfo=UTC)


def units(n: int) -> Iterator[TmUnit]:
    for i in range(n):
        yield TmUnit(
            id=i + 1,
            source=f'정부는 {i}번째 예산안을 국회에 제출했다. <a> & "b"',
            target=f"The government submitted budget bill No. {i} & more.",
            source_lang="ko",
            target_lang="en",
            origin=("approved", "aligned", "imported")[i % 3],
            context=f"story-{i}/s1" if i % 2 else None,
            article=f"story-{i}" if i % 2 else None,
            translator="kim" if i % 4 else None,
            approver="lee" if i % 3 == 0 else None,
            created_at=T0 + timedelta(minutes=i) if i % 5 else None,
        )


def draft_of(u: TmUnit) -> TmUnitDraft:
    return TmUnitDraft(
        source=u.source,
        target=u.target,
        source_lang=u.source_lang,
        target_lang=u.target_lang,
        origin=u.origin,
        context=u.context,
        article=u.article,
        translator=u.translator,
        approver=u.approver,
        created_at=u.created_at,
    )


def tmx(body: str, *, prolog: str = "") -> io.BytesIO:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + prolog
        + '<tmx version="1.4">\n'
        + '<header creationtool="x" creationtoolversion="1" datatype="plaintext" '
        + 'segtype="sentence" adminlang="en" srclang="ko" o-tmf="x"/>\n'
        + f"<body>\n{body}\n</body>\n</tmx>\n"
    )
    return io.BytesIO(text.encode("utf-8"))


def read(stream: io.BytesIO) -> list[TmUnitDraft]:
    return list(iter_tmx(stream, source="memory.tmx"))


def test_round_trip_keeps_every_field() -> None:
    original = list(units(12))
    out = io.BytesIO()
    assert write_tmx(original, out, source_lang="ko") == 12
    out.seek(0)
    assert read(out) == [draft_of(u) for u in original]


def test_output_is_valid_tmx_and_deterministic() -> None:
    a, b = io.BytesIO(), io.BytesIO()
    write_tmx(units(3), a, source_lang="ko")
    write_tmx(units(3), b, source_lang="ko")
    assert a.getvalue() == b.getvalue()
    root = etree.fromstring(a.getvalue())
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert dict(header.attrib) == {
        "creationtool": "transdesk",
        "creationtoolversion": "0.1.0",
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "ko",
        "o-tmf": "transdesk",
    }
    tu = root.find("body/tu[2]")
    assert tu is not None
    assert tu.get("tuid") == "2" and tu.get("creationdate") == "20150430T082500Z"
    assert [p.get("type") for p in tu.iterfind("prop")] == ["x-origin", "x-context", "x-article"]
    langs = [v.get("{http://www.w3.org/XML/1998/namespace}lang") for v in tu.iterfind("tuv")]
    assert langs == ["ko", "en"]
    assert a.getvalue().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')


def test_control_characters_are_left_out_of_the_output() -> None:
    out = io.BytesIO()
    write_tmx([replace(next(units(1)), source="가\x0b나\x01")], out, source_lang="ko")
    out.seek(0)
    assert read(out)[0].source == "가나"


def test_streaming_a_large_file_in_bounded_memory() -> None:
    out = io.BytesIO()
    write_tmx(units(20_000), out, source_lang="ko")
    size = len(out.getvalue())
    out.seek(0)
    tracemalloc.start()
    count = 0
    for draft in iter_tmx(out, source="big.tmx"):
        count += 1
        assert draft.target_lang == "en"
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert size > 5_000_000
    assert peak < 2_000_000  # a tree of the whole file would take many times its size


def test_inline_codes_are_dropped_and_highlights_kept() -> None:
    body = """
<tu creationdate="20150430T082400Z" creationid="park" changeid="choi">
  <prop type="x-context">story/s3</prop>
  <tuv xml:lang="ko-KR"><seg><bpt i="1">&lt;b&gt;</bpt>속보<ept i="1"
    >&lt;/b&gt;</ept>: 지진 <ph>{1}</ph>발생</seg></tuv>
  <tuv xml:lang="en-US" changedate="20160101T000000Z"><seg><hi type="x-bold">Breaking</hi
    >: earthquake<it pos="begin">&lt;i&gt;</it> hits</seg></tuv>
  <tuv xml:lang="ja"><seg>速報</seg></tuv>
</tu>"""
    first, second = read(tmx(body))
    assert first == TmUnitDraft(
        source="속보: 지진 발생",
        target="Breaking: earthquake hits",
        source_lang="ko",
        target_lang="en-US",
        origin="imported",
        context="story/s3",
        translator="park",
        created_at=datetime(2016, 1, 1, tzinfo=UTC),
    )
    assert second.target_lang == "ja" and second.target == "速報"
    assert second.created_at == datetime(2015, 4, 30, 8, 24, tzinfo=UTC)


def test_units_without_the_source_language_or_text_are_skipped() -> None:
    body = """
<tu><tuv xml:lang="en"><seg>only English</seg></tuv>
    <tuv xml:lang="fr"><seg>Français</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>  </seg></tuv><tuv xml:lang="en"><seg>empty source</seg></tuv></tu>
<tu><tuv lang="KO"><seg>옛 형식</seg></tuv><tuv lang="en"><seg>old style</seg></tuv></tu>"""
    assert [(d.source, d.target) for d in read(tmx(body))] == [("옛 형식", "old style")]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("<tu>\n<tuv xml:lang='ko'><seg>가</seg></tuv>\n<tuv xml:lang='en'><seg>A</tuv></tu>", 7,
         "XML syntax error"),
        ("<tu>\n<tuv><seg>가</seg></tuv></tu>", 6, "without xml:lang"),
        ("<tu>\n<tuv xml:lang='ko'></tuv></tu>", 6, "without <seg>"),
        ("<tu><prop type='x-origin'>machine</prop>\n<tuv xml:lang='ko'><seg>가</seg></tuv></tu>",
         5, "unknown x-origin"),
        ("<tu>\n<tuv xml:lang='ko'><seg>가</seg></tuv>\n"
         "<tuv xml:lang='en' creationdate='2015-04-30'><seg>A</seg></tuv></tu>", 7,
         "YYYYMMDDThhmmssZ"),
    ],
)  # fmt: skip
def test_bad_input_says_where(body: str, line: int, message: str) -> None:
    with pytest.raises(BadInput, match=message) as caught:
        read(tmx(body))
    assert caught.value.source == "memory.tmx"
    assert caught.value.line == line


def test_not_tmx_and_empty_documents() -> None:
    with pytest.raises(BadInput, match="not <tmx>"):
        read(io.BytesIO(b"<xliff/>"))
    with pytest.raises(BadInput, match="XML syntax error"):
        read(io.BytesIO(b""))


BILLION_LAUGHS = """<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
"""
XXE = '<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'


@pytest.mark.parametrize(
    ("prolog", "seg"),
    [
        (BILLION_LAUGHS, "&lol4;"),
        (XXE, "&xxe;"),
        ('<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n', "가"),
    ],
)
def test_doctype_and_entities_are_refused(prolog: str, seg: str) -> None:
    body = (
        f"<tu><tuv xml:lang='ko'><seg>{seg}</seg></tuv>\n<tuv xml:lang='en'><seg>A</seg></tuv></tu>"
    )
    with pytest.raises(BadInput, match="DOCTYPE is not allowed") as caught:
        read(tmx(body, prolog=prolog))
    assert caught.value.line == 1
