"""The translation memory through the CLI and the editor: what enters it, search, TMX, pre-fill."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from tests.web.test_cli import EN, GOLD, KO, add_users, cli, cli_json


def paired(runner: CliRunner) -> None:
    cli(runner, "init")
    add_users(runner)
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "hani")
    cli(runner, "articles", "pair", "hani", str(EN), "--locale", "en")


def test_aligned_pairs_enter_the_memory_and_approved_ones_rank_first(runner: CliRunner) -> None:
    paired(runner)
    sentence = GOLD["ko_sentences"][0]
    hits = cli_json(runner, "tm", "search", sentence, "--locale", "en")
    assert hits[0] == {
        "source": sentence,
        "target": GOLD["en_sentences"][0],
        "score": 100.0,
        "origin": "aligned",
    }
    cli(runner, "review", "approve", "hani", "en", "--all", "--as", "eddie")
    hits = cli_json(runner, "tm", "search", sentence, "--locale", "en")
    assert [h["origin"] for h in hits[:2]] == ["approved", "aligned"]
    # Concordance: a name in the source finds every unit that has it.
    nakatani = cli_json(runner, "tm", "search", "나카타니")
    assert len(nakatani) >= 4 and all("나카타니" in h["source"] for h in nakatani)


def test_a_100_percent_match_prefills_needs_edit_never_approved(runner: CliRunner) -> None:
    paired(runner)
    cli(runner, "review", "approve", "hani", "en", "--all", "--as", "eddie")
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "again")
    assert cli_json(runner, "tm", "prefill", "again", "en") == {"filled": 22}
    segments = cli_json(runner, "articles", "show", "again", "--locale", "en")["segments"]
    assert {s["state"] for s in segments} == {"needs_edit"}
    assert segments[2]["target"] == GOLD["en_sentences"][0]


def test_tmx_round_trip_into_a_fresh_desk(
    runner: CliRunner, tmp_path: Path, env: dict[str, str]
) -> None:
    paired(runner)
    tmx = tmp_path / "memory.tmx"
    cli(runner, "tm", "export", "-o", str(tmx))
    assert len(re.findall(r"<tu[ >]", tmx.read_text())) == 22
    fresh = dict(env, TRANSDESK_INSTANCE=str(tmp_path / "other"))
    fresh["TRANSDESK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'other' / 'db.sqlite3'}"
    other = CliRunner(env=fresh)
    cli(other, "init")
    assert cli_json(other, "tm", "import", str(tmx)) == {"imported": 22}
    hits = cli_json(other, "tm", "search", GOLD["ko_sentences"][1])
    assert hits[0]["target"] == GOLD["en_sentences"][1] and hits[0]["origin"] == "aligned"


def test_a_hostile_tmx_imports_nothing(runner: CliRunner, tmp_path: Path) -> None:
    cli(runner, "init")
    evil = tmp_path / "evil.tmx"
    evil.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<tmx version="1.4"><header srclang="ko"/><body><tu><tuv xml:lang="ko"><seg>&x;</seg>'
        '</tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>'
    )
    result = cli(runner, "tm", "import", str(evil), ok=False)
    assert result.exit_code == 2 and "evil.tmx" in result.stderr
    assert json.loads(cli(runner, "tm", "search", "x", "--json").stdout) == []


def test_the_editor_gets_memory_matches_with_differences(
    client: FlaskClient, seeded: Seeded
) -> None:
    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    url = f"/articles/{seeded.slug}/en/segments/{seeded.keys[2]}/suggestions"
    assert f'data-url-base="/articles/{seeded.slug}/en"' in page  # the panel loads on focus
    memory = client.get(url).get_json()["memory"]
    assert memory[0]["score"] == 100 and memory[0]["same_context"]
    assert memory[0]["target"] == GOLD["en_sentences"][0]
    near = client.get(f"/articles/{seeded.slug}/en/segments/{seeded.keys[3]}/suggestions")
    ops = {op for m in near.get_json()["memory"] for op, _ in m["diff"]}
    assert ops <= {"equal", "insert", "delete"}


def test_snapshot_status_and_remove_on_the_command_line(runner: CliRunner) -> None:
    import os

    from sqlalchemy import create_engine, text

    paired(runner)
    status = cli_json(runner, "tm", "status")
    assert status["newest_snapshot"] is None and status["units"] > 20
    snap = cli_json(runner, "tm", "snapshot")["snapshot"]
    assert snap["version"] == 1 and snap["units"] == status["units"]
    assert cli_json(runner, "tm", "snapshot", "--if-due") == {"snapshot": None}
    assert cli_json(runner, "tm", "status")["newest_snapshot"]["version"] == 1

    sentence = GOLD["ko_sentences"][0]
    engine = create_engine(os.environ["TRANSDESK_DATABASE_URL"])
    with engine.connect() as conn:
        unit = conn.execute(
            text("SELECT id FROM tm_units WHERE source = :s"), {"s": sentence}
        ).scalar_one()
    engine.dispose()
    assert cli_json(runner, "tm", "remove", str(unit)) == {"removed": [unit]}
    hits = cli_json(runner, "tm", "search", sentence, "--locale", "en")
    assert GOLD["en_sentences"][0] not in [h["target"] for h in hits]
    missing = cli(runner, "tm", "remove", str(unit), ok=False)
    assert missing.exit_code != 0 and f"no memory unit with id {unit}" in missing.output
