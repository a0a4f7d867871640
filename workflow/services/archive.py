"""Use cases of the bilingual archive: pair folders (or uploaded files) of Korean originals
and English translations (``transdesk archive pair``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workflow.alignment.lexicon import default_lexicon
from workflow.archive.pairing import DEFAULT_THRESHOLD, Pair, pair_documents
from workflow.archive.reading import Problem, folder_files, read_documents
from workflow.errors import BadInput
from workflow.services.context import Context

__all__ = ["ArchivePairing", "pair_archive", "pair_folders"]


@dataclass(frozen=True)
class ArchivePairing:
    """Pairs found, files left alone on each side, and files that could not be read."""

    pairs: tuple[Pair, ...]
    ko_alone: tuple[str, ...]
    en_alone: tuple[str, ...]
    problems: tuple[Problem, ...]


def pair_archive(
    ctx: Context,
    ko_files: Iterable[tuple[str, bytes]],
    en_files: Iterable[tuple[str, bytes]],
    *,
    format: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> ArchivePairing:
    """Which English file translates which Korean one: metadata (links, ids in addresses,
    dates) first, then content (figures, names, Latin tokens, the aligner's lexicon);
    one-to-one, nothing paired below ``threshold``. A file that cannot be read is reported
    in ``problems`` and skipped. Stores nothing."""
    if format is not None:
        ctx.importers.get(format)  # an unknown format is an error before any file is read
    if not 0.0 <= threshold <= 1.0:
        raise BadInput(
            "the threshold must be between 0 and 1, not %(threshold)s", threshold=threshold
        )
    lexicon = default_lexicon()
    ko, ko_problems = read_documents(
        ko_files, korean=True, format=format, registry=ctx.importers, lexicon=lexicon
    )
    en, en_problems = read_documents(
        en_files, korean=False, format=format, registry=ctx.importers, lexicon=None
    )
    result = pair_documents(ko, en, threshold=threshold)
    return ArchivePairing(
        pairs=result.pairs,
        ko_alone=result.ko_alone,
        en_alone=result.en_alone,
        problems=tuple(ko_problems + en_problems),
    )


def pair_folders(
    ctx: Context,
    ko_dir: Path,
    en_dir: Path,
    *,
    format: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> ArchivePairing:
    """``pair_archive`` over the files directly in two folders."""
    if not ko_dir.is_dir() or not en_dir.is_dir():
        missing = ko_dir if not ko_dir.is_dir() else en_dir
        raise BadInput("%(missing)s: not a folder", missing=missing)
    return pair_archive(
        ctx, folder_files(ko_dir), folder_files(en_dir), format=format, threshold=threshold
    )
