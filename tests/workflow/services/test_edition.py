"""The day's edition: every published bundle of a KST day in one zip, byte-identical on
re-export, unpublished articles listed as missing; the CLI writes it."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.workflow.services.conftest import Team, article
from web.cli import main
from workflow import services
from workflow.errors import BadInput, PermissionDenied
from workflow.services import Context

DAY = date(2026, 6, 3)


def story(slug: str, posted: str, ko_title: str, en_title: str) -> tuple[bytes, bytes]:
    ko = article(ko_title, f"{ko_title} 기사 본문이다. 숫자는 {len(slug)}개다.", posted=posted)
    en = article(en_title, f"The body of {en_title}. The figure is {len(slug)}.")
    return ko, en


@pytest.fixture
def day(ctx: Context, team: Team) -> dict[str, int]:
    """Three articles posted on DAY (KST; one at 00:30 KST, the previous day in UTC), two of
    them published in English, and one of the next day, published."""
    stories = {
        "early": story("early", "2026-06-03T00:30:00+09:00", "새벽 기사", "Early story"),
        "noon": story("noon", "2026-06-03T12:00:00+09:00", "정오 기사", "Noon story"),
        "draft": story("draft", "2026-06-03T18:00:00+09:00", "저녁 기사", "Evening story"),
        "next": story("next", "2026-06-04T00:10:00+09:00", "다음날 기사", "Next day story"),
    }
    ids = {}
    for slug, (ko, en) in stories.items():
        ids[slug] = services.import_article(
            ctx, ko, source=f"{slug}.json", locale="ko", slug=slug
        ).id
        services.pair_translation(ctx, slug, en, source=f"{slug}-en.json", locale="en")
        if slug != "draft":
            services.approve(ctx, slug, "en", None, user_id=team.eddie)
            services.publish(ctx, slug, "en", user_id=team.eddie)
    return ids


def read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_days_edition_holds_every_published_bundle_and_lists_the_missing(
    ctx: Context, team: Team, day: dict[str, int]
) -> None:
    export = services.export_edition(ctx, "en", day=DAY, user_id=team.eddie)
    assert export.filename == "edition-2026-06-03.en.zip"
    files = read(export.data)
    index = json.loads(files["index.json"])
    assert [a["slug"] for a in index["articles"]] == ["early", "noon", "draft"]
    assert (index["published"], index["missing"]) == (2, 1)
    early, _, draft = index["articles"]
    assert early["title"] == "Early story" and early["posted"] == "2026-06-03T00:30:00+09:00"
    assert draft == draft | {"missing": True, "state": "in_review", "title": None}
    # each bundle byte for byte as the single export gives it, and unpacked beside it
    for slug in ("early", "noon"):
        assert files[f"{slug}.en.zip"] == services.export_bundle(ctx, slug, "en").data
        assert f"{slug}.en/article.html" in files
    page = files["index.html"].decode()
    assert '<a href="early.en/article.html">Early story</a>' in page
    assert "missing: not published (in_review)" in page and "저녁 기사" in page
    assert "Next day story" not in page
    assert list(files)[-2:] == ["index.json", "index.html"]
    # deterministic: byte-identical on re-export
    assert services.export_edition(ctx, "en", day=DAY, user_id=team.eddie).data == export.data


def test_an_edition_of_named_articles(ctx: Context, team: Team, day: dict[str, int]) -> None:
    export = services.export_edition(ctx, "en", refs=["next", str(day["draft"])])
    index = json.loads(read(export.data)["index.json"])
    assert [(a["slug"], a["missing"]) for a in index["articles"]] == [
        ("draft", True),
        ("next", False),
    ]
    assert index["edition"] == "selection" and index["date"] is None


def test_translators_cannot_export_and_the_request_must_be_clear(
    ctx: Context, team: Team, day: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied):
        services.export_edition(ctx, "en", day=DAY, user_id=team.tina)
    with pytest.raises(BadInput, match="either a date or article ids"):
        services.export_edition(ctx, "en", day=DAY, refs=["noon"])
    with pytest.raises(BadInput, match="either a date or article ids"):
        services.export_edition(ctx, "en")


def test_cli_writes_the_edition(
    ctx: Context, day: dict[str, int], runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "edition.zip"
    args = ["edition", "export", "--locale", "en", "--date", "2026-06-03", "-o", str(out)]
    result = runner.invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary == summary | {"published": 2, "missing": ["draft"]}
    first = out.read_bytes()
    assert runner.invoke(main, args).exit_code == 0
    assert out.read_bytes() == first
    assert first == services.export_edition(ctx, "en", day=DAY).data
