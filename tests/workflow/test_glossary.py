from __future__ import annotations

import time

import pytest

from tests.support.refusals import refusal
from workflow.errors import BadInput
from workflow.glossary import (
    Term,
    TermIndex,
    find_terms,
    forbidden_used,
    read_tbx,
    read_terms_csv,
    target_uses,
    tbx_bytes,
    terms_csv_bytes,
)

DEFENSE = Term(
    "국방부", "Ministry of National Defense", note="South Korea's", pos="properNoun",
    forbidden=("Defense Ministry", "MND"),
)  # fmt: skip
NAKATANI = Term("나카타니 겐", "Gen Nakatani", forbidden=("Nakatani Gen",))
TERMS = (
    DEFENSE,
    NAKATANI,
    Term("나카타니", "Nakatani"),
    Term("미국", "US"),
    Term("미군", "US forces"),
    Term("국방장관", "defense minister"),
    Term("국방", "defense"),
    Term("ACSA", "ACSA"),
)

# --- matching -------------------------------------------------------------------------------

FIND = [
    ("나카타니 겐은 말했다", [("나카타니 겐", 0, 6)]),
    ("한국 국방부는 밝혔다", [("국방부", 3, 6)]),
    ("국방부", [("국방부", 0, 3)]),
    ("국방부·외교부", [("국방부", 0, 3)]),
    ("“국방부가”", [("국방부", 1, 4)]),
    ("국방부들에게는", [("국방부", 0, 3)]),  # 들 + 에게 + 는
    ("국방부장", []),  # a longer word
    ("나카타니 방위상은", [("나카타니", 0, 4)]),
    ("미국 국방장관과", [("미국", 0, 2), ("국방장관", 3, 7)]),  # longest first
    ("미국인 기자", []),
    ("주한미군 사령관", []),  # not at a word start
    ("미군뿐 아니라", [("미군", 0, 2)]),
    ("ACSA를 체결", [("ACSA", 0, 4)]),
    ("acsa를", [("ACSA", 0, 4)]),
    ("ACSAX", []),
    ("미국이라는 나라", [("미국", 0, 2)]),
    ("", []),
]


@pytest.mark.parametrize(("source", "expected"), FIND)
def test_find_terms(source: str, expected: list[tuple[str, int, int]]) -> None:
    hits = find_terms(source, TERMS)
    assert [(h.term.source, h.start, h.end) for h in hits] == expected


def test_a_prebuilt_index_finds_the_same() -> None:
    index = TermIndex(TERMS)
    source = "애슈턴 카터 미국 국방장관과 나카타니 겐 일본 방위상은"
    assert find_terms(source, index) == find_terms(source, TERMS)
    assert [h.term.target for h in index.find(source)] == [
        "US",
        "defense minister",
        "Gen Nakatani",
    ]


def test_matching_is_fast_on_ten_thousand_terms() -> None:
    terms = [Term(f"용어{n}번", f"term {n}") for n in range(10_000)] + list(TERMS)
    source = (
        "애슈턴 카터 미국 국방장관과 나카타니 겐 일본 방위상은 28일 워싱턴에서 회담을 열어 " * 3
    )
    started = time.perf_counter()
    index = TermIndex(terms)
    for _ in range(200):
        hits = index.find(source)
    elapsed = time.perf_counter() - started
    assert len(hits) == 9
    assert elapsed < 2.0


USES = [
    (DEFENSE, "the Ministry of National Defense said", True),
    (DEFENSE, "the ministry of national defense said", True),
    (DEFENSE, "the Ministry of National\nDefense said", True),
    (DEFENSE, "the Ministry of National Defense’s view", True),
    (DEFENSE, "the Ministry of National Defense's view", True),
    (DEFENSE, "the Defense Ministry said", False),
    (DEFENSE, "the Ministry of National Defensemen", False),
    (NAKATANI, "Gen Nakatani said", True),
    (NAKATANI, "Gen Nakatani’s proposal", True),
    (NAKATANI, "Nakatani said", False),
    (Term("국방장관", "defense minister"), "the defense ministers met", True),
    (Term("국방장관", "defense minister"), "the defense ministers’ meeting", True),
    (Term("당사국", "party"), "the parties met", True),
    (Term("미국", "US"), "USFK said", False),
]


@pytest.mark.parametrize(("term", "text", "expected"), USES)
def test_target_uses(term: Term, text: str, expected: bool) -> None:
    assert target_uses(term, text) is expected


def test_forbidden_used() -> None:
    assert forbidden_used(DEFENSE, "The Defense Ministry said") == "Defense Ministry"
    assert forbidden_used(DEFENSE, "The MND’s view") == "MND"
    assert forbidden_used(DEFENSE, "The Ministry of National Defense said") is None
    assert forbidden_used(NAKATANI, "NAKATANI GEN said") == "Nakatani Gen"


# --- CSV ------------------------------------------------------------------------------------


def test_csv_round_trip() -> None:
    data = terms_csv_bytes(TERMS)
    assert data.splitlines()[0] == b"source,target,source_lang,target_lang,note,pos,forbidden"
    row = "국방부,Ministry of National Defense,ko,en,South Korea's,properNoun,Defense Ministry|MND"
    assert row.encode() in data
    assert read_terms_csv(data, source="terms.csv") == list(TERMS)
    assert terms_csv_bytes(read_terms_csv(data, source="terms.csv")) == data


def test_csv_minimal_columns_default_the_languages() -> None:
    data = "\ufeffsource,target\n국방부,Ministry of National Defense\n\n미국,US\n".encode()
    assert read_terms_csv(data, source="t.csv") == [
        Term("국방부", "Ministry of National Defense"),
        Term("미국", "US"),
    ]


def test_csv_quoted_fields() -> None:
    data = 'source,target,note\n"나카타니 겐","Gen Nakatani","Japan\'s minister, 2015"\n'
    [term] = read_terms_csv(data.encode(), source="t.csv")
    assert term.note == "Japan's minister, 2015"


BAD_CSV = [
    (b"source,target\n\xff\xfe,x\n", "t.csv, line 2: not UTF-8: byte 0xff at offset 14"),
    (b"", "t.csv, line 1: empty file; expected a header row"),
    (b"source,note\n", "t.csv, line 1, field 'target': missing required column"),
    (b"source,target,comment\n", "t.csv, line 1, field 'comment': unknown column; known: source"),
    ("source,target\n국방부,\n".encode(), "t.csv, line 2, field 'target': empty value"),
    ("source,target\n국방부,MND\n,US\n".encode(), "t.csv, line 3, field 'source': empty value"),
    (
        "source,target\n국방부,MND\n미국,US\n국방부,Ministry\n".encode(),
        "t.csv, line 4, field 'source': duplicate term '국방부' (first on line 2)",
    ),
    ("source,target\n국방부,MND,x\n".encode(), "t.csv, line 2: 3 fields, the header has 2"),
    (
        "source,target,forbidden\n국방부,MND,mnd|Defense Ministry\n".encode(),
        "t.csv, line 2, field 'forbidden': forbidden variant 'mnd' is the target itself",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_CSV)
def test_bad_csv(data: bytes, message: str) -> None:
    assert str(refusal(read_terms_csv, data, source="t.csv")).startswith(message)


def test_bad_csv_error_carries_line_and_field() -> None:
    error = refusal(
        read_terms_csv, "source,target\n국방부,MND\n국방부,X\n".encode(), source="t.csv"
    )
    assert (error.source, error.line, error.field) == ("t.csv", 3, "source")


def test_same_source_in_another_language_pair_is_not_a_duplicate() -> None:
    data = "source,target,target_lang\n국방부,MND,en\n국방부,防衛省,ja\n".encode()
    assert len(read_terms_csv(data, source="t.csv")) == 2


# --- TBX ------------------------------------------------------------------------------------


def test_tbx_round_trip() -> None:
    data = tbx_bytes(TERMS)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b'xmlns="urn:iso:std:iso:30042:ed-2"' in data
    assert b"deprecatedTerm-admn-sts" in data
    assert read_tbx(data, source="t.tbx") == list(TERMS)
    assert tbx_bytes(read_tbx(data, source="t.tbx")) == data


TBX_BASIC_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="e1">
  <descripGrp><descrip type="definition">The defense ministry of South Korea</descrip></descripGrp>
  <langSet xml:lang="ko-KR"><tig><term>국방부</term>
    <termNote type="partOfSpeech">noun</termNote></tig></langSet>
  <langSet xml:lang="en-US">
    <tig><term>Defense Ministry</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>MND</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
    <tig><term>Ministry of National Defense</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Defense Department</term></tig>
  </langSet>
  <langSet xml:lang="ja"><tig><term>国防部</term></tig></langSet>
</termEntry>
<termEntry id="e2">
  <langSet xml:lang="ko"><tig><term>미국</term></tig></langSet>
</termEntry>
<termEntry id="e3">
  <langSet xml:lang="ko"><tig><term>미군</term></tig>
    <tig><term>미군대</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="en"><tig><term>US forces</term></tig>
    <note>Not "American army".</note></langSet>
</termEntry>
</body></text></martif>
"""


def test_read_tbx_basic_2008() -> None:
    assert read_tbx(TBX_BASIC_2008.encode(), source="t.tbx") == [
        Term(
            "국방부",
            "Ministry of National Defense",
            note="The defense ministry of South Korea",
            pos="noun",
            forbidden=("Defense Ministry", "MND"),
        ),
        Term("미군", "US forces", note='Not "American army".'),
    ]


def test_read_tbx_other_pair() -> None:
    [term] = read_tbx(TBX_BASIC_2008.encode(), source="t.tbx", target_lang="ja")
    assert (term.source, term.target, term.target_lang) == ("국방부", "国防部", "ja")


def test_read_tbx_v3_dct_style() -> None:
    data = """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic"
     type="TBX-Basic" style="dct" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
  <langSec xml:lang="ko"><termSec><term>자위대</term></termSec></langSec>
  <langSec xml:lang="en">
    <termSec><term>Self-Defense Forces</term><basic:partOfSpeech>noun</basic:partOfSpeech></termSec>
    <termSec><term>Japanese army</term>
      <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
  </langSec>
</conceptEntry></body></text></tbx>"""
    assert read_tbx(data.encode(), source="t.tbx") == [
        Term("자위대", "Self-Defense Forces", pos="noun", forbidden=("Japanese army",))
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx><text><body><conceptEntry><langSec xml:lang="ko"><termSec><term>&lol3;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry><langSec xml:lang="ko"><termSec><term>&xxe;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""
XXE_UTF16 = XXE.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
XXE_UTF16 = XXE_UTF16.decode().encode("utf-16")
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE tbx SYSTEM "http://example.invalid/tbx.dtd">
<tbx><text><body/></text></tbx>"""

BAD_TBX = [
    (BILLION_LAUGHS, "t.tbx: DOCTYPE with an internal subset or entities refused"),
    (XXE, "t.tbx: DOCTYPE with an internal subset or entities refused"),
    (XXE_UTF16, "t.tbx: DOCTYPE with an internal subset refused"),
    (b"<tbx><text>", "t.tbx, line 1: XML syntax error"),
    (b"", "t.tbx"),
    (b"<html><body/></html>", "t.tbx, line 1: not TBX: root element <html>"),
    (
        b"<tbx><text><body>\n<conceptEntry>"
        b'<langSec xml:lang="ko"><termSec><term>a</term></termSec></langSec>'
        b'<langSec xml:lang="en"><termSec><term>b</term></termSec></langSec></conceptEntry>\n'
        b"<conceptEntry>"
        b'<langSec xml:lang="ko"><termSec><term>A</term></termSec></langSec>'
        b'<langSec xml:lang="en"><termSec><term>c</term></termSec></langSec></conceptEntry>'
        b"</body></text></tbx>",
        "t.tbx, line 3, field 'term': duplicate term 'A' (first on line 2)",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_TBX)
def test_bad_tbx(data: bytes, message: str) -> None:
    assert str(refusal(read_tbx, data, source="t.tbx")).startswith(message)


def test_external_dtd_is_not_fetched() -> None:
    assert read_tbx(EXTERNAL_DTD, source="t.tbx") == []


def test_tbx_size_limit() -> None:
    with pytest.raises(BadInput, match="larger than 100 bytes"):
        read_tbx(tbx_bytes(TERMS), source="t.tbx", max_bytes=100)
