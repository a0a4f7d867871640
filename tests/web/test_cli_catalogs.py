"""Catalog round trips through the CLI: Poedit-style edits, conflicts, XLIFF, corrections."""

from __future__ import annotations

import gettext
import io
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner

from tests.web.test_cli import EN, KO, add_users, cli, cli_json

KO_TEXT = KO.read_text()


@pytest.fixture
def slug(runner: CliRunner) -> str:
    cli(runner, "init")
    add_users(runner)
    imported = cli_json(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "hani")
    cli(runner, "articles", "pair", imported["slug"], str(EN), "--locale", "en")
    return str(imported["slug"])


def export_po(runner: CliRunner, slug: str, path: Path) -> polib.POFile:
    cli(runner, "catalogs", "export", slug, "en", "-o", str(path))
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
    return polib.pofile(str(path), wrapwidth=0)


def upload(runner: CliRunner, slug: str, path: Path, *args: str, ok: bool = True) -> Any:
    result = cli(
        runner, "catalogs", "import", slug, "en", str(path), "--as", "tina", "--json", *args, ok=ok
    )
    return json.loads(result.stdout) if ok else result


def segments(runner: CliRunner, slug: str) -> list[dict[str, Any]]:
    return list(cli_json(runner, "articles", "show", slug, "--locale", "en")["segments"])


def test_an_export_reimported_unchanged_changes_nothing(
    runner: CliRunner, slug: str, tmp_path: Path
) -> None:
    po = tmp_path / "hani.en.po"
    catalog = export_po(runner, slug, po)
    assert catalog.metadata["X-Transdesk-Revision"] == "1"
    report = upload(runner, slug, po)
    assert report == {"applied": 0, "unchanged": 22, "conflicts": [], "unknown": []}


def test_poedit_style_edits_merge(runner: CliRunner, slug: str, tmp_path: Path) -> None:
    cli(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    po = tmp_path / "hani.en.po"
    catalog = export_po(runner, slug, po)
    target = catalog[4]
    target.msgstr = "An edit made offline in Poedit."
    catalog[6].flags.append("fuzzy")
    catalog.metadata["Last-Translator"] = "Tina <tina@example.com>"
    catalog.metadata["X-Generator"] = "Poedit 3.4"
    catalog.metadata["PO-Revision-Date"] = "2026-11-30 10:00+0900"
    entries = list(catalog)
    catalog[:] = list(reversed(entries))  # reordered entries
    catalog.wrapwidth = 79  # rewrapped lines
    catalog.save(str(po))
    report = upload(runner, slug, po)
    assert report["applied"] == 2
    assert report["conflicts"] == [] and report["unknown"] == []
    states = {s["key"]: s for s in segments(runner, slug)}
    assert states[target.msgctxt]["target"] == "An edit made offline in Poedit."
    assert states[target.msgctxt]["state"] == "translated"  # needs approval again
    assert states[entries[6].msgctxt]["state"] == "needs_edit"
    others = [s for k, s in states.items() if k not in (target.msgctxt, entries[6].msgctxt)]
    assert {s["state"] for s in others} == {"approved"}


def test_conflicts_partial_files_and_unknown_keys(
    runner: CliRunner, slug: str, tmp_path: Path
) -> None:
    po = tmp_path / "hani.en.po"
    catalog = export_po(runner, slug, po)
    key, base = catalog[3].msgctxt, catalog[3].msgstr
    cli(runner, "translate", slug, "en", key, "Changed on the server.", "--as", "eddie")
    catalog[3].msgstr = "Changed in the file."
    catalog[5].msgstr = "Changed only in the file."
    stranger = polib.POEntry(msgctxt="s-nosuchkey", msgid="없는 문장.", msgstr="No such.")
    catalog.append(stranger)
    kept = [e for i, e in enumerate(catalog) if i in (3, 5) or e is stranger]
    catalog[:] = kept  # a partial file: the other entries are missing
    catalog.save(str(po))
    report = upload(runner, slug, po)
    assert report["applied"] == 1
    assert report["unknown"] == ["s-nosuchkey"]
    assert report["conflicts"] == [
        {
            "key": key,
            "base": base,
            "server": "Changed on the server.",
            "upload": "Changed in the file.",
        }
    ]
    now = {s["key"]: s for s in segments(runner, slug)}
    assert now[key]["target"] == "Changed on the server."
    assert sum(1 for s in now.values() if s["version"] > 1) == 2


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('msgstr ""\n"Project', 'msgstr "\n"Project', 1), "line"),
        (lambda t: t.replace("Language: en", "Language: ja"), "Language"),
        (lambda t: t.replace("nplurals=2", "nplurals=3"), "Plural-Forms"),
    ],
)
def test_bad_files_exit_2_and_apply_nothing(
    runner: CliRunner, slug: str, tmp_path: Path, edit: Any, message: str
) -> None:
    po = tmp_path / "hani.en.po"
    catalog = export_po(runner, slug, po)
    catalog[2].msgstr = "This must not be applied."
    catalog.save(str(po))
    po.write_text(edit(po.read_text()))
    result = upload(runner, slug, po, ok=False)
    assert result.exit_code == 2
    assert "hani.en.po" in result.stderr and message in result.stderr
    assert "This must not be applied." not in json.dumps(segments(runner, slug))


def test_not_utf8_is_refused(runner: CliRunner, slug: str, tmp_path: Path) -> None:
    po = tmp_path / "latin1.po"
    po.write_bytes(b'msgid ""\nmsgstr "caf\xe9"\n')
    result = upload(runner, slug, po, ok=False)
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr


@pytest.mark.parametrize("fmt", ["xliff2", "xliff12"])
def test_xliff_round_trip(runner: CliRunner, slug: str, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"hani.{fmt}.xlf"
    cli(runner, "catalogs", "export", slug, "en", "--format", fmt, "-o", str(path))
    assert upload(runner, slug, path)["applied"] == 0
    first = segments(runner, slug)[2]
    text = path.read_text()
    assert first["target"] in text
    path.write_text(text.replace(first["target"], "Edited in a CAT tool.", 1))
    report = upload(runner, slug, path)
    assert report["applied"] == 1
    assert segments(runner, slug)[2]["target"] == "Edited in a CAT tool."


def corrected_original(tmp_path: Path) -> Path:
    """The sample with one sentence edited, one added and one deleted."""
    text = KO_TEXT.replace(
        "이로써 한국은 부상하는 중국에 맞서",
        "이로써 한국은 급부상하는 중국에 맞서",
    )
    text = text.replace(
        "이 신문은 “미·일은 개정된 가이드라인을 지렛대로 삼아 "
        "한국과의 방위협력을 강화할 계획”이라고 짚었다.\n\n",
        "",
    )
    text = text.replace(
        "도쿄/길윤형 특파원",
        "한편 일본 정부는 이번 주 안에 추가 입장을 낼 예정이다.\n\n도쿄/길윤형 특파원",
    )
    path = tmp_path / "hani-ko-corrected.txt"
    path.write_text(text)
    return path


def test_a_corrected_original_merges_like_msgmerge(
    runner: CliRunner, slug: str, tmp_path: Path
) -> None:
    cli(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    cli(runner, "publish", slug, "en", "--as", "eddie")
    before = {s["key"]: s for s in segments(runner, slug)}
    result = cli_json(runner, "articles", "update", slug, str(corrected_original(tmp_path)))
    assert {k: result[k] for k in ("edited", "added", "removed")} == {
        "edited": 1,
        "added": 1,
        "removed": 1,
    }
    assert result["needs_update"] == ["en"]
    shown = cli_json(runner, "articles", "show", slug, "--locale", "en")
    assert shown["state"] == "needs_update"
    po = tmp_path / "after.po"
    catalog = export_po(runner, slug, po)
    fuzzy = [e for e in catalog if "fuzzy" in e.flags]
    assert len(fuzzy) == 1
    assert fuzzy[0].previous_msgid is not None
    assert "부상하는" in fuzzy[0].previous_msgid and "급부상하는" in fuzzy[0].msgid
    assert fuzzy[0].msgstr == before[fuzzy[0].msgctxt]["target"]
    empty = [e for e in catalog if not e.obsolete and not e.msgstr]
    assert [e.msgid for e in empty] == ["한편 일본 정부는 이번 주 안에 추가 입장을 낼 예정이다."]
    obsolete = catalog.obsolete_entries()
    assert len(obsolete) == 1 and "지렛대로" in obsolete[0].msgid
    unchanged = [e for e in catalog if not e.obsolete and e not in fuzzy and e not in empty]
    assert len(unchanged) == 20
    assert all(before[e.msgctxt]["state"] == "approved" for e in unchanged)
    assert all(e.msgstr == before[e.msgctxt]["target"] for e in unchanged)
    # The MO gives the same strings through gettext.
    mo = tmp_path / "after.mo"
    subprocess.run(["msgfmt", "-c", "-o", str(mo), str(po)], check=True)
    with mo.open("rb") as fh:
        translations = gettext.GNUTranslations(fh)
    first = unchanged[0]
    assert translations.pgettext(first.msgctxt, first.msgid) == first.msgstr


def test_publishing_writes_the_catalogs_beside_the_bundle(
    runner: CliRunner, slug: str, env: dict[str, str], tmp_path: Path
) -> None:
    cli(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    cli(runner, "publish", slug, "en", "--as", "eddie")
    bundle = tmp_path / "b.zip"
    cli(runner, "bundles", "export", slug, "en", "-o", str(bundle))
    messages = Path(env["TRANSDESK_INSTANCE"]) / "locales" / "en" / "LC_MESSAGES"
    with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as z:
        assert z.read(f"{slug}.en.po") == (messages / f"{slug}.po").read_bytes()
        assert z.read(f"{slug}.en.mo") == (messages / f"{slug}.mo").read_bytes()
