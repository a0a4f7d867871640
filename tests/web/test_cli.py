"""The CLI contract on the sample pair: segment, import, pair, translate, review, export."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import SAMPLES
from web.cli import main

GOLD = json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text())
KO = SAMPLES / "hani-ko-689058-demo.txt"
EN = SAMPLES / "hani-en-689225.txt"
PASSWORD = "correct horse battery staple"


def cli(runner: CliRunner, *args: str, ok: bool = True, **kwargs: Any) -> Result:
    result = runner.invoke(main, list(args), **kwargs)
    if ok:
        assert result.exit_code == 0, (args, result.output, result.stderr, result.exception)
    return result


def cli_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(cli(runner, *args, "--json").stdout)


def add_users(runner: CliRunner) -> None:
    for name, role in (("tina", "translator"), ("eddie", "editor"), ("erin", "editor")):
        cli(runner, "users", "add", name, "--role", role, env={"TRANSDESK_PASSWORD": PASSWORD})


@pytest.fixture
def paired(runner: CliRunner) -> dict[str, Any]:
    cli(runner, "init")
    add_users(runner)
    imported = cli_json(runner, "articles", "import", str(KO), "--locale", "ko")
    pair = cli_json(runner, "articles", "pair", imported["slug"], str(EN), "--locale", "en")
    return {"imported": imported, "pair": pair}


def test_segment_gives_the_gold_sentences(runner: CliRunner) -> None:
    assert cli_json(runner, "segment", str(KO), "--locale", "ko") == GOLD["ko_sentences"]
    assert cli_json(runner, "segment", str(EN), "--locale", "en") == GOLD["en_sentences"]
    plain = cli(runner, "segment", str(EN), "--locale", "en").stdout.splitlines()
    assert plain == GOLD["en_sentences"]


def test_import_and_pair_match_the_gold(runner: CliRunner, paired: dict[str, Any]) -> None:
    imported, pair = paired["imported"], paired["pair"]
    assert imported["locale"] == "ko"
    assert imported["title"] == GOLD["metadata"]["ko"]["title"]
    # title, subtitle, 19 body sentences, byline
    assert imported["segments"] == 3 + len(GOLD["ko_sentences"])
    assert pair["article"] == imported["id"]
    assert pair["locale"] == "en"
    assert pair["beads"] == GOLD["gold_beads"]
    assert pair["prefilled"] == 3 + len(GOLD["ko_sentences"])

    shown = cli_json(runner, "articles", "show", str(imported["id"]), "--locale", "en")
    for side, key in (("ko", "metadata"), ("en", "target_metadata")):
        gold = GOLD["metadata"][side]
        assert {k: shown[key][k] for k in gold} == gold
    kinds = [s["kind"] for s in shown["segments"]]
    assert kinds == ["title", "subtitle"] + ["body"] * 19 + ["byline"]
    body = [s for s in shown["segments"] if s["kind"] == "body"]
    assert [s["source"] for s in body] == GOLD["ko_sentences"]
    assert {s["state"] for s in shown["segments"]} == {"translated"}
    en = GOLD["en_sentences"]
    assert body[3]["target"] == f"{en[3]} {en[4]}"  # the 1-2 bead
    assert body[0]["target"] == en[0]
    assert shown["segments"][0]["target"] == GOLD["metadata"]["en"]["title"]
    assert shown["segments"][-1]["target"] == GOLD["metadata"]["en"]["byline"]
    assert all(0 <= s["confidence"] <= 1 for s in shown["segments"])

    listed = cli_json(runner, "articles", "list")
    assert listed[0]["slug"] == imported["slug"]
    assert listed[0]["locales"]["en"]["counts"]["translated"] == 22


def test_pairing_again_keeps_approved_pairs_and_human_edits(
    runner: CliRunner, paired: dict[str, Any]
) -> None:
    slug = paired["imported"]["slug"]
    cli(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    key = cli_json(runner, "articles", "show", slug)["segments"][5]["key"]
    cli(runner, "translate", slug, "en", key, "Tina's own words.", "--as", "tina")
    again = cli_json(runner, "articles", "pair", slug, str(EN), "--locale", "en")
    assert (again["prefilled"], again["kept"]) == (0, 22)
    shown = cli_json(runner, "articles", "show", slug)["segments"]
    states = {s["key"]: s["state"] for s in shown}
    assert states.pop(key) == "translated"
    assert set(states.values()) == {"approved"}
    assert shown[5]["target"] == "Tina's own words."


def test_translate_review_publish_export(
    runner: CliRunner, paired: dict[str, Any], tmp_path: Path
) -> None:
    slug = paired["imported"]["slug"]
    shown = cli_json(runner, "articles", "show", slug, "--locale", "en")
    key = shown["segments"][2]["key"]
    edited = (
        "The US and Japan are now planning to ask South Korea for a defense ministers' meeting."
    )
    saved = cli_json(runner, "translate", slug, "en", key, edited, "--as", "tina")
    assert saved == {"key": key, "state": "translated", "version": 2, "target": edited}

    # Translators cannot approve at all.
    refused = cli(runner, "review", "approve", slug, "en", "--all", "--as", "tina", ok=False)
    assert refused.exit_code == 1
    assert "only editors may review" in refused.stderr

    # Publishing before every segment is approved is refused, whatever the caller.
    blocked = cli(runner, "publish", slug, "en", "--as", "eddie", ok=False)
    assert blocked.exit_code == 1
    assert "22 of 22 segments are not approved" in blocked.stderr

    # Four-eyes: eddie edits a segment; his own "approve all" skips it, erin approves it.
    other = shown["segments"][3]["key"]
    cli(runner, "translate", slug, "en", other, "A reviewer's own edit.", "--as", "eddie")
    result = cli_json(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    assert len(result["approved"]) == 21
    assert [s["key"] for s in result["skipped"]] == [other]
    own = cli(runner, "review", "approve", slug, "en", other, "--as", "eddie", ok=False)
    assert "four-eyes" in own.stderr

    # Reject with a reason, fix, approve by the other editor.
    rejected = cli_json(
        runner, "review", "reject", slug, "en", other, "--reason", "Too loose", "--as", "erin"
    )
    assert rejected["state"] == "needs_edit"
    cli(runner, "translate", slug, "en", other, "A fixed translation.", "--as", "tina")
    cli(runner, "review", "approve", slug, "en", other, "--as", "erin")

    published = cli_json(runner, "publish", slug, "en", "--as", "erin")
    assert published["state"] == "published"

    po = tmp_path / "out.po"
    cli(runner, "catalogs", "export", slug, "en", "-o", str(po))
    subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "out.mo"), str(po)], check=True)
    assert f'msgctxt "{key}"' in po.read_text()
    assert edited in po.read_text()
    stdout_po = cli(runner, "catalogs", "export", slug, "en").stdout
    assert stdout_po == po.read_text()

    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    cli(runner, "bundles", "export", slug, "en", "-o", str(first))
    cli(runner, "bundles", "export", slug, "en", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first.read_bytes())) as z:
        names = set(z.namelist())
        assert {"article.html", "article.json", "article.md", "manifest.json"} <= names
        assert f"{slug}.en.po" in names and f"{slug}.en.mo" in names
        html = z.read("article.html").decode()
        assert "defense ministers&#x27; meeting" in html or "defense ministers' meeting" in html
        data = json.loads(z.read("article.json"))
        approvers = {s["approver"] for s in data["segments"]}
        assert approvers == {"eddie", "erin"}


def test_bundle_of_an_unpublished_article_is_refused(
    runner: CliRunner, paired: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "x.zip"
    result = cli(
        runner, "bundles", "export", paired["imported"]["slug"], "en", "-o", str(out), ok=False
    )
    assert result.exit_code == 1
    assert "not published" in result.stderr
    assert not out.exists()


BAD_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("binary.bin", b"\x00\x01\x02PK\x03\x04" * 20, "binary"),
    ("notitle.txt", b"\n\nPosted on : 2015-04-30 17:24 KST\n", "title"),
    (
        "page.html",
        b"<!doctype html><html><head><title>Menu</title></head><body><nav>Home</nav></body></html>",
        "no article",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_INPUTS)
def test_bad_input_exits_2_and_stores_nothing(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    cli(runner, "init")
    path = tmp_path / name
    path.write_bytes(data)
    result = cli(runner, "articles", "import", str(path), "--locale", "ko", ok=False)
    assert result.exit_code == 2
    assert name in result.stderr
    assert expected in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli_json(runner, "articles", "list") == []


def test_unknown_locale_exits_2(runner: CliRunner) -> None:
    cli(runner, "init")
    result = cli(runner, "articles", "import", str(KO), "--locale", "xx-nope", ok=False)
    assert result.exit_code == 2
    assert "unknown locale" in result.stderr
    assert cli_json(runner, "articles", "list") == []


def test_missing_file_and_unknown_article(runner: CliRunner) -> None:
    cli(runner, "init")
    missing = cli(runner, "articles", "import", "/nonexistent.txt", "--locale", "ko", ok=False)
    assert missing.exit_code == 2
    assert "/nonexistent.txt" in missing.stderr
    unknown = cli(runner, "articles", "show", "no-such-article", ok=False)
    assert unknown.exit_code == 1
    assert "no article 'no-such-article'" in unknown.stderr
