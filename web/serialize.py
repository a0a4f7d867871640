"""The JSON shapes of transdesk's values, for the CLI's ``--json`` output and the JSON API.

Both edges are contracts that outside programs parse: the CLI's output is pinned byte for byte
by ``tests/web/test_cli_json_contract.py``, the API's by ``tests/web/test_api*.py`` and
``web/openapi.py``. One function per value; a shape both edges print (an article's head, the
evidence of a pairing) is built once, here. Key order is part of the output.

The bundle's ``article.json`` (``workflow/export/json_.py``) is a third shape, not this one: its
metadata are the target edition's, its URLs filtered, its segments carry the approver.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workflow.glossary.terms import Term
from workflow.model import ApiToken, Article, LocalizedArticle, Translation
from workflow.services import (
    ApprovalResult,
    ArticleOverview,
    ArticleStatus,
    CorrectionResult,
    Delivery,
    GlossaryImport,
    ImportResult,
    InboxEvent,
    LocaleStatus,
    NewToken,
    PairFindings,
    PairResult,
    Person,
    QaFinding,
    ReplaceResult,
    TmHit,
    WorkAssignment,
)

Json = dict[str, Any]
#: A pairing's beads below this confidence are counted as flagged for review (API).
REVIEW_BELOW = 0.8


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _pick(value: object, *names: str) -> Json:
    """The named attributes of a value, in this order; a tuple becomes a list."""
    picked = {name: getattr(value, name) for name in names}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in picked.items()}


# --- articles -------------------------------------------------------------------------------


def article_head(a: Article) -> Json:
    """What names an article in a list: id, slug, source locale, desk, title."""
    return {"id": a.id, "slug": a.slug, "locale": a.locale, "desk": a.desk, "title": a.meta.title}


def article(a: Article) -> Json:
    """An article in the API: its head and whether it is embargoed."""
    return article_head(a) | {"embargoed": a.embargoed}


def overview(o: ArticleOverview) -> Json:
    """An article with its progress per target locale (CLI ``articles list``)."""
    return article_head(o.article) | {
        "locales": {
            p.locale: {"state": p.state.value, "counts": {s.label: n for s, n in p.counts.items()}}
            for p in o.locales
        }
    }


def api_overview(o: ArticleOverview) -> Json:
    """An article with the state of each target locale (API ``GET /v1/articles``)."""
    return article(o.article) | {
        "translations": [{"locale": p.locale, "state": p.state.value} for p in o.locales]
    }


def locale_status(t: LocaleStatus) -> Json:
    return {
        "locale": t.locale,
        "state": t.state,
        "revision": t.revision,
        "published_at": _iso(t.published_at),
        "segments": t.segments,
        "counts": t.counts,
    }


def article_status(s: ArticleStatus) -> Json:
    return article(s.article) | {"translations": [locale_status(t) for t in s.translations]}


def imported(r: ImportResult) -> Json:
    return _pick(r, "id", "slug", "locale", "title", "segments", "desk")


def _pairing_outcome(r: PairResult) -> Json:
    """What a pairing filled in, and the evidence it used besides the aligner (CLI and API)."""
    return {
        "prefilled": r.prefilled,
        "kept": r.kept,
        "evidence": {
            "glossary_terms": r.terms,
            "memory_matches": r.memory_hits,
            "machine_translations": r.mt_hits,
            "machine_translation_error": r.mt_failed,
        },
    }


def pairing(r: PairResult) -> Json:
    """A pairing with every bead and its confidence (CLI ``articles pair``)."""
    return {
        "article": r.article,
        "locale": r.locale,
        "beads": [[list(b.source), list(b.target)] for b in r.beads],
        "confidence": [round(b.confidence, 4) for b in r.beads],
    } | _pairing_outcome(r)


def api_pairing(r: PairResult) -> Json:
    """A pairing counted: beads, and how many a reviewer should look at (API)."""
    return {
        "article": r.slug,
        "locale": r.locale,
        "beads": len(r.beads),
        "flagged_for_review": sum(1 for b in r.beads if b.confidence < REVIEW_BELOW),
    } | _pairing_outcome(r)


def correction(r: CorrectionResult) -> Json:
    return _pick(r, "article", "slug", "kept", "edited", "added", "removed", "needs_update")


def localized(la: LocalizedArticle) -> Json:
    """An article × locale with every segment and its translation (CLI ``articles show``)."""
    return {
        "id": la.article.id,
        "slug": la.article.slug,
        "locale": la.article.locale,
        "target_locale": la.locale,
        "title": la.article.meta.title,
        "state": la.state.value,
        "revision": la.revision,
        "metadata": la.article.meta.to_dict(),
        "target_metadata": la.target_meta.to_dict() if la.target_meta else None,
        "segments": [
            e.to_dict() | {"version": e.translation.version, "confidence": e.translation.confidence}
            for e in la.entries
        ],
    }


def publication(la: LocalizedArticle) -> Json:
    return {
        "article": la.article.id,
        "slug": la.article.slug,
        "locale": la.locale,
        "state": la.state.value,
        "revision": la.revision,
        "published_at": _iso(la.published_at),
    }


# --- translating and reviewing --------------------------------------------------------------


def saved(key: str, t: Translation) -> Json:
    return {"key": key, "state": t.state.label, "version": t.version, "target": t.text}


def rejected(key: str, t: Translation) -> Json:
    return {"key": key, "state": t.state.label, "version": t.version}


def approval(r: ApprovalResult) -> Json:
    return {
        "approved": list(r.approved),
        "skipped": [{"key": s.key, "reason": s.reason} for s in r.skipped],
    }


def finding(f: QaFinding) -> Json:
    return {"key": f.key, "check": f.check, "severity": f.severity.label, "message": f.message}


def pair_findings(r: PairFindings) -> Json:
    """A bilingual pair's findings, as ``transdesk check --pairs --json`` prints them."""
    return {
        "id": r.id,
        "findings": [
            {"check": f.check, "severity": f.severity.label, "message": f.message}
            for f in r.findings
        ],
    }


# --- memory and glossary --------------------------------------------------------------------


def tm_hit(h: TmHit) -> Json:
    return _pick(h, "source", "target", "score", "origin")


def term(term_id: int, t: Term) -> Json:
    fields = ("source", "target", "source_lang", "target_lang", "note", "pos", "forbidden")
    return {"id": term_id} | _pick(t, *fields)


def glossary_import(r: GlossaryImport) -> Json:
    return _pick(r, "added", "updated")


# --- tokens and webhooks --------------------------------------------------------------------


def new_token(made: NewToken) -> Json:
    """A token just made, with its secret (shown this once)."""
    return {"id": made.token.id, "token": made.secret, "scopes": list(made.token.scopes)}


def token(t: ApiToken, owner: str) -> Json:
    return {
        "id": t.id,
        "user": owner,
        "name": t.name,
        "prefix": t.prefix,
        "scopes": list(t.scopes),
        "last_used_at": _iso(t.last_used_at),
        "revoked": not t.active,
    }


def delivery(d: Delivery) -> Json:
    return _pick(d, "id", "event", "status", "attempts", "last_error")


# --- working together (issue 15) ---------------------------------------------------------


def inbox_event(e: InboxEvent) -> Json:
    """One inbox line: the CLI's ``inbox --json`` shape (the API adds id and links)."""
    return {
        "kind": e.kind,
        "article": e.slug,
        "locale": e.locale,
        "key": e.key,
        "by": e.by,
        "text": e.text,
        "created_at": _iso(e.created_at),
        "read": e.read_at is not None,
    }


def api_inbox_event(e: InboxEvent) -> Json:
    return {"id": e.id, **inbox_event(e)}


def assignment(a: WorkAssignment) -> Json:
    return {
        "id": a.id,
        "article": a.slug,
        "locale": a.locale,
        "to": a.assignee,
        "by": a.assigned_by,
        "keys": list(a.keys) if a.keys is not None else None,
        "due": _iso(a.due),
        "created_at": _iso(a.created_at),
    }


def replacement(r: ReplaceResult) -> Json:
    """``replace --json``: what changed (or would) and what was skipped, why."""
    return {
        "changed": [
            {"key": c.key, "before": c.before, "after": c.after, "version": c.version}
            for c in r.changed
        ],
        "skipped": [{"key": s.key, "reason": s.reason} for s in r.skipped],
    }


def person(p: Person) -> Json:
    return {"name": p.name, "role": p.role, "desks": list(p.desks), "load": p.load}
