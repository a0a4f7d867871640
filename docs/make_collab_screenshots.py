"""Screenshots of issue 15's pages on a day's work on the demo: the audit log in people's
words and the inbox, in English and Korean, to docs/screenshots/ (audit-story.*.png,
inbox.*.png). Korean comes from locales/ko plus docs/i18n/issue15.ko.po (the strings of
issue 15 until the locales' owner merges them), compiled into a temp folder.

usage: python docs/make_collab_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import polib
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def catalogs(folder: Path) -> None:
    """en and ko .mo files in ``folder``, Korean with issue 15's strings merged in."""
    for lang in ("en", "ko"):
        po = polib.pofile(str(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"))
        if lang == "ko":
            have = {e.msgid for e in po}
            for e in polib.pofile(str(ROOT / "docs" / "i18n" / "issue15.ko.po")):
                if e.msgid not in have:
                    po.append(e)
        target = folder / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        po.save_as_mofile(str(target / "messages.mo"))


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="transdesk-collab-shots-"))
    os.environ.update(
        TRANSDESK_INSTANCE=str(tmp / "instance"),
        TRANSDESK_ENV="test",
        TRANSDESK_SAMPLES=str(ROOT / "workflow" / "data" / "samples"),
    )
    from web import create_app
    from workflow import services
    from workflow.services.demo import SLUG, load_demo

    catalogs(tmp / "locales")
    app = create_app()
    app.extensions["babel"].translation_directories[:] = [str(tmp / "locales")]
    desk = app.extensions["transdesk"]
    desk.db.migrate()
    creds = {
        n: pw for n, _, pw in load_demo(desk, Path(os.environ["TRANSDESK_SAMPLES"])).credentials
    }
    ids = {u.name: u.id for u in services.list_users(desk)}
    keys = [e.segment.key for e in services.show_article(desk, SLUG, "en").entries]
    # A day's work: a translator edits, an editor sends one back, comments, approves the
    # rest at once, replaces across the article and hands out the next article × locale.
    tr, ed = ids["translator"], ids["editor"]
    services.save_translation(
        desk, SLUG, "en", keys[3], "Nakatani and Carter met in Washington.", user_id=tr
    )
    services.save_translation(
        desk, SLUG, "en", keys[4], "They agreed to ask Seoul to join.", user_id=tr
    )
    services.reject(desk, SLUG, "en", keys[4], "Name the date of the meeting", user_id=ed)
    services.add_comment(desk, SLUG, "en", keys[4], "@translator the date is Apr. 28", user_id=ed)
    services.approve(desk, SLUG, "en", None, user_id=ed)
    services.replace_in_article(desk, SLUG, "en", "US", "U.S.", case=True, word=True, user_id=ed)
    services.assign_work(
        desk,
        [SLUG],
        "en",
        to="translator",
        keys=keys[4:6],
        due=services.parse_due("2026-12-05T18:00"),
        user_id=ed,
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=FLAGS
        )
        for lang in ("en", "ko"):
            for who, name, path in (
                ("editor", "audit-story", "/audit"),
                ("translator", "inbox", "/inbox"),
            ):
                page = browser.new_page(viewport={"width": 1280, "height": 800}, locale=lang)
                page.set_extra_http_headers({"Accept-Language": lang})
                page.goto(f"{base}/login")
                page.fill("input[name=name]", who)
                page.fill("input[name=password]", creds[who])
                page.click("form.narrow button[type=submit]")
                page.goto(base + path)
                page.evaluate(
                    "document.querySelectorAll('details')"
                    ".forEach((d, i) => { if (i === 1) d.open = true; })"
                )
                page.screenshot(path=str(OUT / f"{name}.{lang}.png"))
                print(f"wrote {OUT / f'{name}.{lang}.png'}")
                page.close()
        browser.close()
    server.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
