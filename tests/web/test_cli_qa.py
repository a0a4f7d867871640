"""QA and the glossary through the CLI: findings, blocked approval and publishing, terms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.web.test_cli import EN, KO, add_users, cli, cli_json


def setup(runner: CliRunner) -> str:
    cli(runner, "init")
    add_users(runner)
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "hani")
    cli(runner, "articles", "pair", "hani", str(EN), "--locale", "en")
    return "hani"


def test_the_published_sample_has_no_error(runner: CliRunner) -> None:
    slug = setup(runner)
    findings = cli_json(runner, "check", slug, "en")
    assert isinstance(findings, list)
    assert all(set(f) == {"key", "check", "severity", "message"} for f in findings)
    assert [f for f in findings if f["severity"] == "error"] == []


def test_an_error_blocks_approval_and_publishing(runner: CliRunner) -> None:
    slug = setup(runner)
    segments = cli_json(runner, "articles", "show", slug)["segments"]
    key = segments[4]["key"]  # "… 28일 워싱턴에서 회담을 열어 …"
    assert "28일" in segments[4]["source"]
    wrong = "They met in Washington on the 23rd and agreed."  # 28일 is the 28th
    cli(runner, "translate", slug, "en", key, wrong, "--as", "tina")
    findings = cli_json(runner, "check", slug, "en")
    errors = [f for f in findings if f["severity"] == "error"]
    assert {(f["key"], f["check"]) for f in errors} == {(key, "numbers")}
    assert any("28" in f["message"] for f in errors)
    result = cli_json(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")
    assert [s["key"] for s in result["skipped"]] == [key]
    assert result["skipped"][0]["reason"].startswith("QA error: numbers")
    one = cli(runner, "review", "approve", slug, "en", key, "--as", "eddie", ok=False)
    assert one.exit_code == 1 and "QA errors" in one.stderr
    fixed = segments[4]["target"]
    cli(runner, "translate", slug, "en", key, fixed, "--as", "tina")
    cli(runner, "review", "approve", slug, "en", key, "--as", "eddie")
    assert cli_json(runner, "publish", slug, "en", "--as", "eddie")["state"] == "published"


def test_glossary_import_list_export_and_term_checks(runner: CliRunner, tmp_path: Path) -> None:
    slug = setup(runner)
    csv = tmp_path / "terms.csv"
    csv.write_text(
        "source,target,note,pos,forbidden\n"
        "나카타니 겐,Gen Nakatani,Japanese defense minister,properNoun,Nakatani Gen\n"
        "국방부,Ministry of National Defense,,noun,Defense Ministry\n"
    )
    assert cli_json(runner, "glossary", "import", str(csv)) == {"added": 2, "updated": 0}
    assert cli_json(runner, "glossary", "import", str(csv)) == {"added": 0, "updated": 2}
    listed = cli_json(runner, "glossary", "list")
    assert [t["target"] for t in listed] == ["Ministry of National Defense", "Gen Nakatani"]
    tbx = tmp_path / "g.tbx"
    cli(runner, "glossary", "export", "--format", "tbx", "-o", str(tbx))
    assert "Gen Nakatani" in tbx.read_text()
    segments = cli_json(runner, "articles", "show", slug)["segments"]
    key = segments[4]["key"]  # mentions 나카타니 겐
    cli(
        runner,
        "translate",
        slug,
        "en",
        key,
        segments[4]["target"].replace("Gen Nakatani", "Nakatani Gen"),
        "--as",
        "tina",
    )
    found = {(f["key"], f["check"], f["severity"]) for f in cli_json(runner, "check", slug, "en")}
    assert (key, "forbidden_terms", "error") in found
    assert (key, "glossary", "warning") in found


def test_a_bad_glossary_file_imports_nothing(runner: CliRunner, tmp_path: Path) -> None:
    cli(runner, "init")
    csv = tmp_path / "bad.csv"
    csv.write_text("source,target\n국방부,Ministry of National Defense\n,Empty source\n")
    result = cli(runner, "glossary", "import", str(csv), ok=False)
    assert result.exit_code == 2
    assert "bad.csv" in result.stderr and "line 3" in result.stderr
    assert cli_json(runner, "glossary", "list") == []
