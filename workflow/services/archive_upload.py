"""The archive from the browser: an editor uploads zips, sees the proposed pairs, fixes or
drops them, and starts the import job.

Uploads are staged in ``<instance>/archive/<token>/`` (``ko/``, ``en/``, and the owner's id),
unpacked safely: at most ``MAX_STAGED_FILES`` members, only files, by their base name (no
path is ever joined), no hidden files or ``__MACOSX``, each at most ``MAX_ARTICLE_BYTES``
and all together at most ``MAX_STAGED_BYTES`` (sizes are checked from the headers, and a
member is read no further than its limit, so a zip bomb stops early).
"""

from __future__ import annotations

import io
import json
import secrets
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workflow.errors import BadInput, NotFound
from workflow.importers.base import MAX_ARTICLE_BYTES
from workflow.services.archive import ArchivePairing, pair_folders
from workflow.services.archive_import import PAIRS_FILE, submit_archive_import
from workflow.services.common import require_reviewer, viewer
from workflow.services.context import Context

__all__ = [
    "MAX_STAGED_BYTES",
    "MAX_STAGED_FILES",
    "StagedArchive",
    "stage_archive",
    "start_staged_import",
]

MAX_STAGED_BYTES = 500_000_000
#: Most files one upload may hold (an archive of years of articles is a few 10,000).
MAX_STAGED_FILES = 50_000
_TOKEN_CHARS = frozenset("0123456789abcdef")
_OWNER = "owner"


@dataclass(frozen=True)
class StagedArchive:
    """An uploaded archive waiting for the editor: its token, the proposed pairs, the rest."""

    token: str
    pairing: ArchivePairing
    ko_files: tuple[str, ...]
    en_files: tuple[str, ...]


def _staging(ctx: Context) -> Path:
    return ctx.settings.instance / "archive"


def _unpack(data: bytes, *, source: str, side: str | None, into: Path, budget: list[int]) -> None:
    """Files of a zip into ``into/ko`` and ``into/en`` (``side`` given: all to that side;
    else by the ``ko``/``en`` folder they sit in)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadInput("not a zip file", source=source) from None
    with archive:
        if len(archive.infolist()) > MAX_STAGED_FILES:
            raise BadInput(
                "more than %(MAX_STAGED_FILES)s files in one zip",
                MAX_STAGED_FILES=format(MAX_STAGED_FILES, ","),
                source=source,
            )
        for info in archive.infolist():
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if info.is_dir() or not path.name or path.name.startswith("."):
                continue
            if "__MACOSX" in path.parts:
                continue
            where = side or next((p for p in reversed(path.parts[:-1]) if p in ("ko", "en")), None)
            if where is None:
                raise BadInput(
                    "%(filename)s: put the files in a ko/ and an en/ folder",
                    filename=info.filename,
                    source=source,
                )
            if info.file_size > MAX_ARTICLE_BYTES:
                raise BadInput(
                    "%(filename)s: %(file_size)s bytes; an article file is at most "
                    "%(MAX_ARTICLE_BYTES)s",
                    filename=info.filename,
                    file_size=format(info.file_size, ","),
                    MAX_ARTICLE_BYTES=format(MAX_ARTICLE_BYTES, ","),
                    source=source,
                )
            budget[0] -= info.file_size
            if budget[0] < 0:
                raise BadInput(
                    "more than %(MAX_STAGED_BYTES)s bytes unpacked",
                    MAX_STAGED_BYTES=format(MAX_STAGED_BYTES, ","),
                    source=source,
                )
            target = into / where / path.name
            if target.exists():
                raise BadInput(
                    "%(name)s: two files of that name in %(where)s/",
                    name=path.name,
                    where=where,
                    source=source,
                )
            with archive.open(info) as member:  # a lying header is cut at the limit
                target.write_bytes(member.read(MAX_ARTICLE_BYTES + 1)[:MAX_ARTICLE_BYTES])


def stage_archive(
    ctx: Context,
    uploads: Sequence[tuple[str | None, str, bytes]],
    *,
    user_id: int | None = None,
) -> StagedArchive:
    """Stage ``(side, file name, zip bytes)`` uploads (side "ko", "en", or None for one zip
    with ``ko/`` and ``en/``) and propose pairs. Editors only."""
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)
    if not uploads:
        raise BadInput("upload a zip of Korean and one of English articles, or one zip with both")
    token = secrets.token_hex(12)
    folder = _staging(ctx) / token
    for folder_name in ("ko", "en"):
        (folder / folder_name).mkdir(parents=True)
    (folder / _OWNER).write_text(str(user_id if user_id is not None else ""))
    budget = [MAX_STAGED_BYTES]
    try:
        for side, name, data in uploads:
            _unpack(data, source=name, side=side, into=folder, budget=budget)
        return staged(ctx, token, user_id=user_id)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _folder(ctx: Context, token: str, user_id: int | None) -> Path:
    folder = _staging(ctx) / token
    if not token or not set(token) <= _TOKEN_CHARS or not folder.is_dir():
        raise NotFound("no uploaded archive %(token)r", token=token)
    owner = (folder / _OWNER).read_text()
    if user_id is not None and owner != str(user_id):
        with ctx.db.transaction(write=False) as conn:
            user = viewer(conn, user_id)
        if user is None or not user.role.can_manage:  # admins see every upload
            raise NotFound("no uploaded archive %(token)r", token=token)
    return folder


def staged(ctx: Context, token: str, *, user_id: int | None = None) -> StagedArchive:
    """The proposed pairs of a staged upload (its owner and admins only)."""
    folder = _folder(ctx, token, user_id)
    pairing = pair_folders(ctx, folder / "ko", folder / "en")
    return StagedArchive(
        token=token,
        pairing=pairing,
        ko_files=tuple(sorted(p.name for p in (folder / "ko").iterdir())),
        en_files=tuple(sorted(p.name for p in (folder / "en").iterdir())),
    )


def start_staged_import(
    ctx: Context,
    token: str,
    choices: Mapping[str, str],
    *,
    desk: str = "news",
    review: bool = False,
    user_id: int | None = None,
) -> str:
    """Import the pairs the editor kept (``{ko file: en file}``; a Korean file left out is
    dropped) as a job; returns the job id."""
    folder = _folder(ctx, token, user_id)
    proposed = {p.ko: p for p in pair_folders(ctx, folder / "ko", folder / "en").pairs}
    used: set[str] = set()
    pairs = []
    for ko, en in sorted(choices.items()):
        if not en:
            continue
        if not (folder / "ko" / ko).is_file() or not (folder / "en" / en).is_file():
            raise BadInput("%(ko)s ↔ %(en)s: no such uploaded file", ko=ko, en=en)
        if en in used:
            raise BadInput("%(en)s is paired with two Korean articles; keep one", en=en)
        used.add(en)
        same = proposed.get(ko)
        pairs.append([ko, en, same.confidence if same and same.en == en else 1.0])
    if not pairs:
        raise BadInput("no pair left to import")
    (folder / PAIRS_FILE).write_text(json.dumps(pairs, ensure_ascii=False))
    return submit_archive_import(
        ctx, folder / "ko", folder / "en", desk=desk, review=review, user_id=user_id
    )
