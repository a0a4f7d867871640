"""A publish SIGKILLed at each step: the next start finishes it, or it never happened.

The publish runs in a subprocess in which one function of the publish path is replaced by
``os.kill(os.getpid(), SIGKILL)`` (nothing in the production code knows about it). Then
the test starts the app as a restarted server would (``create_app``) and reads the files
as a reader does: the bundle, PO and MO are those of the revision the database calls
published — the killed one if its transaction committed, else the one before — and no
temp file or folder is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from bench.crash import check_published_files
from tests.web.conftest import Seeded
from web import create_app
from workflow import services
from workflow.services import Context
from workflow.store.tables import articles, localizations, publications

REPO = Path(__file__).resolve().parents[2]

PUBLISH_AND_DIE = """
import importlib, os, signal, sys
from workflow import services
from workflow.bootstrap import build_context
from workflow.settings import Settings

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

module, name = sys.argv[1].rsplit(".", 1)
setattr(importlib.import_module(module), name, die)
desk = build_context(Settings.from_env())
services.publish(desk, sys.argv[2], "en", user_id=int(sys.argv[3]))
"""

#: Where the subprocess dies, and whether the publish had committed by then.
KILL_POINTS = [
    # in the transaction, after the checks, as it records the webhook: nothing committed
    pytest.param("workflow.services.publishing.record_publication", False, id="before-commit"),
    # committed; not a file written yet
    pytest.param("workflow.services.publishing.complete_publication", True, id="after-commit"),
    # the new folder's files written and fsynced under their temp name, not renamed yet
    pytest.param("os.rename", True, id="files-written-not-renamed"),
    # the folder in place, the pointer not switched
    pytest.param("workflow.services.publications.replace_symlink", True, id="before-switch"),
    # every file in place and switched; the outbox row still pending
    pytest.param("workflow.store.publications.mark_done", True, id="files-written"),
]


def _user(ctx: Context, name: str) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == name)


def _published(ctx: Context) -> dict[tuple[str, str], int]:
    """The published revision of every article × locale, as the database says."""
    with ctx.db.transaction(write=False) as conn:
        rows = conn.execute(
            select(articles.c.slug, localizations.c.locale, localizations.c.published_revision)
            .join(localizations, localizations.c.article_id == articles.c.id)
            .where(localizations.c.published_revision.is_not(None))
        ).all()
    return {(slug, locale): revision for slug, locale, revision in rows}


def _pending(ctx: Context) -> int:
    with ctx.db.transaction(write=False) as conn:
        return len(
            conn.execute(select(publications.c.id).where(publications.c.status == "pending")).all()
        )


def _publish_and_die(kill_at: str, slug: str, user_id: int) -> None:
    """Publish ``slug`` in a subprocess that SIGKILLs itself where ``kill_at`` is called."""
    died = subprocess.run(
        [sys.executable, "-c", PUBLISH_AND_DIE, kill_at, slug, str(user_id)],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert died.returncode == -signal.SIGKILL, died.stderr[-2000:]


@pytest.mark.parametrize(("kill_at", "committed"), KILL_POINTS)
def test_a_killed_publish_is_completed_or_rolled_back_by_the_next_start(
    app: Flask, seeded: Seeded, kill_at: str, committed: bool
) -> None:
    ctx: Context = app.extensions["transdesk"]
    tina, eddie = _user(ctx, "tina"), _user(ctx, "eddie")
    # Revision A is published and its files are in place.
    services.approve(ctx, seeded.slug, "en", None, user_id=eddie)
    first = services.publish(ctx, seeded.slug, "en", user_id=eddie).revision
    # Revision B: one segment changed by the translator, approved by the editor.
    key = seeded.keys[2]
    text = services.show_article(ctx, seeded.slug, "en").entries[2].translation.text
    services.save_translation(ctx, seeded.slug, "en", key, text + " Indeed.", user_id=tina)
    services.approve(ctx, seeded.slug, "en", None, user_id=eddie)

    _publish_and_die(kill_at, seeded.slug, eddie)

    la = services.show_article(ctx, seeded.slug, "en")
    expected = la.revision if committed else first
    assert _published(ctx) == {(seeded.slug, "en"): expected}
    instance = ctx.settings.instance
    # Before the restart, a reader may see the previous revision, never one not committed.
    assert check_published_files(instance, _published(ctx)).ahead == []

    restarted = create_app()  # the next start completes what the killed process committed
    try:
        assert _pending(ctx) == 0
        check = check_published_files(instance, _published(ctx))
        assert (check.bad, check.ahead, check.behind, check.temp) == ([], [], [], [])
        assert check.files_checked == 3  # the bundle, the PO and the MO
        po = (instance / "locales" / "en" / "LC_MESSAGES" / f"{seeded.slug}.po").read_bytes()
        assert ((text + " Indeed.").encode() in po) is committed
    finally:
        restarted.extensions["transdesk"].close()


def test_transdesk_worker_completes_a_killed_publish_when_it_starts(
    app: Flask, seeded: Seeded
) -> None:
    ctx: Context = app.extensions["transdesk"]
    eddie = _user(ctx, "eddie")
    services.approve(ctx, seeded.slug, "en", None, user_id=eddie)
    _publish_and_die("workflow.services.publishing.complete_publication", seeded.slug, eddie)
    assert _pending(ctx) == 1
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("transdesk")), "worker"],
        cwd=REPO,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _pending(ctx) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
    finally:
        worker.terminate()
        _, err = worker.communicate(timeout=60)
    assert _pending(ctx) == 0, err[-2000:]
    check = check_published_files(ctx.settings.instance, _published(ctx))
    assert (check.bad, check.ahead, check.behind, check.temp) == ([], [], [], [])
    assert check.files_checked == 3
