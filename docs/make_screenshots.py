"""Write PNG screenshots of the editor, review queue, dashboard and audit log, the preview
panel, the "Approve all" confirmation and the editor at 1024 px, in Korean and English, and
of a QA finding and an error in the Korean UI, to docs/screenshots/ (``make screenshots``).
Uses a fresh demo instance in a temp
folder and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from bench._browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402


def shot(page: object, name: str) -> None:
    page.screenshot(path=str(OUT / name))  # type: ignore[attr-defined]
    print(f"wrote {OUT / name}")


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
    # A QA error for the Korean shots: Hangul left in a translation (the editor then tries to
    # approve it and is refused).
    flawed = la.entries[6].segment.key
    services.save_translation(
        desk,
        "hani-689058",
        "en",
        flawed,
        "The talks in 워싱턴 ended without a deal",
        user_id=translator.id,
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
                shot(page, f"{name}.{lang}.png")
            editor = f"{base}/articles/hani-689058/en"
            # The preview in context: the side panel with the bundle's article.html.
            page.goto(editor)
            page.click("#preview-panel summary")
            page.wait_for_selector("#preview-panel[data-loads='1']", state="attached")
            shot(page, f"preview.{lang}.png")
            # The confirmation with counts before "Approve all".
            page.goto(editor)
            page.click("[data-testid=approve-all]")
            page.wait_for_selector("#confirm-dialog[open]")
            shot(page, f"confirm-approve-all.{lang}.png")
            # The editor in a 1024 px window: source beside translation, the publish status.
            page.set_viewport_size({"width": 1024, "height": 800})
            page.goto(editor)
            shot(page, f"editor-1024.{lang}.png")
            if lang == "ko":
                korean_finding_and_error(page, base, flawed)
            page.close()
        browser.close()
    server.shutdown()
    shutil.rmtree(instance, ignore_errors=True)
    return 0


def korean_finding_and_error(page: Page, base: str, key: str) -> None:
    """The segment with a QA error as the editor sees it, then the page refusing to approve it."""
    page.goto(f"{base}/articles/hani-689058/en#seg-{key}")
    segment = page.locator(f"#seg-{key}")
    segment.scroll_into_view_if_needed()
    segment.screenshot(path=str(OUT / "qa-finding.ko.png"))
    print(f"wrote {OUT / 'qa-finding.ko.png'}")
    segment.locator("button.approve").click()
    # The refusal appears in the row itself, in Korean, with what to do next.
    segment.locator(".row-error").wait_for()
    segment.screenshot(path=str(OUT / "error.ko.png"))
    print(f"wrote {OUT / 'error.ko.png'}")
    page.set_viewport_size({"width": 1280, "height": 900})


if __name__ == "__main__":
    sys.exit(main())
