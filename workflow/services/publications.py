"""Completing publications: writing a committed publish's files from its outbox row.

The layout, for an article × locale (all under the instance folder)::

    published/<slug>/<locale>/r<revision>-<publication id>/   one folder per publication:
        <slug>.<locale>.zip  <slug>.po  <slug>.mo          the bytes of the outbox row
    published/<slug>/<locale>/current -> r151-42            the one pointer readers follow
    published/<slug>/<locale>/<slug>.<locale>.zip -> current/<slug>.<locale>.zip
    locales/<locale>/LC_MESSAGES/<slug>.po -> ../../../published/<slug>/<locale>/current/<slug>.po
    locales/<locale>/LC_MESSAGES/<slug>.mo -> (likewise)

A publication folder is written under a temp name and renamed; then ``current`` is replaced
in one ``rename(2)``, so the zip, the PO and the MO of one publish appear together, and only
once the database has committed that publish. Completion runs under a lock file per
article × locale (``published/<slug>/<locale>/.lock``), is idempotent, and only ever moves
``current`` to the newest publication of its article × locale: an older pending one that
completes late is marked done without touching the files. Whoever holds the lock sweeps
the temp entries a killed writer left, and keeps at most :data:`KEEP_OLD` older folders.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from workflow.files import ensure_symlink, folder_lock, replace_symlink, sweep_temp_entries
from workflow.files import write_folder_atomic as write_folder
from workflow.services.context import Context
from workflow.store import publications

__all__ = [
    "KEEP_OLD",
    "Layout",
    "complete_pending",
    "complete_publication",
    "write_publication",
]

logger = logging.getLogger("workflow.publications")

#: Publication folders kept besides the current one (a reader may have resolved ``current``
#: just before a switch and still be opening files there).
KEEP_OLD = 2

CURRENT = "current"
_FOLDER = re.compile(r"r(\d+)-(\d+)")


@dataclass(frozen=True)
class Layout:
    """Where the published files of one article × locale live."""

    instance: Path
    slug: str
    locale: str

    @property
    def folder(self) -> Path:
        return self.instance / "published" / self.slug / self.locale

    @property
    def messages(self) -> Path:
        return self.instance / "locales" / self.locale / "LC_MESSAGES"

    @property
    def bundle_name(self) -> str:
        return f"{self.slug}.{self.locale}.zip"

    def catalog_name(self, fmt: str) -> str:
        return f"{self.slug}.{fmt}"

    @staticmethod
    def folder_name(p: publications.Publication) -> str:
        return f"r{p.revision}-{p.id}"

    def current(self) -> str | None:
        """The folder name ``current`` points at, if any."""
        try:
            return os.readlink(self.folder / CURRENT)
        except (FileNotFoundError, OSError):
            return None

    def files(self, p: publications.Publication) -> dict[str, bytes]:
        return {
            self.bundle_name: p.bundle,
            self.catalog_name("po"): p.po,
            self.catalog_name("mo"): p.mo,
        }


def complete_publication(ctx: Context, publication_id: int) -> bool:
    """Put a committed publication's files in place; False when it was done already.

    Safe to call from several processes and threads at once, and again after a crash at
    any point: the work happens under the article × locale's lock and checks what is
    there first.
    """
    with ctx.db.transaction(write=False) as conn:
        p = publications.publication(conn, publication_id)
    if p is None:
        return False
    layout = Layout(ctx.settings.instance, p.slug, p.locale)
    with folder_lock(layout.folder):
        with ctx.db.transaction(write=False) as conn:
            # Decided under the lock: another completer may have finished it meanwhile, and
            # a newer publication of the same article × locale completes after us or already
            # has (then ours is superseded and the files stay as they are).
            if not publications.is_pending(conn, p.id):
                return False
            newest = publications.latest_id(conn, p.localization_id)
        _sweep(layout)
        if p.id == newest:
            write_publication(layout, p)
        _prune(layout)
        with ctx.db.transaction() as conn:
            publications.mark_done(conn, [p.id], ctx.clock())
    return True


def complete_pending(ctx: Context) -> int:
    """Complete every pending publication, oldest first (start-up, the periodic job).

    A new instance whose database is not migrated yet has nothing pending. A publication
    whose files cannot be written (a full disk, a folder's permissions) is logged and stays
    pending for the next round; the others go on. Returns how many were completed here.
    """
    with ctx.db.transaction(write=False) as conn:
        if not publications.outbox_exists(conn):
            return 0
        ids = publications.pending_ids(conn)
    done = 0
    for publication_id in ids:
        try:
            completed = complete_publication(ctx, publication_id)
        except OSError:
            logger.exception("publication %s: files not written; retried later", publication_id)
            continue
        if completed:
            done += 1
            logger.info("completed publication %s", publication_id)
    return done


def write_publication(layout: Layout, p: publications.Publication) -> None:
    """Write ``p``'s folder unless ``current`` already shows it, switch ``current``, link.

    The caller holds the folder lock and knows ``p`` is the newest publication.
    """
    name = layout.folder_name(p)
    target = layout.folder / name
    if layout.current() != name or not _same(target, layout.files(p)):
        write_folder(target, layout.files(p))
        replace_symlink(layout.folder / CURRENT, name)
    # The fixed names readers use, each resolved through ``current`` (made once; a file of
    # the layout before publication folders is replaced by its link here).
    ensure_symlink(layout.folder / layout.bundle_name, f"{CURRENT}/{layout.bundle_name}")
    layout.messages.mkdir(parents=True, exist_ok=True)
    for fmt in ("po", "mo"):
        name_ = layout.catalog_name(fmt)
        target_ = os.path.relpath(layout.folder / CURRENT / name_, layout.messages)
        ensure_symlink(layout.messages / name_, target_)


def _same(folder: Path, files: dict[str, bytes]) -> bool:
    try:
        return all((folder / n).read_bytes() == data for n, data in files.items())
    except OSError:
        return False


def _sweep(layout: Layout) -> None:
    removed = sweep_temp_entries(layout.folder)
    removed += sweep_temp_entries(
        layout.messages, (layout.catalog_name("po"), layout.catalog_name("mo"))
    )
    for path in removed:
        logger.info("removed %s, left by a killed writer", path)


def _prune(layout: Layout) -> None:
    """Keep ``current`` and the :data:`KEEP_OLD` newest folders before it; drop the rest.

    Folders newer than ``current`` were never shown (a writer died before its switch, or
    its publication was superseded) and go too.
    """
    current = layout.current()
    found = _FOLDER.fullmatch(current or "")
    if found is None:
        return
    mark = (int(found[1]), int(found[2]))
    older: list[tuple[tuple[int, int], Path]] = []
    for entry in layout.folder.iterdir():
        m = _FOLDER.fullmatch(entry.name)
        if m is None or entry.name == current or not entry.is_dir():
            continue
        order = (int(m[1]), int(m[2]))
        if order > mark:
            shutil.rmtree(entry, ignore_errors=True)
        else:
            older.append((order, entry))
    older.sort(reverse=True)
    for _, entry in older[KEEP_OLD:]:
        shutil.rmtree(entry, ignore_errors=True)
