"""The three-way merge: base (downloaded), server (now), upload — every case, every format."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from tests.workflow.factories import History, entry, localized, server_entries, with_text
from workflow.catalog.entries import CatalogEntry
from workflow.catalog.merge import (
    SOURCE_CORRECTED,
    Change,
    Conflict,
    MergeReport,
    ServerEntry,
    merge,
)
from workflow.catalog.po import catalog_bytes
from workflow.catalog.po_read import read_upload
from workflow.catalog.xliff import xliff_bytes
from workflow.catalog.xliff_read import read_xliff
from workflow.errors import BadInput
from workflow.model import LocalizedArticle
from workflow.states import SegmentState

MSGFMT = "/usr/bin/msgfmt"
T, N, E, A = (
    SegmentState.TRANSLATED,
    SegmentState.NEEDS_EDIT,
    SegmentState.EMPTY,
    SegmentState.APPROVED,
)


def msgfmt_ok(tmp_path: Path, po: bytes) -> None:
    path = tmp_path / "upload.po"
    path.write_bytes(po)
    result = subprocess.run(
        [MSGFMT, "-c", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def up(
    key: str,
    target: str,
    state: SegmentState = T,
    *,
    base: int | None = 2,
    source: str = "원문.",
) -> CatalogEntry:
    return CatalogEntry(key=key, source=source, target=target, state=state, base_version=base)


def srv(
    key: str, text: str, state: SegmentState = T, version: int = 2, source: str = "원문."
) -> dict[str, ServerEntry]:
    return {key: ServerEntry(key=key, source=source, text=text, state=state, version=version)}


def history(texts: dict[tuple[str, int], str]) -> Callable[[str, int], str | None]:
    return lambda key, version: texts.get((key, version))


NO_HISTORY = history({})


# -- the cases, one by one -------------------------------------------------------------

CASES = [
    # (name, upload entry, server, history, expected outcome)
    (
        "changed only in the upload",
        up("k", "New."),
        srv("k", "Old."),
        NO_HISTORY,
        Change("k", "New.", T, 2),
    ),
    (
        "approved and changed by the upload: needs approval again",
        up("k", "New."),
        srv("k", "Old.", A),
        NO_HISTORY,
        Change("k", "New.", T, 2),
    ),
    (
        "fuzzy in the upload",
        up("k", "New.", N),
        srv("k", "Old."),
        NO_HISTORY,
        Change("k", "New.", N, 2),
    ),
    (
        "fuzzy flag removed, text kept",
        up("k", "Draft.", T),
        srv("k", "Draft.", N),
        NO_HISTORY,
        Change("k", "Draft.", T, 2),
    ),
    (
        "fuzzy flag added to an approved text",
        up("k", "Final.", N),
        srv("k", "Final.", A),
        NO_HISTORY,
        Change("k", "Final.", N, 2),
    ),
    ("an empty entry filled", up("k", "New."), srv("k", "", E, 1), NO_HISTORY, None),
    (
        "emptied in the upload, server as downloaded",
        up("k", "", E),
        srv("k", "Old."),
        NO_HISTORY,
        Change("k", "", E, 2),
    ),
    (
        "changed only on the server",
        up("k", "Old.", base=2),
        srv("k", "Server.", T, 3),
        history({("k", 2): "Old."}),
        "unchanged",
    ),
    (
        "approved on the server since, text untouched in the upload",
        up("k", "Old.", N, base=2),
        srv("k", "Old.", A, 3),
        history({("k", 2): "Old."}),
        "unchanged",
    ),
    (
        "changed on both sides, differently",
        up("k", "Upload.", base=2),
        srv("k", "Server.", T, 3),
        history({("k", 2): "Old."}),
        Conflict("k", "Old.", "Server.", "Upload."),
    ),
    (
        "changed on both sides, the same way",
        up("k", "Same.", base=2),
        srv("k", "Same.", A, 3),
        history({("k", 2): "Old."}),
        "unchanged",
    ),
    (
        "both changed, one of them fuzzy",
        up("k", "Same.", N, base=2),
        srv("k", "Same.", T, 3),
        history({("k", 2): "Old."}),
        "unchanged",
    ),
    (
        "emptied in the upload, changed on the server",
        up("k", "", E, base=2),
        srv("k", "Server.", T, 3),
        history({("k", 2): "Old."}),
        Conflict("k", "Old.", "Server.", ""),
    ),
    (
        "filled in the upload and on the server",
        up("k", "Upload.", base=1),
        srv("k", "Server.", T, 2),
        history({("k", 1): ""}),
        Conflict("k", "", "Server.", "Upload."),
    ),
    (
        "changed in the upload, server only changed state",
        up("k", "Upload.", base=2),
        srv("k", "Old.", A, 3),
        history({("k", 2): "Old."}),
        Change("k", "Upload.", T, 3),
    ),
    (
        "approved text, marker dropped by the editor",
        up("k", "Final.", T),
        srv("k", "Final.", A),
        NO_HISTORY,
        "unchanged",
    ),
    (
        "no base version, same text",
        up("k", "Same.", base=None),
        srv("k", "Same.", A, 5),
        NO_HISTORY,
        "unchanged",
    ),
    (
        "no base version, server empty",
        up("k", "New.", base=None),
        srv("k", "", E, 1),
        NO_HISTORY,
        Change("k", "New.", T, 1),
    ),
    (
        "no base version, server text differs",
        up("k", "New.", base=None),
        srv("k", "Server.", T, 5),
        NO_HISTORY,
        Conflict("k", None, "Server.", "New."),
    ),
    (
        "base version not in history",
        up("k", "New.", base=1),
        srv("k", "Server.", T, 5),
        NO_HISTORY,
        Conflict("k", None, "Server.", "New."),
    ),
    (
        "source corrected after download, translation changed",
        up("k", "New.", source="옛 원문."),
        srv("k", "Old.", N, 2, source="고친 원문."),
        NO_HISTORY,
        Conflict("k", "Old.", "Old.", "New.", SOURCE_CORRECTED),
    ),
    (
        "source corrected after download, translation untouched",
        up("k", "Old.", T, base=2, source="옛 원문."),
        srv("k", "Old.", N, 3, source="고친 원문."),
        history({("k", 2): "Old."}),
        "unchanged",
    ),
    (
        "newlines msgfmt added do not count",
        up("k", "Text.\n", source="원문.\n"),
        srv("k", "Text.", source="원문.\n"),
        NO_HISTORY,
        "unchanged",
    ),
    (
        "Unicode normalisation does not count",
        up("k", "Cafe\u0301."),
        srv("k", "Caf\u00e9."),
        NO_HISTORY,
        "unchanged",
    ),
]


@pytest.mark.parametrize(
    ("upload", "server", "base_text", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_merge_case(
    upload: CatalogEntry,
    server: dict[str, ServerEntry],
    base_text: Callable[[str, int], str | None],
    expected: Change | Conflict | str | None,
) -> None:
    report = merge([upload], server, base_text)
    if expected is None:  # "an empty entry filled": derive from the server's version
        expected = Change("k", upload.target, T, server["k"].version)
    if isinstance(expected, Change):
        assert report.changes == (expected,)
        assert (report.unchanged, report.conflicts) == (0, ())
    elif isinstance(expected, Conflict):
        assert report.conflicts == (expected,)
        assert (report.changes, report.unchanged) == ((), 0)
    else:
        assert report.unchanged == 1
        assert (report.changes, report.conflicts) == ((), ())


def test_unknown_keys_are_reported_in_file_order() -> None:
    report = merge([up("zz", "A."), up("k", "New."), up("aa", "B.")], srv("k", "Old."), NO_HISTORY)
    assert report.unknown == ("zz", "aa")
    assert len(report.changes) == 1


def test_partial_file_leaves_the_rest_untouched() -> None:
    server = srv("a", "A.") | srv("b", "B.") | srv("c", "C.")
    report = merge([up("b", "Bee.")], server, NO_HISTORY)
    assert report.changes == (Change("b", "Bee.", T, 2),)
    assert report.unchanged == 0


def test_report_as_dict_has_exactly_the_agreed_shape() -> None:
    report = MergeReport(
        changes=(Change("a", "A.", T, 2),),
        unchanged=4,
        conflicts=(Conflict("b", "Base.", "Server.", "Upload.", SOURCE_CORRECTED),),
        unknown=("x",),
    )
    assert report.as_dict() == {
        "applied": 1,
        "unchanged": 4,
        "conflicts": [{"key": "b", "base": "Base.", "server": "Server.", "upload": "Upload."}],
        "unknown": ["x"],
    }


def test_duplicate_keys_in_the_merge_input_are_refused() -> None:
    with pytest.raises(BadInput, match="duplicate"):
        merge([up("k", "A."), up("k", "B.")], srv("k", "Old."), NO_HISTORY)


def test_empty_server_entry_shows_as_empty_in_a_conflict() -> None:
    # An EMPTY translation with stale text in the store shows as "" (what the file showed).
    report = merge([up("k", "Upload.", base=None)], srv("k", "stale", E, 1), NO_HISTORY)
    assert report.changes == (Change("k", "Upload.", T, 1),)


# -- round trips through real files ----------------------------------------------------

Reader = Callable[[bytes], list[CatalogEntry]]


def _po(data: bytes) -> list[CatalogEntry]:
    return list(read_upload(data, source="u.po", locale="en").entries)


def _x2(data: bytes) -> list[CatalogEntry]:
    return list(read_xliff(data, source="u.xlf", locale="en").entries)


def _x12(data: bytes) -> list[CatalogEntry]:
    return list(read_xliff(data, source="u.xlf", locale="en").entries)


FORMATS: list[tuple[str, Callable[[LocalizedArticle], bytes], Reader]] = [
    ("po", catalog_bytes, _po),
    ("xliff2", lambda la: xliff_bytes(la, version="2.0"), _x2),
    ("xliff12", lambda la: xliff_bytes(la, version="1.2"), _x12),
]


def tricky_article() -> LocalizedArticle:
    rows = [
        ("p1", "사망자는 %d명이다.", "%d dead.", A),
        ("p2", "끝에 줄바꿈\n", "Trailing newline missing", T),
        ("p3", "\n앞에 줄바꿈", "Leading newline missing\n", N),
        ("p4", "줄만", "\n", T),
        ("p5", "비었다.", "", E),
        ("p6", "탭\t와 \\", "Tab\t and \\", A),
    ]
    return localized(
        entries=tuple(
            entry(k, s, t, st, position=i, sentence=i + 1) for i, (k, s, t, st) in enumerate(rows)
        )
    )


@pytest.mark.parametrize(("fmt", "write", "read"), FORMATS, ids=[f[0] for f in FORMATS])
@pytest.mark.parametrize("make", [localized, tricky_article], ids=["default", "tricky"])
def test_export_reimported_unchanged_reports_zero_changes(
    fmt: str,
    write: Callable[[LocalizedArticle], bytes],
    read: Reader,
    make: Callable[[], LocalizedArticle],
) -> None:
    la = make()
    report = merge(read(write(la)), server_entries(la), History(la))
    assert report.as_dict() == {
        "applied": 0,
        "unchanged": len(la.entries),
        "conflicts": [],
        "unknown": [],
    }


@pytest.mark.parametrize(("fmt", "write", "read"), FORMATS, ids=[f[0] for f in FORMATS])
def test_edit_while_the_server_moves_on(
    fmt: str, write: Callable[[LocalizedArticle], bytes], read: Reader
) -> None:
    base = localized()
    downloaded = write(base)
    # On the server meanwhile: b2 edited, b3 edited. In the file: b1 and b3 edited, b4 filled.
    now = with_text(base, "b2", "Server edit of b2.")
    now = with_text(now, "b3", "Server edit of b3.", T)
    edited = (
        downloaded.decode()
        .replace("The government said on April 28", "On April 28 the government said")
        .replace("The industry said it “welcomes” the plan.", "Industry welcomed it.")
    )
    entries = read(edited.encode())
    entries = [
        replace(e, target="Details come next month.", state=T) if e.key == "b4" else e
        for e in entries
    ]
    report = merge(entries, server_entries(now), History(base, now))
    assert {c.key: c.state for c in report.changes} == {"b1": T, "b4": T}
    assert report.conflicts == (
        Conflict(
            "b3",
            "The industry said it “welcomes” the plan.",
            "Server edit of b3.",
            "Industry welcomed it.",
        ),
    )
    assert report.unchanged == len(base.entries) - 3
    assert {c.key: c.expected_version for c in report.changes} == {"b1": 2, "b4": 1}


# -- as Poedit saves a file ------------------------------------------------------------


def poedit_save(data: bytes, edit: Callable[[polib.POFile], None]) -> bytes:
    """Parse, edit, then write as Poedit does: lines wrapped at 79, header fields changed."""
    po = polib.pofile(data.decode("utf-8"), wrapwidth=79)
    po.metadata["Last-Translator"] = "Choi Yu-na <yuna@example.kr>"
    po.metadata["PO-Revision-Date"] = "2024-04-30 11:02+0900"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.metadata["X-Poedit-SourceCharset"] = "UTF-8"
    edit(po)
    po.wrapwidth = 79
    text: str = po.__unicode__()
    return text.encode("utf-8")


def long_article() -> LocalizedArticle:
    long_src = "정부가 28일 반도체 산업에 26조 원을 지원한다고 밝혔다. " * 4
    long_tr = "The government said on April 28 it will provide 26 trillion won. " * 4
    return localized(
        entries=(
            entry("L1", long_src.strip(), long_tr.strip(), A, position=0),
            entry("L2", "짧은 문장.", "A short sentence.", T, position=1, sentence=2),
            entry("L3", "초안 문장.", "A draft.", N, position=2, sentence=3),
            entry("L4", "빈 문장.", "", E, position=3, sentence=4),
        )
    )


def test_poedit_rewrap_header_edit_and_reorder_merge_to_nothing(tmp_path: Path) -> None:
    la = long_article()

    def reorder(po: polib.POFile) -> None:
        po[:] = list(reversed(po))

    saved = poedit_save(catalog_bytes(la), reorder)
    assert saved != catalog_bytes(la)
    assert max(len(line) for line in saved.decode().splitlines()) <= 80
    msgfmt_ok(tmp_path, saved)
    report = merge(_po(saved), server_entries(la), History(la))
    assert report.as_dict()["applied"] == 0
    assert report.unchanged == 4


def test_poedit_edits_merge_to_the_right_changes(tmp_path: Path) -> None:
    la = long_article()
    new_long = "Chipmakers will get 26 trillion won in state support, the government said. " * 3

    def translate(po: polib.POFile) -> None:
        by_key = {e.msgctxt: e for e in po}
        by_key["L1"].msgstr = new_long.strip()  # approved, long, rewrapped
        by_key["L3"].flags.remove("fuzzy")  # the draft is fine as it is
        by_key["L4"].msgstr = "An empty sentence."
        by_key["L4"].flags.append("fuzzy")  # filled, but unsure
        po[:] = [by_key["L4"], by_key["L2"], by_key["L1"], by_key["L3"]]

    saved = poedit_save(catalog_bytes(la), translate)
    msgfmt_ok(tmp_path, saved)
    report = merge(_po(saved), server_entries(la), History(la))
    assert {c.key: (c.text, c.state) for c in report.changes} == {
        "L1": (new_long.strip(), T),
        "L3": ("A draft.", T),
        "L4": ("An empty sentence.", N),
    }
    assert report.unchanged == 1 and report.conflicts == ()


def test_poedit_keeps_the_merge_comments() -> None:
    saved = poedit_save(catalog_bytes(long_article()), lambda po: None)
    upload = read_upload(saved, source="u.po", locale="en")
    assert upload.revision == 3
    assert [e.base_version for e in upload.entries] == [2, 2, 2, 1]
    assert upload.entries[0].state is A
