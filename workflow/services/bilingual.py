"""QA for any bilingual text, pofilter style: pairs from JSON Lines, a PO or XLIFF catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from workflow.catalog.po_read import read_catalog
from workflow.catalog.xliff_read import read_xliff
from workflow.checks import CheckContext, Finding, run_checks
from workflow.checks.pairs import BilingualPair, read_pairs_jsonl
from workflow.errors import BadInput
from workflow.glossary import TermIndex
from workflow.services.common import desk_name
from workflow.services.context import Context
from workflow.services.qa import apply_desk_settings, term_index
from workflow.store import qa

__all__ = ["PairFindings", "check_catalog_file", "check_pairs_file"]


@dataclass(frozen=True)
class PairFindings:
    """The findings of the desk's checks on one pair, in the order the checks come."""

    id: str | int
    findings: tuple[Finding, ...]


def _check(ctx: Context, pairs: list[BilingualPair], desk: str | None) -> list[PairFindings]:
    indexes: dict[tuple[str, str], TermIndex] = {}
    with ctx.db.transaction(write=False) as conn:
        settings = qa.desk_check_settings(conn, desk_name(desk)) if desk is not None else {}
        for pair in pairs:
            langs = (pair.source_lang, pair.target_lang)
            if langs not in indexes:
                indexes[langs] = term_index(conn, *langs)
    out = []
    for pair in pairs:
        index = indexes[pair.source_lang, pair.target_lang]
        check_ctx = CheckContext(
            source=pair.source,
            target=pair.target,
            source_lang=pair.source_lang,
            target_lang=pair.target_lang,
            terms=tuple(index.find(pair.source)),
        )
        found = apply_desk_settings(run_checks(check_ctx, ctx.checks), settings)
        out.append(PairFindings(pair.id, tuple(found)))
    return out


def check_pairs_file(
    ctx: Context, data: bytes, *, name: str, desk: str | None = None
) -> list[PairFindings]:
    """The findings for every pair of a JSON Lines file, in input order; a bad line is a
    :class:`BadInput` naming its line, and then nothing is checked. With ``desk``, the
    checks run as that desk chose (which, at which severity)."""
    return _check(ctx, read_pairs_jsonl(data, source=name), desk)


def check_catalog_file(
    ctx: Context,
    data: bytes,
    *,
    name: str,
    source_lang: str = "ko",
    target_lang: str = "en",
    desk: str | None = None,
) -> list[PairFindings]:
    """The findings for every translated entry of a PO (``.po``) or XLIFF (``.xlf``,
    ``.xliff``) catalog, keyed by the entry's key (msgctxt or unit id), in file order."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".po":
        entries = read_catalog(data, source=name)
    elif suffix in (".xlf", ".xliff"):
        entries = list(read_xliff(data, source=name, locale=target_lang).entries)
    else:
        raise BadInput("name a .po, .xlf or .xliff file", source=name)
    pairs = [
        BilingualPair(e.key, e.source, e.target, source_lang, target_lang)
        for e in entries
        if e.target.strip()
    ]
    return _check(ctx, pairs, desk)
