"""The term base: terms, finding them in Korean sources, checking their use, CSV and TBX.

Pure: no database, no files; bytes in, bytes out. Errors in input files are
:class:`workflow.errors.BadInput` carrying the source name, line and field.
"""

from __future__ import annotations

from workflow.glossary.csv_io import TERM_COLUMNS, read_terms_csv, terms_csv_bytes
from workflow.glossary.matching import TermIndex, find_terms, forbidden_used, target_uses
from workflow.glossary.tbx import DEFAULT_MAX_BYTES, read_tbx, tbx_bytes
from workflow.glossary.terms import Term, TermHit

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TERM_COLUMNS",
    "Term",
    "TermHit",
    "TermIndex",
    "find_terms",
    "forbidden_used",
    "read_tbx",
    "read_terms_csv",
    "target_uses",
    "tbx_bytes",
    "terms_csv_bytes",
]
