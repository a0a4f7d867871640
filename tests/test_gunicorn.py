"""gunicorn with ``gunicorn.conf.py`` boots transdesk, serves it and logs JSON lines."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from bench._serve import Gunicorn, instance

REPO = Path(__file__).resolve().parents[1]


def test_the_config_reads_its_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRANSDESK_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("TRANSDESK_WORKERS", "7")
    conf = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert conf["bind"] == ["0.0.0.0:9000"]
    assert conf["workers"] == 7
    assert conf["wsgi_app"] == "web.wsgi:app"
    assert conf["preload_app"] is False
    assert conf["accesslog"] is None

    monkeypatch.delenv("TRANSDESK_BIND")
    monkeypatch.delenv("TRANSDESK_WORKERS")
    conf = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert conf["workers"] >= 3


def test_the_master_imports_the_modules_but_builds_no_app() -> None:
    """Workers fork with the app's modules loaded (a recycled worker boots without importing
    them again) but build their own app, desk and pool after the fork; a reload (HUP) takes
    the code on disk."""
    code = (
        "import runpy, sys\n"
        "conf = runpy.run_path('gunicorn.conf.py')\n"
        "assert 'web.app' not in sys.modules\n"
        "conf['on_starting'](None)\n"
        "print('web.app' in sys.modules, 'web.wsgi' in sys.modules)\n"
        "before = sys.modules['workflow.services']\n"
        "conf['on_reload'](None)\n"
        "print(sys.modules['workflow.services'] is not before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    # kill -HUP imports the app's code afresh: new workers run what is on disk now.
    assert out.stdout.split() == ["True", "False", "True"]


def test_gunicorn_serves_healthz_with_request_ids_and_json_logs(tmp_path: Path) -> None:
    with instance(tmp_path) as env:
        subprocess.run(
            [str(Path(sys.executable).with_name("transdesk")), "init"],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        server = Gunicorn(env, workers=2, threads=2)
        with server:
            r = requests.get(
                server.url + "/healthz", headers={"X-Request-ID": "lb-123"}, timeout=10
            )
            assert r.status_code == 200
            assert r.json()["database"] == "ok"
            assert r.headers["X-Request-ID"] == "lb-123"
            assert "Content-Security-Policy" in r.headers
            assert len(server.ready_pids()) == 2
            page = requests.get(server.url + "/login", timeout=10)
            assert page.status_code == 200
            assert "csrf_token" in page.text
            process = server.process
        assert process is not None and process.returncode == 0  # a clean, graceful stop
        log = server.log_path.read_text()
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    healthz = [
        line
        for line in lines
        if line.get("path") == "/healthz" and line.get("request_id") == "lb-123"
    ]
    assert len(healthz) == 1
    assert (healthz[0]["logger"], healthz[0]["status"]) == ("transdesk.access", 200)
    assert any(line.get("path") == "/login" for line in lines)
    assert "Worker ready" in log
    # No gunicorn access lines: every request is in the JSON log instead.
    assert '"GET /healthz HTTP/1.1"' not in log
