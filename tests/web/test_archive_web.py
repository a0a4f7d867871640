"""The archive from the browser: upload two zips, see the proposed pairs with confidence,
fix one, drop one, start the import and follow the job; bad uploads are clear 400s."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from workflow import services
from workflow.jobs import BackgroundConsumer

TEXT = Path(__file__).resolve().parents[2] / "bench" / "data" / "align" / "text"


def zipped(files: dict[str, bytes]) -> io.BytesIO:
    """A compressed zip: a zip bomb's 5 MB member travels as a few KB (a request body over
    500 KB would make Werkzeug's test client spool it to a temporary file it never closes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    out.seek(0)
    return out


def dev(i: int, side: str) -> bytes:
    return (TEXT / f"dev-{i:03d}.{side}.txt").read_bytes()


def test_upload_fix_drop_and_import(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    ctx = app.extensions["transdesk"]
    token = login(client, "eddie")
    assert 'href="/archive"' in client.get("/").get_data(as_text=True)
    ko = zipped({"k1.txt": dev(10, "ko"), "k2.txt": dev(11, "ko"), "k3.txt": dev(12, "ko")})
    en = zipped(
        {
            "sub/e1.txt": dev(10, "en"),
            "e2.txt": dev(11, "en"),
            "e3.txt": dev(12, "en"),
            "__MACOSX/._e1.txt": b"junk",
            ".hidden": b"x",
        }
    )
    r = client.post(
        "/archive",
        data={"ko": (ko, "ko.zip"), "en": (en, "en.zip"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    for k, e in (("k1", "e1"), ("k2", "e2"), ("k3", "e3")):
        row = re.search(rf'<tr data-ko="{k}.txt">(.*?)</tr>', page, re.S)
        assert row and f'<option value="{e}.txt" selected>' in row.group(1)
        assert re.search(r"<td>0\.\d\d</td>|<td>1\.00</td>", row.group(1))
    action = re.search(r'action="(/archive/[0-9a-f]+/import)"', page)
    assert action
    # the editor keeps k1, drops k2 and pairs k3 with e3 as proposed
    form = {"en:k1.txt": "e1.txt", "en:k2.txt": "", "en:k3.txt": "e3.txt", "desk": "news"}
    with BackgroundConsumer(ctx.mt.huey):
        r = client.post(action.group(1), data={**form, "csrf_token": token})
        assert r.status_code == 200
        job = re.search(r'data-job="([^"]+)"', r.get_data(as_text=True))
        assert job
        for _ in range(300):
            progress = services.job_progress(ctx, job.group(1))
            if progress.finished:
                break
            time.sleep(0.1)
    assert progress.state.value == "done", progress.message
    titles = {o.article.meta.title for o in services.list_articles(ctx)}
    assert {"k1", "k3"} <= titles and "k2" not in titles


def test_bad_uploads_are_refused_clearly(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    cases = [
        ({"both": (io.BytesIO(b"not a zip"), "x.zip")}, "x.zip: not a zip file"),
        ({"both": (zipped({"loose.txt": b"x"}), "y.zip")}, "put the files in a ko/ and an en/"),
        ({}, "upload a zip"),
        # a zip bomb's member is refused from its header
        ({"both": (zipped({"ko/big.txt": b"a" * 5_000_001}), "z.zip")}, "an article file is at"),
        ({"both": (zipped({"ko/a.txt": b"x", "ko/x/a.txt": b"y"}), "d.zip")}, "two files of"),
    ]
    for files, message in cases:
        r = client.post(
            "/archive", data={**files, "csrf_token": token}, content_type="multipart/form-data"
        )
        assert r.status_code == 400, message
        assert message in r.get_data(as_text=True)


def test_translators_cannot_upload(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    assert client.get("/archive").status_code == 403
