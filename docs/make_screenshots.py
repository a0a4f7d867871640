"""Write PNG screenshots of the editor, review queue, dashboard and audit log, in Korean and
English, to docs/screenshots/ (``make screenshots``). Uses a fresh demo instance in a temp
folder and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from bench._browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402


def main() -> int:
    instance = Path(tempfile.mkdtemp(prefix="transdesk-shots-"))
    os.environ.update(
        TRANSDESK_INSTANCE=str(instance),
        TRANSDESK_ENV="test",
        TRANSDESK_SAMPLES=str(ROOT / "workflow" / "data" / "samples"),
    )
    from web import create_app
    from workflow import services
    from workflow.services.demo import load_demo

    app = create_app()
    desk = app.extensions["transdesk"]
    desk.db.migrate()
    creds = {
        name: pw
        for name, _, pw in load_demo(desk, Path(os.environ["TRANSDESK_SAMPLES"])).credentials
    }
    translator = next(u for u in services.list_users(desk) if u.name == "translator")
    la = services.show_article(desk, "hani-689058", "en")
    services.save_translation(
        desk,
        "hani-689058",
        "en",
        la.entries[4].segment.key,
        "They met in Washington and agreed to ask Seoul to join.",
        user_id=translator.id,
    )
    services.add_comment(
        desk, "hani-689058", "en", la.entries[4].segment.key, "Date missing?", user_id=translator.id
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for lang in ("en", "ko"):
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale=lang)
            page.set_extra_http_headers({"Accept-Language": lang})
            page.goto(f"{base}/login")
            page.fill("input[name=name]", "editor")
            page.fill("input[name=password]", creds["editor"])
            page.click("form.narrow button[type=submit]")
            for name, path in (
                ("editor", "/articles/hani-689058/en"),
                ("review-queue", "/review"),
                ("dashboard", "/dashboard"),
                ("audit-log", "/audit"),
            ):
                page.goto(base + path)
                page.screenshot(path=str(OUT / f"{name}.{lang}.png"))
                print(f"wrote {OUT / f'{name}.{lang}.png'}")
            page.close()
        browser.close()
    server.shutdown()
    shutil.rmtree(instance, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
