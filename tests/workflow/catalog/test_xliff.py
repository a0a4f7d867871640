"""Segments ⇄ XLIFF 2.0 and 1.2: states, merge information, safe parsing, clear errors."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from tests.support.refusals import assert_refused_at
from tests.workflow.factories import entry, localized
from workflow.catalog.entries import CatalogEntry
from workflow.catalog.formats import catalog_formats, detect_catalog_format, export_as, read_as
from workflow.catalog.po import catalog_bytes
from workflow.catalog.xliff import NS2, NS12, xliff_bytes
from workflow.catalog.xliff_read import read_xliff
from workflow.errors import BadInput, UnknownPlugin
from workflow.model import LocalizedArticle
from workflow.states import SegmentState

VERSIONS = ["2.0", "1.2"]


def read(data: bytes, locale: str = "en") -> list[CatalogEntry]:
    return list(read_xliff(data, source="u.xlf", locale=locale).entries)


@pytest.mark.parametrize("version", VERSIONS)
def test_round_trip_keeps_every_state_and_base_version(version: str) -> None:
    la = localized()
    upload = read_xliff(xliff_bytes(la, version=version), source="u.xlf", locale="en")
    assert upload.revision == 3
    assert upload.article == "chip-support-2024"
    assert upload.format == ("xliff2" if version == "2.0" else "xliff12")
    assert [(e.key, e.source, e.target, e.state, e.base_version) for e in upload.entries] == [
        (
            e.segment.key,
            e.segment.source,
            "" if e.translation.state is SegmentState.EMPTY else e.translation.text,
            e.translation.state,
            e.translation.version,
        )
        for e in la.entries
    ]
    assert upload.entries[0].approver == "Lee Seo-yeon"


@pytest.mark.parametrize("version", VERSIONS)
def test_output_is_deterministic_and_well_formed(version: str) -> None:
    first = xliff_bytes(localized(), version=version)
    assert first == xliff_bytes(localized(), version=version)
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff')
    root = etree.fromstring(first)
    assert root.tag == f"{{{NS2 if version == '2.0' else NS12}}}xliff"


def test_xliff2_layout() -> None:
    root = etree.fromstring(xliff_bytes(localized(), version="2.0"))
    ns = {"x": NS2}
    assert (root.get("srcLang"), root.get("trgLang")) == ("ko", "en")
    assert root.xpath("x:file/@id", namespaces=ns) == ["chip-support-2024"]
    assert root.xpath(
        "x:file/x:notes/x:note[@category='transdesk-revision']/text()", namespaces=ns
    ) == ["3"]
    states = root.xpath("x:file/x:unit/x:segment/@state", namespaces=ns)
    assert states == ["final", "final", "final", "translated", "initial", "initial", "final"]
    assert root.xpath("x:file/x:unit[@id='b4']/x:segment/x:target", namespaces=ns) == []


def test_xliff12_layout() -> None:
    root = etree.fromstring(xliff_bytes(localized(), version="1.2"))
    ns = {"x": NS12}
    (file,) = root.xpath("x:file", namespaces=ns)
    assert (file.get("source-language"), file.get("target-language")) == ("ko", "en")
    assert file.get("datatype") == "plaintext"
    assert root.xpath("x:file/x:body/x:trans-unit/x:target/@state", namespaces=ns) == [
        "final",
        "final",
        "final",
        "translated",
        "needs-review-translation",
        "new",
        "final",
    ]
    assert root.xpath("x:file/x:body/x:trans-unit/@approved", namespaces=ns)[:4] == [
        "yes",
        "yes",
        "yes",
        "no",
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_edited_approved_text_reads_back_as_translated(version: str) -> None:
    data = xliff_bytes(localized(), version=version).replace(
        b"into chip support</target>", b"into chips</target>"
    )
    assert read(data)[0].state is SegmentState.TRANSLATED
    assert read(data)[0].approver is None


def test_previous_source_goes_in_a_note() -> None:
    la = localized()
    e = la.entries[4]
    e = replace(e, segment=replace(e.segment, previous_source="옛 문장."))
    la = replace(la, entries=(*la.entries[:4], e, *la.entries[5:]))
    assert b'<note category="previous-source">' in xliff_bytes(la)
    assert b"previous-source: " in xliff_bytes(la, version="1.2")


@pytest.mark.parametrize("version", VERSIONS)
def test_tricky_texts_survive(version: str) -> None:
    texts = [
        ("p1", "  앞뒤 공백  ", "  spaces  "),
        ("p2", "줄\n바꿈", "line\nbreak"),
        ("p3", "<태그> & “따옴표”", "<tag> & “quotes”"),
        ("p4", "%d명 {0}", "%d people {0}"),
    ]
    la = localized(entries=tuple(entry(k, s, t, position=i) for i, (k, s, t) in enumerate(texts)))
    assert [(e.source, e.target) for e in read(xliff_bytes(la, version=version))] == [
        (s, t) for _, s, t in texts
    ]


def test_control_characters_are_refused_when_writing() -> None:
    la = localized(entries=(entry("k", "문장\x0b.", "Text."),))
    with pytest.raises(BadInput, match="control characters"):
        xliff_bytes(la)


def test_unknown_version() -> None:
    with pytest.raises(ValueError, match=r"2\.0"):
        xliff_bytes(localized(), version="2.1")


# -- what tools write ------------------------------------------------------------------

X2 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff xmlns="{NS2}" version="2.0" srcLang="ko" trgLang="{{lang}}">\n'
    '<file id="f">\n{units}\n</file>\n</xliff>\n'
)
X12 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff xmlns="{NS12}" version="1.2">\n'
    '<file original="f" source-language="ko" target-language="{lang}" datatype="plaintext">\n'
    "<body>\n{units}\n</body>\n</file>\n</xliff>\n"
)


def x2(units: str, lang: str = "en") -> bytes:
    return X2.format(lang=lang, units=units).encode()


def x12(units: str, lang: str = "en") -> bytes:
    return X12.format(lang=lang, units=units).encode()


def u2(target: str | None, state: str | None = None, unit: str = 'id="a"') -> str:
    """A 2.0 unit with one segment; ``target`` is inner XML (None: no target)."""
    attr = f' state="{state}"' if state else ""
    tgt = f"<target>{target}</target>" if target is not None else ""
    return f"<unit {unit}><segment{attr}><source>가</source>{tgt}</segment></unit>"


def u12(target: str | None, state: str | None = None, approved: bool = False) -> str:
    """A 1.2 trans-unit; ``target`` is inner XML (None: no target)."""
    attr = f' state="{state}"' if state else ""
    tgt = f"<target{attr}>{target}</target>" if target is not None else ""
    yes = ' approved="yes"' if approved else ""
    return f'<trans-unit id="a"{yes}><source>가</source>{tgt}</trans-unit>'


SPLIT_UNIT = (
    '<unit id="a"><segment state="translated"><source>가.</source><target>A.</target></segment>'
    "<ignorable><source> </source><target> </target></ignorable>"
    '<segment state="translated"><source>나.</source><target>B.</target></segment></unit>'
)
T, N, E = SegmentState.TRANSLATED, SegmentState.NEEDS_EDIT, SegmentState.EMPTY


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (x2(u2("A")), ("A", N)),  # 2.0's default state is initial
        (x2(u2("A", "reviewed")), ("A", T)),
        (x2(u2("A", "final")), ("A", T)),  # final without the digest is not approval
        (x2(u2("", "translated")), ("", E)),
        (x2(SPLIT_UNIT), ("A. B.", T)),
        (x2(u2('<pc id="1">A</pc>b<mrk id="m">c</mrk>', "translated")), ("Abc", T)),
        (x12(u12("A")), ("A", T)),
        (x12(u12("A", "needs-translation")), ("A", N)),
        (x12(u12("A", "signed-off", approved=True)), ("A", T)),
        (x12(u12(None)), ("", E)),
        (x12(u12('<mrk mtype="seg" mid="1">A <g id="1">b</g></mrk>')), ("A b", T)),
        (x12(f'<group id="g">{u12("A")}</group>'), ("A", T)),
        (x12(u12("A<!-- note -->")), ("A", T)),
    ],
)
def test_what_cat_tools_write(data: bytes, expected: tuple[str, SegmentState]) -> None:
    (got,) = read(data)
    assert (got.target, got.state) == expected
    assert got.base_version is None


def test_locale_codes_are_normalised() -> None:
    data = x2('<unit id="a"><segment><source>가</source></segment></unit>', lang="en-US")
    assert read(data, locale="en_US")[0].key == "a"


# -- bad files -------------------------------------------------------------------------

BAD_BASE = (
    '<unit id="a"><notes><note category="base-version">x2</note></notes>'
    "<segment><source>가</source></segment></unit>"
)
UNIT2 = '<unit id="a"><segment><source>가</source><target>A</target></segment></unit>'
UNIT12 = '<trans-unit id="a"><source>가</source><target>A</target></trans-unit>'


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (x2(UNIT2, lang="ko"), 2, "not 'en'"),
        (x2(UNIT2, lang=""), 2, "no trgLang"),
        (x12(UNIT12, lang="fr"), 3, "not 'en'"),
        (x2(UNIT2 + UNIT2), 4, "duplicate segment key 'a'"),
        (x2("<unit><segment><source>가</source></segment></unit>"), 4, "no id"),
        (
            x2(u2('A<ph id="1"/>')),
            4,
            "inline code <ph>",
        ),
        (
            x12('<trans-unit id="a"><source>가</source><target>A<x id="1"/></target></trans-unit>'),
            5,
            "inline code <x>",
        ),
        (x12('<trans-unit id="a"><source>가<b>굵게</b></source></trans-unit>'), 5, "markup <b>"),
        (x2('<unit id="a"><segment><source>가</source></segment>'), 5, "XML syntax error"),
        (
            x2(BAD_BASE),
            4,
            "not a version number",
        ),
        (x2('<unit id="a"><segment><source>&nbsp;</source></segment></unit>'), 4, "nbsp"),
        (b'<?xml version="1.0"?>\n<html><body/></html>', 2, "not an XLIFF"),
        (f'<xliff xmlns="{NS2}" version="1.2"/>'.encode(), 1, "does not match"),
        (b"\n\n<x>\xff</x>", 3, "not UTF-8"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<x/>', 1, "ISO-8859-1"),
    ],
)
def test_bad_xliff_gives_file_and_line(data: bytes, line: int, message: str) -> None:
    assert_refused_at(read_xliff, data, line, message, source="upload.xlf", locale="en")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">
<file id="f"><unit id="a"><segment><source>&lol3;</source></segment></unit></file></xliff>
"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="en">'
        b'<file id="f"><unit id="a"><segment><source>&e;</source></segment></unit></file></xliff>',
        b'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://example.com/x.dtd">\n'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="en"/>',
    ],
    ids=["billion-laughs", "external-entity", "external-dtd"],
)
def test_doctypes_are_refused_and_nothing_is_resolved(data: bytes) -> None:
    with pytest.raises(BadInput) as info:
        read_xliff(data, source="evil.xlf", locale="en")
    assert "root:" not in str(info.value)  # /etc/passwd was not read


def test_too_large() -> None:
    with pytest.raises(BadInput, match="too large"):
        read_xliff(xliff_bytes(localized()), source="u.xlf", locale="en", max_bytes=100)


# -- formats by id ---------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "ext"), [("po", ".po"), ("xliff2", ".xlf"), ("xliff12", ".xlf")])
def test_formats_round_trip_by_id_and_by_detection(fmt: str, ext: str) -> None:
    la: LocalizedArticle = localized()
    data = export_as(la, fmt)
    assert detect_catalog_format(data) == fmt
    for named in (fmt, None):
        upload = read_as(data, named, source="u", locale="en")
        assert upload.format == fmt
        assert len(upload.entries) == len(la.entries)
    assert catalog_formats().get(fmt).filename(la) == f"chip-support-2024.en{ext}"


def test_po_export_is_the_catalog() -> None:
    assert export_as(localized(), "po") == catalog_bytes(localized())


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(UnknownPlugin, match="po, xliff12, xliff2"):
        export_as(localized(), "tmx")


def test_named_format_must_match_the_file() -> None:
    with pytest.raises(BadInput, match="xliff2, not xliff12"):
        read_as(export_as(localized(), "xliff2"), "xliff12", source="u", locale="en")


@pytest.mark.parametrize(
    "data",
    [b"<html></html>", b'<xliff version="3.0"/>'],
)
def test_detection_refuses_other_xml(data: bytes) -> None:
    with pytest.raises(BadInput):
        detect_catalog_format(data)
