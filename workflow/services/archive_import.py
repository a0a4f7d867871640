"""Import a bilingual archive (``transdesk archive import``): pair the folders, import each
Korean original, align it with its English translation and fill the translation memory with
the aligned pairs (origin ``aligned``, ranked below people's work).

Each pair is one transaction: the article, its segments, its memory units and the
``archive_items`` row keyed by both files' SHA-256 are written together, so a killed import
leaves every pair whole or absent, and running it again skips what is there (idempotent by
content) and goes on with the rest. No review work is created unless ``review`` is set:
then the English is paired with the original as a translation in TRANSLATED state (after
the pair's transaction; a pair whose pairing did not happen is paired on the next run).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from workflow.alignment.aligner import align
from workflow.archive.pairing import DEFAULT_THRESHOLD
from workflow.errors import BadInput, WorkflowError
from workflow.jobs import ArchiveJob, JobContext, report_progress
from workflow.memory.units import TmUnitDraft
from workflow.model import Bead, SegmentDraft, SegmentKind
from workflow.services.archive import pair_folders
from workflow.services.articles import (
    _slug_from,
    insert_original,
    pair_translation,
    segment_file,
)
from workflow.services.common import desk_name as valid_desk_name
from workflow.services.common import require_desk_member, require_reviewer, viewer
from workflow.services.context import Context
from workflow.services.fills import paragraph_starts, starts_of
from workflow.store import archive, audit, localizations, memory

__all__ = ["PAIRS_FILE", "ArchiveImport", "import_archive"]

#: In a staged upload folder: the pairs an editor confirmed, ``[[ko, en, confidence], …]``.
PAIRS_FILE = "pairs.json"


@dataclass(frozen=True)
class ArchiveImport:
    """What an archive import did."""

    pairs: int  # pairs to import
    imported: int  # newly imported
    skipped: int  # imported before (same contents)
    units: int  # memory units added
    failed: tuple[str, ...]  # "ko-file: message" for pairs that could not be imported
    ko_alone: int = 0
    en_alone: int = 0
    unreadable: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "imported": self.imported,
            "skipped": self.skipped,
            "units": self.units,
            "failed": list(self.failed),
            "ko_alone": self.ko_alone,
            "en_alone": self.en_alone,
            "unreadable": self.unreadable,
        }


def import_archive(
    ctx: Context,
    ko_dir: Path,
    en_dir: Path,
    *,
    desk: str = "news",
    review: bool = False,
    user_id: int | None = None,
    pairs: Sequence[tuple[str, str, float]] | None = None,
    job: JobContext | None = None,
) -> ArchiveImport:
    """Pair (or take ``pairs``, else a ``pairs.json`` beside the folders), then import pair
    by pair; ``job`` gets progress after each pair and may cancel between pairs."""
    section = valid_desk_name(desk)
    _check_importer(ctx, section, user_id)
    ko_alone = en_alone = unreadable = 0
    if pairs is None:
        staged = ko_dir.parent / PAIRS_FILE
        if staged.is_file():
            pairs = [(str(k), str(e), float(c)) for k, e, c in json.loads(staged.read_text())]
        else:
            found = pair_folders(ctx, ko_dir, en_dir, threshold=DEFAULT_THRESHOLD)
            pairs = [(p.ko, p.en, p.confidence) for p in found.pairs]
            ko_alone, en_alone = len(found.ko_alone), len(found.en_alone)
            unreadable = len(found.problems)
    total = len(pairs)
    imported = skipped = units = 0
    failed: list[str] = []
    if job is not None:
        job.checkpoint(0, total, f"{total} pairs")
    for n, (ko_name, en_name, confidence) in enumerate(pairs, 1):
        try:
            added = _import_pair(
                ctx, ko_dir, en_dir, ko_name, en_name, confidence, section, review, user_id
            )
        except WorkflowError as e:
            failed.append(f"{ko_name}: {e}")
        else:
            if added is None:
                skipped += 1
            else:
                imported += 1
                units += added
        if job is not None:
            job.checkpoint(n, total, f"{ko_name} ↔ {en_name}", failed=len(failed))
    return ArchiveImport(
        pairs=total,
        imported=imported,
        skipped=skipped,
        units=units,
        failed=tuple(failed),
        ko_alone=ko_alone,
        en_alone=en_alone,
        unreadable=unreadable,
    )


def submit_archive_import(
    ctx: Context,
    ko_dir: Path,
    en_dir: Path,
    *,
    desk: str = "news",
    review: bool = False,
    user_id: int | None = None,
) -> str:
    """Queue ``import_archive`` as a job (huey); returns its id. The folders are checked
    and the user's right to import onto ``desk`` is checked now, before anything is queued."""
    section = valid_desk_name(desk)
    for folder in (ko_dir, en_dir):
        if not folder.is_dir():
            raise BadInput("%(folder)s: not a folder", folder=folder)
    _check_importer(ctx, section, user_id)
    tasks = ctx.mt.archive_tasks
    if tasks is None:
        raise RuntimeError("the archive-import task is not registered (use build_context)")
    job = ArchiveJob(str(ko_dir.resolve()), str(en_dir.resolve()), section, review, user_id)
    return tasks.submit(job)


def run_archive_job(ctx: Context, job: ArchiveJob, progress: JobContext) -> None:
    """The job's work: ``import_archive``; its summary becomes the job's last message."""
    result = import_archive(
        ctx,
        Path(job.ko_dir),
        Path(job.en_dir),
        desk=job.desk,
        review=job.review,
        user_id=job.requested_by,
        job=progress,
    )
    report_progress(
        progress.huey,
        progress.job_id,
        result.pairs,
        result.pairs,
        json.dumps(result.to_dict()),
        failed=len(result.failed),
    )


def _file(folder: Path, name: str) -> bytes:
    path = folder / name
    if PurePath(name).name != name or not path.is_file():
        raise BadInput("%(name)s: no such file in %(folder)s", name=name, folder=folder)
    return path.read_bytes()


def _import_pair(
    ctx: Context,
    ko_dir: Path,
    en_dir: Path,
    ko_name: str,
    en_name: str,
    confidence: float,
    desk: str,
    review: bool,
    user_id: int | None,
) -> int | None:
    """Memory units added, or None when this pair of contents was imported before."""
    ko_data, en_data = _file(ko_dir, ko_name), _file(en_dir, en_name)
    ko_sha = hashlib.sha256(ko_data).hexdigest()
    en_sha = hashlib.sha256(en_data).hexdigest()
    with ctx.db.transaction(write=False) as conn:
        done = archive.find_item(conn, ko_sha, en_sha)
    if done is not None:
        if done.review:  # paired for review after its transaction: finish a killed run
            with ctx.db.transaction(write=False) as conn:
                paired = localizations.localization_id(conn, done.article_id, "en")
            if paired is None:
                pair_translation(ctx, done.article_id, en_data, source=en_name, locale="en")
        return None
    stem = PurePath(ko_name).stem
    ko = segment_file(ctx, ko_data, source=ko_name, locale="ko", require_title=False)
    titled = bool(ko.meta.title)
    if not titled:  # a plain text: the file's name stands for the headline, never a sentence
        first = ko.segments[0]
        assert first.kind is SegmentKind.TITLE
        ko = replace(
            ko,
            meta=replace(ko.meta, title=stem),
            segments=(replace(first, text=stem), *ko.segments[1:]),
        )
    en = segment_file(ctx, en_data, source=en_name, locale="en", require_title=False)
    body = [s for s in ko.segments if s.kind is SegmentKind.BODY]
    beads = align(
        [s.text for s in body],
        en.body,
        source_lang="ko",
        target_lang="en",
        source_breaks=starts_of([s.paragraph for s in body]),
        target_breaks=paragraph_starts(en),
    )
    now = ctx.clock()
    added = 0
    with ctx.db.transaction() as conn:
        if archive.find_item(conn, ko_sha, en_sha) is not None:
            return None  # imported meanwhile by another run
        article_id, slug = insert_original(
            conn, ko, slug=_slug_from(ko_name, ko.meta.title), locale="ko", desk=desk, now=now
        )
        if not review:
            title = ko.meta.title if titled else ""
            for source, target in _unit_pairs(title, en.meta.title, body, en.body, beads):
                unit = TmUnitDraft(
                    source=source,
                    target=target,
                    source_lang="ko",
                    target_lang="en",
                    origin="aligned",
                    context=f"{slug}/archive",
                    article=slug,
                    desk=desk,
                )
                added += memory.insert_tm_unit(conn, unit, now)
        archive.insert_item(
            conn,
            ko_sha256=ko_sha,
            en_sha256=en_sha,
            article_id=article_id,
            ko_name=ko_name,
            en_name=en_name,
            confidence=confidence,
            units=added,
            review=review,
            now=now,
        )
        audit.audit(
            conn,
            action="archive-import",
            now=now,
            user_id=user_id,
            article_id=article_id,
            locale="ko",
            detail=f"{ko_name} ↔ {en_name} ({confidence:.3f}): {len(beads)} beads, {added} units",
        )
    if review:
        pair_translation(ctx, article_id, en_data, source=en_name, locale="en")
    return added


def _unit_pairs(
    ko_title: str,
    en_title: str,
    body: Sequence[SegmentDraft],
    en: Sequence[str],
    beads: Sequence[Bead],
) -> list[tuple[str, str]]:
    """(Korean, English) texts of the title and of every bead with both sides."""
    texts = [s.text for s in body]
    out = [(ko_title, en_title)] if ko_title and en_title else []
    for bead in beads:
        if bead.source and bead.target:
            out.append(
                (" ".join(texts[i] for i in bead.source), " ".join(en[j] for j in bead.target))
            )
    return out


def _check_importer(ctx: Context, section: str, user_id: int | None) -> None:
    """An editor of ``section`` (or an administrator, or the command line without ``--as``)."""
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
    if user is not None:
        require_reviewer(user)
        require_desk_member(user, section)
