"""Everywhere text enters, control characters are refused with the field named and one length
limit (``MAX_TEXT``) holds: saves, reverts, comments, reasons, terms, PO/XLIFF uploads,
TMX/TBX/CSV imports, article imports, pairing and machine translation. Nothing is stored."""

from __future__ import annotations

import io
import re
import time

import pytest
from sqlalchemy import update

from tests.support.fixtures import libretranslate_env
from tests.support.libretranslate import FakeLibreTranslate
from tests.workflow.services.conftest import article
from workflow import services
from workflow.errors import BadInput
from workflow.glossary import Term
from workflow.jobs import BackgroundConsumer, JobState
from workflow.services import Context
from workflow.states import SegmentState
from workflow.store import tables
from workflow.text.clean import MAX_TEXT

PASSWORD = "correct horse battery staple"
KO = article("서울 시장 선거", "투표율은 55%로 예상된다.", "결과는 밤에 나온다.")
EN = article("Seoul election", "Turnout is expected at 55%.", "Results come at night.")
CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ufdd0", "\ufffe"]


@pytest.fixture
def people(ctx: Context) -> dict[str, int]:
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    services.pair_translation(ctx, "seoul", EN, source="seoul-en.json", locale="en")
    return {
        name: services.add_user(ctx, name, role, PASSWORD).id
        for name, role in (("eddie", "editor"), ("erin", "editor"), ("tina", "translator"))
    }


def texts(ctx: Context) -> list[str]:
    return [e.translation.text for e in services.show_article(ctx, "seoul", "en").entries]


# -- what people type ---------------------------------------------------------------------


@pytest.mark.parametrize("char", CONTROLS)
def test_a_save_with_a_control_character_is_refused_and_the_exports_stay_whole(
    ctx: Context, people: dict[str, int], char: str
) -> None:
    before = texts(ctx)
    with pytest.raises(BadInput, match=f"field 'text': .*U\\+{ord(char):04X}"):
        services.save_translation(
            ctx, "seoul", "en", "title", f"Seoul{char} election", user_id=people["tina"]
        )
    assert texts(ctx) == before
    po = services.export_catalog(ctx, "seoul", "en").data
    assert char.encode() not in po
    xliff = services.export_catalog_as(ctx, "seoul", "en", "xliff2").data
    assert b"Seoul election" in xliff


def test_a_save_over_the_limit_is_refused_and_newlines_are_normalised(
    ctx: Context, people: dict[str, int]
) -> None:
    with pytest.raises(BadInput, match="20,001 characters; the limit is 20,000"):
        services.save_translation(
            ctx, "seoul", "en", "title", "x" * (MAX_TEXT + 1), user_id=people["tina"]
        )
    saved = services.save_translation(
        ctx, "seoul", "en", "title", "Seoul\r\nelection\rtoday", user_id=people["tina"]
    )
    assert saved.text == "Seoul\nelection\ntoday"


def test_a_revert_to_a_text_stored_before_the_check_is_refused(
    ctx: Context, people: dict[str, int]
) -> None:
    services.save_translation(ctx, "seoul", "en", "title", "Seoul poll", user_id=people["tina"])
    with ctx.db.transaction() as conn:  # written before the check (PostgreSQL refuses NUL)
        conn.execute(
            update(tables.revisions).where(tables.revisions.c.version == 1).values(text="x\x07y")
        )
    with pytest.raises(BadInput, match="field 'to_version': control character U\\+0007"):
        services.revert_translation(ctx, "seoul", "en", "title", 1, user_id=people["tina"])
    assert texts(ctx)[0] == "Seoul poll"


def test_comments_reasons_and_terms_refuse_control_characters(
    ctx: Context, people: dict[str, int]
) -> None:
    with pytest.raises(BadInput, match="field 'body': control character U\\+001B"):
        services.add_comment(ctx, "seoul", "en", "title", "look\x1b[2J", user_id=people["tina"])
    assert services.comments(ctx, "seoul", "en") == {}
    with pytest.raises(BadInput, match="field 'reason': control character U\\+0000"):
        services.reject(ctx, "seoul", "en", "title", "no\x00", user_id=people["eddie"])
    assert services.show_article(ctx, "seoul", "en").entries[0].translation.state is (
        SegmentState.TRANSLATED
    )
    with pytest.raises(BadInput, match="field 'reason': 4,001 characters"):
        services.reject(ctx, "seoul", "en", "title", "r" * 4_001, user_id=people["eddie"])
    services.save_translation(
        ctx, "seoul", "en", "title", "Seoul  election", user_id=people["tina"]
    )  # two spaces: a warning
    with pytest.raises(BadInput, match="field 'reason': control character U\\+0007"):
        services.dismiss_warning(
            ctx, "seoul", "en", "title", "spaces", "as\x07 written", user_id=people["eddie"]
        )
    for term, field in (
        (Term("서울", "Seoul\x07"), "target"),
        (Term("서울\x7f", "Seoul"), "source"),
        (Term("서울", "Seoul", note="n\x85"), "note"),
        (Term("서울", "Seoul", forbidden=("S\x00",)), "forbidden"),
        (Term("서울", "S" * (MAX_TEXT + 1)), "target"),
    ):
        with pytest.raises(BadInput, match=f"field '{field}'"):
            services.add_term(ctx, term, user_id=people["eddie"])
    assert services.list_terms(ctx) == []


# -- catalogs sent back ------------------------------------------------------------------


def _po(ctx: Context, title: str) -> bytes:
    po = services.export_catalog(ctx, "seoul", "en").data.decode()
    return po.replace('msgstr "Seoul election"', f'msgstr "{title}"').encode()


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Seoul\x01 election", "control character U\\+0001"),
        ("Seoul\x85 election", "control character U\\+0085"),
        ("x" * 4_500_000, "4,500,000 characters; the limit is 20,000"),
        ("x" * (MAX_TEXT + 1), "20,001 characters; the limit is 20,000"),
    ],
)
def test_a_po_upload_with_a_bad_msgstr_is_refused_naming_file_line_and_entry(
    ctx: Context, people: dict[str, int], title: str, message: str
) -> None:
    data = _po(ctx, title)
    line = data.decode().splitlines().index('msgctxt "title"') + 1
    with pytest.raises(BadInput) as refused:
        services.import_catalog(ctx, "seoul", "en", data, source="x.po", user_id=people["tina"])
    assert refused.value.source == "x.po" and refused.value.field == "msgstr"
    assert refused.value.line is not None and refused.value.line <= line + 1
    assert "entry 'title'" in refused.value.message
    assert re.search(message, refused.value.message)
    assert texts(ctx)[0] == "Seoul election"


@pytest.mark.parametrize(
    ("target", "message"),
    [("Seoul&#x7f; election", "U\\+007F"), ("x" * (MAX_TEXT + 1), "the limit is 20,000")],
)
def test_an_xliff_upload_with_a_bad_target_is_refused(
    ctx: Context, people: dict[str, int], target: str, message: str
) -> None:
    xliff = services.export_catalog_as(ctx, "seoul", "en", "xliff2").data.decode()
    data = xliff.replace("<target>Seoul election</target>", f"<target>{target}</target>")
    assert data != xliff
    with pytest.raises(BadInput, match=message) as refused:
        services.import_catalog(
            ctx, "seoul", "en", data.encode(), source="x.xlf", user_id=people["tina"]
        )
    assert (refused.value.source, refused.value.field) == ("x.xlf", "target")
    assert "unit 'title'" in refused.value.message and refused.value.line
    assert texts(ctx)[0] == "Seoul election"


# -- memory and term base files -----------------------------------------------------------

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="ko"><seg>서울</seg></tuv><tuv xml:lang="en"><seg>Seoul</seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg>부산</seg></tuv>
<tuv xml:lang="en"><seg>{target}</seg></tuv></tu>
</body></tmx>"""


@pytest.mark.parametrize(
    ("target", "message"),
    [("Bu&#x9b;san", "U\\+009B"), ("B" * (MAX_TEXT + 1), "the limit is 20,000")],
)
def test_a_tmx_import_with_a_bad_segment_imports_nothing(
    ctx: Context, target: str, message: str
) -> None:
    data = TMX.format(target=target).encode()
    with pytest.raises(BadInput, match=message) as refused:
        services.tm_import(ctx, io.BytesIO(data), source="m.tmx")
    assert (refused.value.source, refused.value.line, refused.value.field) == ("m.tmx", 6, "seg")
    assert services.tm_search(ctx, "서울") == []


@pytest.mark.parametrize(
    ("data", "fmt", "line", "field"),
    [
        (b"source,target\n\xec\x84\x9c\xec\x9a\xb8,Seoul\n\xeb\xb6\x80\xec\x82\xb0,Bu\x00san\n",
         "csv", 3, "target"),
        ("source,target,note\n서울,Seoul,\"fine\"\n부산,Busan,\"a\x1bb\"\n".encode(),
         "csv", 3, "note"),
        (f"source,target\n서울,{'S' * (MAX_TEXT + 1)}\n".encode(), "csv", 2, "target"),
        ("""<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"
 style="dca"><text><body>
<conceptEntry id="1"><langSec xml:lang="ko"><termSec><term>서울</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Se&#x80;oul</term></termSec></langSec></conceptEntry>
</body></text></tbx>""".encode(), "tbx", 3, "target"),
    ],
)  # fmt: skip
def test_a_term_base_with_a_bad_term_imports_nothing(
    ctx: Context, people: dict[str, int], data: bytes, fmt: str, line: int, field: str
) -> None:
    with pytest.raises(BadInput) as refused:
        services.import_terms(ctx, data, source=f"g.{fmt}", fmt=fmt, user_id=people["eddie"])
    assert (refused.value.source, refused.value.line, refused.value.field) == (
        f"g.{fmt}",
        line,
        field,
    )
    assert services.list_terms(ctx) == []


# -- articles, pairing, machine translation ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "source", "field"),
    [
        (article("제목", "본문\u0085이다."), "a.json", "body[0]"),
        (article("제목\u007f", "본문."), "a.json", "title"),
        (
            b"<html><body><article><h1>T</h1><p>Body &#x7f; text.</p></article></body></html>",
            "a.html",
            "body paragraph 1",
        ),
        ("제목\n\n본문\ufdd0이다.\n".encode(), "a.txt", None),
    ],
)
def test_an_article_with_a_control_character_is_not_imported(
    ctx: Context, data: bytes, source: str, field: str | None
) -> None:
    with pytest.raises(BadInput, match="U\\+") as refused:
        services.import_article(ctx, data, source=source, locale="ko")
    assert refused.value.source == source
    if field is None:
        assert refused.value.line == 3
    else:
        assert refused.value.field == field
    assert services.list_articles(ctx) == []


def test_a_pairing_whose_joined_text_is_over_the_limit_writes_nothing(ctx: Context) -> None:
    ko = article("제목", "가나 " * 3_000 + "이다.")
    services.import_article(ctx, ko, source="k.json", locale="ko")
    long = " ".join(["word"] * 2_600)  # 12,999 characters: two sentences, two paragraphs
    en = article("Title", long + ".", long + "!")
    with pytest.raises(BadInput, match="the aligned text: 26,001 characters; the limit is 20,000"):
        services.pair_translation(ctx, "k", en, source="k-en.json", locale="en")
    (overview,) = services.list_articles(ctx)
    assert overview.locales == ()


mt_env = libretranslate_env(timeout=2, name="mt_env")


def test_machine_translations_with_control_characters_are_not_stored(
    mt_env: dict[str, str], ctx: Context, libretranslate: FakeLibreTranslate
) -> None:
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    libretranslate.behave("echo", prefix="EN\x1b[31m: ")
    with BackgroundConsumer(ctx.mt.huey):
        job = services.submit_pretranslate(ctx, ["seoul"], "en", "libretranslate", user_id=None)
        deadline = time.monotonic() + 30
        while not (progress := services.job_progress(ctx, job)).finished:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    assert progress.state is JobState.FAILED and "U+001B" in progress.message
    assert set(texts(ctx)) == {""}


def test_a_token_name_with_a_control_character_is_refused(
    ctx: Context, people: dict[str, int]
) -> None:
    with pytest.raises(BadInput, match="field 'name': control character U\\+0000"):
        services.create_token(ctx, "eddie", "CMS\x00", ("articles:read",))
    assert services.list_tokens(ctx) == []
