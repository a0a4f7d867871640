"""Reading an archive's files: each one parsed (any import format), bad ones set aside by name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workflow.alignment.lexicon import Lexicon
from workflow.archive.documents import Document, read_document
from workflow.errors import BadInput
from workflow.importers import Importer, read_article
from workflow.importers.base import peek_text
from workflow.registry import Registry

__all__ = ["Problem", "folder_files", "read_documents"]


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, and why (its error message, which names it)."""

    name: str
    message: str


def folder_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of the regular files directly in ``folder``, by name; hidden
    files (``.DS_Store``) are skipped. BadInput when the folder does not exist."""
    if not folder.is_dir():
        raise BadInput("%(folder)s: not a folder", folder=folder)
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or not path.is_file():
            continue
        yield path.name, path.read_bytes()


def read_documents(
    files: Iterable[tuple[str, bytes]],
    *,
    korean: bool,
    format: str | None,
    registry: Registry[Importer] | None,
    lexicon: Lexicon | None,
) -> tuple[list[Document], list[Problem]]:
    """The pairing view of each file; a file that cannot be read becomes a ``Problem``."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            article = read_article(
                data, source=name, format=format, registry=registry, require_title=False
            )
        except BadInput as e:
            problems.append(Problem(name, str(e)))
            continue
        docs.append(read_document(name, peek_text(data), article, korean=korean, lexicon=lexicon))
    return docs, problems
