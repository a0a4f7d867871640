"""The term base as use cases: list, add, remove, import and export (CSV, TBX)."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.errors import BadInput, Message, NotFound
from workflow.glossary import Term, read_tbx, read_terms_csv, tbx_bytes, terms_csv_bytes
from workflow.glossary.csv_io import MAX_POS_CHARS
from workflow.glossary.terms import checked_term
from workflow.services.common import acting_editor, acting_user, require_reviewer
from workflow.services.context import Context
from workflow.services.publishing import Export
from workflow.store import audit, glossary
from workflow.text.locales import parse_locale

FORMATS = ("csv", "tbx")


@dataclass(frozen=True)
class GlossaryImport:
    added: int
    updated: int


def list_terms(ctx: Context, *, target_lang: str | None = None) -> list[tuple[int, Term]]:
    with ctx.db.transaction(write=False) as conn:
        return glossary.list_terms(conn, target_lang=target_lang)


def add_term(ctx: Context, term: Term, *, user_id: int) -> bool:
    """Add a term, or replace the one with the same source and languages (editors)."""
    if not term.source.strip() or not term.target.strip():
        raise BadInput("a term needs both a source and a target", field="source")
    if term.pos and len(term.pos) > MAX_POS_CHARS:
        raise BadInput(
            "part of speech is %(n_pos)s characters; the limit is %(MAX_POS_CHARS)s",
            n_pos=len(term.pos),
            MAX_POS_CHARS=MAX_POS_CHARS,
            field="pos",
        )
    term = checked_term(
        Term(
            source=term.source.strip(),
            target=term.target.strip(),
            source_lang=parse_locale(term.source_lang),
            target_lang=parse_locale(term.target_lang),
            note=term.note or None,
            pos=term.pos or None,
            forbidden=tuple(f.strip() for f in term.forbidden if f.strip()),
        )
    )
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        return glossary.upsert_term(conn, term, user.id, ctx.clock())


def delete_term(ctx: Context, term_id: int, *, user_id: int) -> None:
    with ctx.db.transaction() as conn:
        require_reviewer(acting_user(conn, user_id))
        if not glossary.delete_term(conn, term_id):
            raise NotFound("no term with id %(term_id)s", term_id=term_id)


def import_terms(
    ctx: Context, data: bytes, *, source: str, fmt: str | None = None, user_id: int | None = None
) -> GlossaryImport:
    """Import a CSV or TBX term base; a bad file imports nothing. One transaction."""
    kind = fmt or _detect(data, source)
    if kind == "csv":
        terms = read_terms_csv(data, source=source)
    elif kind == "tbx":
        terms = read_tbx(data, source=source)
    else:
        raise BadInput(
            "unknown glossary format %(kind)r; known: csv, tbx", kind=kind, field="format"
        )
    added = updated = 0
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        if user_id is not None:
            require_reviewer(acting_user(conn, user_id))
        for term in terms:
            if glossary.upsert_term(conn, term, user_id, now):
                added += 1
            else:
                updated += 1
        audit.audit(
            conn,
            action="glossary-import",
            now=now,
            user_id=user_id,
            detail=Message(
                "%(src)s: %(added)s added, %(updated)s updated",
                src=source,
                added=added,
                updated=updated,
            ),
        )
    return GlossaryImport(added=added, updated=updated)


def export_terms(ctx: Context, fmt: str = "csv") -> Export:
    terms = [t for _, t in list_terms(ctx)]
    if fmt == "csv":
        return Export("glossary.csv", "text/csv; charset=utf-8", terms_csv_bytes(terms))
    if fmt == "tbx":
        return Export("glossary.tbx", "application/x-tbx+xml", tbx_bytes(terms))
    raise BadInput("unknown glossary format %(fmt)r; known: csv, tbx", fmt=fmt, field="format")


def _detect(data: bytes, source: str) -> str:
    name = source.lower()
    if name.endswith((".tbx", ".xml")) or data.lstrip()[:1] == b"<":
        return "tbx"
    return "csv"
