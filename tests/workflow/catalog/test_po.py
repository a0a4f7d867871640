"""Segments ⇄ PO/MO: msgfmt -c accepts what we write, states survive the round trip."""

from __future__ import annotations

import gettext
import io
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.refusals import assert_refused_at
from tests.workflow.factories import CREATED, entry, localized, with_text
from workflow.catalog.entries import CatalogEntry, Upload, approval_digest
from workflow.catalog.po import build_catalog, catalog_bytes, mo_bytes
from workflow.catalog.po_read import read_catalog, read_upload
from workflow.errors import BadInput, UnknownLocale
from workflow.model import LocalizedArticle, SegmentKind
from workflow.states import SegmentState

MSGFMT = "/usr/bin/msgfmt"


def msgfmt_check(tmp_path: Path, po: bytes, name: str = "article.po") -> Path:
    """Run ``msgfmt -c --check-format`` for real; fail with its output; return the MO path."""
    path = tmp_path / name
    path.write_bytes(po)
    mo = tmp_path / (name + ".mo")
    result = subprocess.run(
        [MSGFMT, "-c", "--check-format", "-o", str(mo), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return mo


def header(po_text: str) -> dict[str, str]:
    fields = {}
    for line in po_text.split("\n\n", 1)[0].splitlines():
        if line.startswith('"') and ": " in line:
            name, value = line.strip('"').removesuffix("\\n").split(": ", 1)
            fields[name] = value
        elif line.startswith('"') and line.endswith(':\\n"'):
            fields[line.strip('"').removesuffix(":\\n")] = ""
    return fields


TRICKY = (
    ("p1", "사망자는 %d명, 부상자는 %s명이다.", "%d dead and %s injured."),
    ("p2", '그는 "괜찮다"고 말했다.', 'He said "it\'s fine".'),
    ("p3", "첫째 줄\n둘째 줄", "First line\nSecond line"),
    ("p4", "끝에 줄바꿈\n", "Trailing newline missing"),
    ("p5", "\n앞에 줄바꿈", "Leading newline missing\n"),
    ("p6", "백슬래시 \\ 와 탭\t", "Backslash \\ and tab\t"),
    ("p7", "100% 확실 %(name)s {0}", "100% sure %(name)s {0}"),
)


def tricky() -> LocalizedArticle:
    entries = tuple(
        entry(key, source, target, state, position=i, sentence=i + 1)
        for i, (key, source, target) in enumerate(TRICKY)
        for state in [(SegmentState.APPROVED, SegmentState.TRANSLATED)[i % 2]]
    )
    return localized(entries=entries)


# -- msgfmt and gettext ----------------------------------------------------------------


def test_msgfmt_check_accepts_the_catalog(tmp_path: Path) -> None:
    msgfmt_check(tmp_path, catalog_bytes(localized()))


def test_msgfmt_check_accepts_percent_quotes_newlines(tmp_path: Path) -> None:
    msgfmt_check(tmp_path, catalog_bytes(tricky()))


@pytest.mark.parametrize("locale", ["en", "ko", "ja", "zh_Hans", "en-US"])
def test_msgfmt_check_accepts_every_target_locale(tmp_path: Path, locale: str) -> None:
    msgfmt_check(tmp_path, catalog_bytes(localized(locale=locale)))


def test_newline_only_translation_is_written_empty(tmp_path: Path) -> None:
    po = catalog_bytes(localized(entries=(entry("k", "문장", "\n"),)))
    msgfmt_check(tmp_path, po)
    assert [e.state for e in read_catalog(po, source="a.po")] == [SegmentState.EMPTY]


def test_no_format_flags_are_written() -> None:
    text = catalog_bytes(tricky()).decode()
    assert "python-format" not in text
    assert "c-format" not in text


def test_mo_is_read_by_gettext() -> None:
    la = localized()
    tr = gettext.GNUTranslations(io.BytesIO(mo_bytes(la)))
    by_key = {e.segment.key: e for e in la.entries}
    title = by_key["t1"]
    assert tr.pgettext("t1", title.segment.source) == title.translation.text
    assert tr.pgettext("b2", by_key["b2"].segment.source) == by_key["b2"].translation.text
    # Like msgfmt, fuzzy and empty entries are not compiled: gettext falls back to the source.
    assert tr.pgettext("b3", by_key["b3"].segment.source) == by_key["b3"].segment.source
    assert tr.pgettext("b4", by_key["b4"].segment.source) == by_key["b4"].segment.source
    assert tr.info()["language"] == "en"


def test_mo_of_tricky_sources_matches_msgfmt(tmp_path: Path) -> None:
    la = tricky()
    ours = gettext.GNUTranslations(io.BytesIO(mo_bytes(la)))
    with msgfmt_check(tmp_path, catalog_bytes(la)).open("rb") as fh:
        theirs = gettext.GNUTranslations(fh)
    for key, source, _ in TRICKY:
        assert ours.pgettext(key, source) == theirs.pgettext(key, source)
    assert ours.pgettext("p1", TRICKY[0][1]) == "%d dead and %s injured."
    assert ours.pgettext("p3", TRICKY[2][1]) == "First line\nSecond line"


# -- header ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "language", "plural"),
    [
        ("en", "en", "nplurals=2; plural=(n != 1);"),
        ("ko", "ko", "nplurals=1; plural=0;"),
        ("ja", "ja", "nplurals=1; plural=0;"),
        ("en-US", "en_US", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_header_language_and_plural_forms(locale: str, language: str, plural: str) -> None:
    fields = header(catalog_bytes(localized(locale=locale)).decode())
    assert fields["Language"] == language
    assert fields["Plural-Forms"] == plural


def test_header_fields() -> None:
    fields = header(catalog_bytes(localized(), generator="transdesk 9.9").decode())
    assert fields["Project-Id-Version"] == "chip-support-2024"
    assert fields["MIME-Version"] == "1.0"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Content-Transfer-Encoding"] == "8bit"
    assert fields["POT-Creation-Date"] == "2024-04-28 09:30+0900"
    # The last change is the byline (position 6), by Kim Min-ji.
    assert fields["PO-Revision-Date"] == "2024-04-28 09:37+0900"
    assert fields["Last-Translator"] == "Kim Min-ji"
    assert fields["Language-Team"] == "English desk"
    assert fields["X-Generator"] == "transdesk 9.9"


def test_header_takes_the_latest_change_whatever_its_offset() -> None:
    la = localized()
    late = datetime(2024, 4, 28, 3, 0, tzinfo=UTC)  # 12:00 KST, later than the rest
    entries = list(la.entries)
    entries[3] = replace(
        entries[3],
        translation=replace(entries[3].translation, updated_at=late, updated_by="Choi Yu-na"),
    )
    fields = header(catalog_bytes(replace(la, entries=tuple(entries))).decode())
    assert fields["PO-Revision-Date"] == "2024-04-28 03:00+0000"
    assert fields["Last-Translator"] == "Choi Yu-na"


def test_header_without_changes_uses_created_at(tmp_path: Path) -> None:
    la = localized(entries=(entry("b1", "문장.", "", SegmentState.EMPTY, updated_by=None),))
    entries = (
        replace(la.entries[0], translation=replace(la.entries[0].translation, updated_at=None)),
    )
    po = catalog_bytes(replace(la, entries=entries))
    fields = header(po.decode())
    assert fields["PO-Revision-Date"] == "2024-04-28 09:30+0900"
    assert fields["Last-Translator"] == ""
    msgfmt_check(tmp_path, po)


def test_output_is_deterministic() -> None:
    assert catalog_bytes(localized()) == catalog_bytes(localized())
    assert mo_bytes(localized()) == mo_bytes(localized())


def test_unknown_target_locale() -> None:
    with pytest.raises(UnknownLocale):
        catalog_bytes(localized(locale="xx"))


def test_duplicate_keys_are_refused() -> None:
    la = localized(entries=(entry("k", "하나.", "One."), entry("k", "둘.", "Two.", position=1)))
    with pytest.raises(BadInput, match="'k'"):
        build_catalog(la)


# -- entries ---------------------------------------------------------------------------


def test_one_entry_per_segment_in_article_order() -> None:
    la = localized()
    po = build_catalog(la)
    assert [e.msgctxt for e in po] == [e.segment.key for e in la.entries]
    assert [e.msgid for e in po] == [e.segment.source for e in la.entries]


def test_extracted_comments_say_where() -> None:
    text = catalog_bytes(localized()).decode()
    assert '#. title\nmsgctxt "t1"' in text
    assert '#. subtitle\nmsgctxt "s1"' in text
    assert '#. body p1 s2\nmsgctxt "b2"' in text
    assert '#. body p2 s1\n#, fuzzy\nmsgctxt "b3"' in text
    assert '#. byline\nmsgctxt "y1"' in text


@pytest.mark.parametrize(
    ("state", "msgstr", "fuzzy", "approved"),
    [
        (SegmentState.EMPTY, "", False, False),
        (SegmentState.NEEDS_EDIT, "Draft.", True, False),
        (SegmentState.TRANSLATED, "Draft.", False, False),
        (SegmentState.APPROVED, "Draft.", False, True),
    ],
)
def test_states_in_po(state: SegmentState, msgstr: str, fuzzy: bool, approved: bool) -> None:
    la = localized(entries=(entry("k1", "초안.", "Draft.", state),))
    (po_entry,) = list(build_catalog(la))
    assert po_entry.msgstr == msgstr
    assert ("fuzzy" in po_entry.flags) is fuzzy
    assert ("approved-by: Lee Seo-yeon" in po_entry.tcomment) is approved


def test_approval_marker_is_a_translator_comment() -> None:
    text = catalog_bytes(localized()).decode()
    digest = approval_digest("Government pours 26 trillion won into chip support")
    assert f"# approved-by: Lee Seo-yeon\n# approved-text: sha256:{digest}\n#. title\n" in text


# -- reading back ----------------------------------------------------------------------


def test_round_trip_keeps_every_state() -> None:
    la = localized()
    back = read_catalog(catalog_bytes(la), source="chip.po")
    assert back == [
        CatalogEntry(
            key=e.segment.key,
            source=e.segment.source,
            target="" if e.translation.state is SegmentState.EMPTY else e.translation.text,
            state=e.translation.state,
            approver=e.translation.approved_by,
            base_version=e.translation.version,
        )
        for e in la.entries
    ]
    assert {e.state for e in back} == set(SegmentState)


def test_round_trip_of_tricky_sources() -> None:
    la = tricky()
    back = {e.key: e for e in read_catalog(catalog_bytes(la), source="t.po")}
    for e in la.entries:
        got = back[e.segment.key]
        assert got.source == e.segment.source
        assert got.state is e.translation.state
    assert back["p1"].target == "%d dead and %s injured."
    assert back["p2"].target == 'He said "it\'s fine".'
    assert back["p3"].target == "First line\nSecond line"
    # msgfmt -c wants msgid and msgstr to agree on leading/trailing newlines.
    assert back["p4"].target == "Trailing newline missing\n"
    assert back["p5"].target == "\nLeading newline missing"


def test_round_trip_twice_is_stable() -> None:
    first = catalog_bytes(localized())
    again = read_catalog(first, source="a.po")
    assert read_catalog(first, source="a.po") == again


def test_edited_approved_text_reads_back_as_translated() -> None:
    text = catalog_bytes(localized()).decode()
    edited = text.replace(
        'msgstr "Government pours 26 trillion won into chip support"',
        'msgstr "Government pours 26 trillion won into chips"',
    )
    assert edited != text
    (title, *_) = read_catalog(edited.encode(), source="a.po")
    assert title.state is SegmentState.TRANSLATED
    assert title.approver is None


def test_fuzzy_wins_over_the_approval_marker() -> None:
    text = catalog_bytes(localized()).decode()
    edited = text.replace('#. title\nmsgctxt "t1"', '#. title\n#, fuzzy\nmsgctxt "t1"')
    (title, *_) = read_catalog(edited.encode(), source="a.po")
    assert title.state is SegmentState.NEEDS_EDIT


def test_poedit_style_file_reads_without_markers() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgctxt "a"\nmsgid "가"\nmsgstr "A"\n\n'
        'msgctxt "b"\nmsgid "나"\nmsgstr "B"\n\n'
        'msgctxt "c"\nmsgid "다"\nmsgstr ""\n\n'
        '#~ msgctxt "old"\n#~ msgid "옛"\n#~ msgstr "Old"\n'
    ).encode()
    assert [(e.key, e.target, e.state) for e in read_catalog(po, source="p.po")] == [
        ("a", "A", SegmentState.NEEDS_EDIT),
        ("b", "B", SegmentState.TRANSLATED),
        ("c", "", SegmentState.EMPTY),
    ]


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b'\n\n#, fuzzy\nmsgid "x"\nmsgstr "y"\n', 3, "no msgctxt"),
        (b'msgstr "y"\n', 1, "not valid PO syntax"),
        (b"<html>\n<body>hi</body>\n", 1, ""),
        (b'msgctxt "a"\nmsgid "x"\nmsgstr "y"\nbogus line\n', 4, ""),
        (b'msgctxt "a"\nmsgid "x "q" y"\nmsgstr "y"\n', 2, "unescaped double quote"),
        (b'msgid "x"\nmsgstr "y"\n', 1, "no msgctxt"),
        (b'msgctxt "a"\nmsgid "x"\nmsgstr "y"\n\nmsgctxt "a"\nmsgid "z"\nmsgstr "w"\n', 5, "dup"),
        (b'msgctxt "a"\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "y"\n', 1, "plural"),
    ],
)
def test_bad_po_gives_file_and_line(data: bytes, line: int, message: str) -> None:
    with pytest.raises(BadInput) as info:
        read_catalog(data, source="upload.po")
    err = info.value
    assert err.source == "upload.po"
    assert str(err).startswith("upload.po")
    assert err.line == line
    assert f"line {line}" in str(err)
    assert message in str(err)


@pytest.mark.parametrize("data", [b"", b"  \n", b"\xff\xfe\x00bad"])
def test_not_a_po_file(data: bytes) -> None:
    with pytest.raises(BadInput, match=r"^upload\.po[:,] "):
        read_catalog(data, source="upload.po")


def test_upload_naming_a_path_is_not_read_from_disk(tmp_path: Path) -> None:
    secret = tmp_path / "secret.po"
    secret.write_bytes(catalog_bytes(localized()))
    with pytest.raises(BadInput):
        read_catalog(str(secret).encode(), source="upload.po")


def test_naive_datetimes_are_taken_as_utc() -> None:
    naive = CREATED.replace(tzinfo=None) + timedelta(hours=1)
    la = localized(entries=(entry("k", "가.", "A.", updated_at=naive),))
    fields = header(catalog_bytes(la).decode())
    assert fields["PO-Revision-Date"] == "2024-04-28 10:30+0000"


def test_non_body_segment_comment() -> None:
    la = localized(entries=(entry("y", "김민지 기자", "By Kim Min-ji", kind=SegmentKind.BYLINE),))
    assert "#. byline\n" in catalog_bytes(la).decode()


def test_header_only_catalog_has_no_entries() -> None:
    assert read_catalog(catalog_bytes(localized(entries=())), source="a.po") == []


def test_edit_shows_in_the_catalog() -> None:
    la = with_text(localized(), "b2", "Most of the money goes to small firms.")
    back = {e.key: e for e in read_catalog(catalog_bytes(la), source="a.po")}
    assert back["b2"].target == "Most of the money goes to small firms."


# -- what a merge needs ----------------------------------------------------------------


def corrected() -> LocalizedArticle:
    """b3 (NEEDS_EDIT) had its source corrected; a removed sentence is kept as obsolete."""
    la = localized()
    entries = list(la.entries)
    b3 = entries[4]
    entries[4] = replace(
        b3, segment=replace(b3.segment, previous_source="업계는 환영했다.\n둘째 줄")
    )
    b2 = entries[3]
    entries[3] = replace(b2, segment=replace(b2.segment, previous_source="무시된다."))  # TRANSLATED
    gone = entry("s-gone", "삭제된 문장.\n둘째 줄", "A deleted sentence.\nSecond line", position=9)
    gone_empty = entry("s-gone2", "삭제된 빈 문장.", "", SegmentState.EMPTY, position=10)
    return replace(la, entries=tuple(entries), obsolete=(gone, gone_empty))


def test_revision_header_and_base_versions() -> None:
    text = catalog_bytes(localized(revision=17)).decode()
    assert header(text)["X-Transdesk-Revision"] == "17"
    assert '# base-version: 2\n#. body p1 s2\nmsgctxt "b2"' in text
    assert '# base-version: 1\n#. body p2 s2\nmsgctxt "b4"' in text


def test_previous_msgid_only_for_needs_edit(tmp_path: Path) -> None:
    po = catalog_bytes(corrected())
    msgfmt_check(tmp_path, po)
    text = po.decode()
    assert '#, fuzzy\n#| msgid ""\n#| "업계는 환영했다.\\n"\n#| "둘째 줄"\nmsgctxt "b3"' in text
    assert "무시된다" not in text


def test_obsolete_entries_follow_the_live_ones(tmp_path: Path) -> None:
    la = corrected()
    po = catalog_bytes(la)
    mo = msgfmt_check(tmp_path, po)
    text = po.decode()
    assert text.index('#~ msgctxt "s-gone"') > text.index('msgctxt "y1"')
    assert '#~ msgstr ""\n#~ "A deleted sentence.\\n"' in text
    assert [e.key for e in read_catalog(po, source="a.po")] == [e.segment.key for e in la.entries]
    for compiled in (mo.read_bytes(), mo_bytes(la)):
        tr = gettext.GNUTranslations(io.BytesIO(compiled))
        assert tr.pgettext("s-gone", "삭제된 문장.\n둘째 줄") == "삭제된 문장.\n둘째 줄"
        assert tr.pgettext("b3", la.entries[4].segment.source) == la.entries[4].segment.source
        assert tr.pgettext("b2", la.entries[3].segment.source) == la.entries[3].translation.text


def test_mo_gives_the_same_strings_as_msgfmt(tmp_path: Path) -> None:
    la = corrected()
    ours = gettext.GNUTranslations(io.BytesIO(mo_bytes(la)))
    with msgfmt_check(tmp_path, catalog_bytes(la)).open("rb") as fh:
        theirs = gettext.GNUTranslations(fh)
    for e in (*la.entries, *la.obsolete):
        key, source = e.segment.key, e.segment.source
        assert ours.pgettext(key, source) == theirs.pgettext(key, source)


def test_a_live_key_wins_over_an_obsolete_one(tmp_path: Path) -> None:
    la = localized()
    la = replace(la, obsolete=(entry("b1", "옛 문장.", "Old."),))
    po = catalog_bytes(la)
    msgfmt_check(tmp_path, po)
    assert "#~" not in po.decode()


# -- read_upload -----------------------------------------------------------------------


def test_upload_of_an_export() -> None:
    la = corrected()
    upload = read_upload(catalog_bytes(la), source="u.po", locale="en")
    assert isinstance(upload, Upload)
    assert (upload.revision, upload.format, upload.article) == (3, "po", "chip-support-2024")
    assert [e.key for e in upload.entries] == [e.segment.key for e in la.entries]
    assert [e.base_version for e in upload.entries] == [e.translation.version for e in la.entries]


def _po(header_lines: str, body: str = 'msgctxt "a"\nmsgid "가"\nmsgstr "A"\n') -> bytes:
    return f'msgid ""\nmsgstr ""\n{header_lines}\n{body}'.encode()


EN = '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'


@pytest.mark.parametrize(
    ("data", "locale"),
    [
        (_po(EN), "en"),
        (_po('"Language: en_US\\n"\n'), "en-US"),
        (_po('"Language: en\\n"\n"Plural-Forms: nplurals = 2 ; plural = ( n != 1 )\\n"\n'), "en"),
        (_po('"Language: ko\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'), "ko"),
        (b"\xef\xbb\xbf" + _po(EN), "en"),
        (_po(EN).replace(b"\n", b"\r\n"), "en"),
        (_po(EN + '"Content-Type: text/plain; charset=utf-8\\n"\n'), "en"),
    ],
)
def test_good_uploads(data: bytes, locale: str) -> None:
    upload = read_upload(data, source="u.po", locale=locale)
    assert [(e.key, e.target, e.base_version) for e in upload.entries] == [("a", "A", None)]
    assert upload.revision is None


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (_po('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'), 2, "no Language"),
        (_po('"Language: ko\\n"\n'), 3, "for language 'ko', not 'en'"),
        (_po('"Language: xx-bogus\\n"\n'), 3, "for language 'xx-bogus'"),
        (_po('"Language: en\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'), 4, "Plural-Forms"),
        (_po(EN + '"Content-Type: text/plain; charset=EUC-KR\\n"\n'), 5, "charset 'EUC-KR'"),
        (_po(EN + '"X-Transdesk-Revision: three\\n"\n'), 5, "not a revision number"),
        (_po(EN, '# base-version: 2x\nmsgctxt "a"\nmsgid "가"\nmsgstr "A"\n'), 6, "base-version"),
        (_po(EN, 'msgid "가"\nmsgstr "A"\n'), 6, "no msgctxt"),
        (
            _po(EN, 'msgctxt "a"\nmsgid "가"\nmsgstr "A"\n\nmsgctxt "a"\nmsgid "나"\nmsgstr ""\n'),
            10,
            "duplicate",
        ),
        (_po(EN, 'msgctxt "a"\nmsgid "가"\nmsgstr "A\n'), 8, ""),
        (_po(EN).replace(b'"A"', b'"\xc3("'), 8, "not UTF-8: byte 0xc3 at offset"),
    ],
)
def test_bad_uploads_give_file_and_line(data: bytes, line: int, message: str) -> None:
    assert_refused_at(read_upload, data, line, message, source="upload.po", locale="en")


def test_upload_too_large() -> None:
    data = catalog_bytes(localized())
    with pytest.raises(BadInput, match=f"too large: {len(data):,} bytes, the limit is 1,000"):
        read_upload(data, source="u.po", locale="en", max_bytes=1000)


def test_upload_ignores_obsolete_entries() -> None:
    data = _po(
        EN, 'msgctxt "a"\nmsgid "가"\nmsgstr "A"\n\n#~ msgctxt "a"\n#~ msgid "옛"\n#~ msgstr "O"\n'
    )
    assert [e.key for e in read_upload(data, source="u.po", locale="en").entries] == ["a"]
