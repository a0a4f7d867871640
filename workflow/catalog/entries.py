"""What PO and XLIFF catalogs share: the entry read back, the upload, approval markers.

The markers live in translator comments (PO) or notes (XLIFF): ``approved-by:``,
``approved-text: sha256:…`` (the first 16 hex digits of the SHA-256 of the approved text, so
approval is bound to the text) and ``base-version:`` (the translation version a file was
exported with, the base of a three-way merge). Uploads are checked for size and UTF-8 here
before any parser sees them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from workflow.states import SegmentState

DEFAULT_GENERATOR = "transdesk 0.1.0"

APPROVED_BY = "approved-by:"

APPROVED_TEXT = "approved-text: sha256:"

BASE_VERSION = "base-version:"

REVISION_HEADER = "X-Transdesk-Revision"

#: The largest upload :func:`read_upload` accepts unless told otherwise (5 MB).
MAX_UPLOAD_BYTES = 5_000_000


@dataclass(frozen=True)
class CatalogEntry:
    """One entry read back from a PO file: a segment key, its texts and its state.

    ``approver`` is the name in the approval marker when the state is APPROVED;
    ``base_version`` the translation version the file was exported with (None when the
    entry does not say, e.g. a file made by another tool); ``line`` is where the entry
    sits in the file (for messages, not compared).
    """

    key: str
    source: str
    target: str
    state: SegmentState
    approver: str | None = None
    base_version: int | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Upload:
    """A catalog sent back for merging: what it was taken from and its live entries.

    ``revision`` is the article × locale revision of the download (None when the file
    does not say); ``format`` is ``po``, ``xliff2`` or ``xliff12``; ``article`` the
    article slug the file names (PO ``Project-Id-Version``, XLIFF file id), if any.
    """

    revision: int | None
    entries: tuple[CatalogEntry, ...]
    format: str
    article: str | None = None


def approval_digest(text: str) -> str:
    """The text fingerprint written after ``approved-text: sha256:``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
