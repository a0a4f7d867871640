"""QA on an article × locale: findings per segment, dismissals of warnings."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from sqlalchemy import Connection

from workflow.checks import CheckContext, Finding, Severity, run_checks
from workflow.errors import BadInput, Message, Named, NotFound
from workflow.glossary import TermHit, TermIndex
from workflow.model import Article, Entry, LocalizedArticle
from workflow.services.common import (
    acting_user,
    audit_about,
    note_text,
    require_reviewer,
    viewer,
    visible_target,
)
from workflow.services.context import Context
from workflow.states import SegmentState
from workflow.store import audit, glossary, localizations, qa, translations

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QaFinding:
    """A check's finding on a segment; a dismissed warning or an overridden error keeps who
    and why (until the text changes)."""

    key: str
    check: str
    severity: Severity
    message: str
    dismissed_by: str | None = None
    dismissed_reason: str | None = None
    overridden: bool = False  # an error an editor let pass, with a reason

    @property
    def blocks(self) -> bool:
        """Whether it stops approval and publishing: an error not overridden."""
        return self.severity >= Severity.ERROR and not self.overridden


@dataclass(frozen=True)
class SegmentQa:
    findings: tuple[QaFinding, ...]
    terms: tuple[TermHit, ...]


def article_qa(conn: Connection, ctx: Context, la: LocalizedArticle) -> dict[str, SegmentQa]:
    """Findings and glossary hits for every segment with a translation (one read)."""
    return entries_qa(conn, ctx, la.article, la.locale, la.entries)


def entries_qa(
    conn: Connection, ctx: Context, article: Article, locale: str, entries: Iterable[Entry]
) -> dict[str, SegmentQa]:
    """:func:`article_qa` of some segments: every check sees one segment alone, so a few
    segments' findings are the same as the whole article's for them."""
    index = term_index(conn, article.locale, locale)
    loc_id = localizations.localization_id(conn, article.id, locale)
    dismissed = qa.dismissals(conn, loc_id) if loc_id is not None else {}
    settings = qa.desk_check_settings(conn, article.desk)
    out: dict[str, SegmentQa] = {}
    for entry in entries:
        raw: list[Finding] = []
        try:
            hits = tuple(index.find(entry.segment.source))
        except Exception:  # a defect of the matcher fails this segment, not the page
            log.exception("glossary matching failed on segment %r", entry.segment.key)
            hits = ()
            raw.append(Finding("forbidden_terms", Severity.ERROR, _GLOSSARY_FAILED))
        if entry.translation.state is not SegmentState.EMPTY:
            check_ctx = CheckContext(
                source=entry.segment.source,
                target=entry.translation.text,
                source_lang=article.locale,
                target_lang=locale,
                kind=entry.segment.kind,
                terms=hits,
            )
            compute = partial(run_checks, check_ctx, ctx.checks)
            raw += ctx.findings.get_or_compute(findings_key(check_ctx), compute)
        raw = apply_desk_settings(raw, settings)
        found = tuple(_qa(entry.segment.key, f, dismissed) for f in raw)
        out[entry.segment.key] = SegmentQa(findings=found, terms=hits)
    return out


_GLOSSARY_FAILED = Message(
    "matching the glossary failed on this text (a defect, logged for the administrators)"
)


def apply_desk_settings(
    found: Sequence[Finding], settings: Mapping[str, qa.DeskCheckRecord]
) -> list[Finding]:
    """``found`` as a desk sees it: findings of checks it switched off left out, the others
    at the severity it chose, errors first."""
    out = []
    for f in found:
        setting = settings.get(f.check)
        if setting is None:
            out.append(f)
        elif setting.enabled:
            out.append(replace(f, severity=Severity[setting.severity.upper()]))
    return sorted(out, key=lambda f: -f.severity)


def findings_key(check_ctx: CheckContext) -> bytes:
    """The key of a context's findings in the desk's cache: a digest of everything a check
    sees, so that the cache holds 32 bytes per entry rather than two texts of up to 20,000
    characters each."""
    digest = hashlib.blake2b(digest_size=32)
    parts = (
        check_ctx.source,
        check_ctx.target,
        check_ctx.source_lang,
        check_ctx.target_lang,
        check_ctx.kind.value,
    )
    for part in (*parts, repr(check_ctx.terms)):
        data = str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


def blocking(qa: dict[str, SegmentQa], ctx: Context | None = None) -> dict[str, list[str]]:
    """Error-level findings by segment key: what stops approval and publishing."""
    return {
        key: [
            Message("%(check)s: %(finding)s", check=_named(ctx, f.check), finding=f.message)
            for f in s.findings
            if f.blocks
        ]
        for key, s in qa.items()
        if any(f.blocks for f in s.findings)
    }


def check_article(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> list[QaFinding]:
    """Every finding of the article × locale, in article order, dismissed ones included."""
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        la = localizations.localized_article(conn, t.article, t.locale)
        by_key = article_qa(conn, ctx, la)
    return [f for e in la.entries for f in by_key[e.segment.key].findings]


def dismiss_warning(
    ctx: Context, ref: str | int, locale: str, key: str, check: str, reason: str, *, user_id: int
) -> None:
    """Dismiss a warning on the current text of a segment, with a reason; errors stay."""
    _set_aside(ctx, ref, locale, key, check, reason, user_id=user_id, error=False)


def override_error(
    ctx: Context, ref: str | int, locale: str, key: str, check: str, reason: str, *, user_id: int
) -> None:
    """Let an error of a segment pass, with a reason (editors): it no longer blocks approval
    or publishing, is recorded in the audit log and shown beside the finding, and holds until
    the translation's text changes."""
    _set_aside(ctx, ref, locale, key, check, reason, user_id=user_id, error=True)


def _set_aside(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str,
    check: str,
    reason: str,
    *,
    user_id: int,
    error: bool,
) -> None:
    """Dismiss a warning (``error=False``) or override an error (editors only) on the
    segment's current text, with a reason, in the audit log."""
    empty = (
        Message("say why the error does not apply")
        if error
        else Message("say why the warning does not apply")
    )
    reason = note_text(reason, empty, field="reason")
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        if error:
            require_reviewer(user)
        t = visible_target(conn, ref, locale, user)
        la = localizations.localized_article(conn, t.article, t.locale)
        by_key = article_qa(conn, ctx, la)
        finding = next(
            (f for f in by_key.get(key, SegmentQa((), ())).findings if f.check == check), None
        )
        if finding is None:
            raise NotFound("segment %(key)r has no %(check)r finding", key=key, check=check)
        if error and finding.severity < Severity.ERROR:
            raise BadInput("%(check)r is a warning; dismiss it instead", check=check, field="check")
        if not error and finding.severity >= Severity.ERROR:
            raise BadInput(
                "%(check)r is an error; fix the translation or override it",
                check=check,
                field="check",
            )
        row = translations.translation_row(conn, t.localization_id, key)
        qa.insert_dismissal(
            conn,
            translation_id=row.id,
            check_id=check,
            version=row.version,
            reason=reason,
            user_id=user.id,
            now=now,
            text=row.text,
        )
        audit.audit(
            conn,
            action="override" if error else "dismiss",
            now=now,
            target=key,
            detail=f"{check}: {reason}",
            **audit_about(t, user),
        )


def _named(ctx: Context | None, check_id: str) -> str:
    """The check's id, shown to people by the check's name (``numbers`` → "Numbers")."""
    if ctx is None or check_id not in ctx.checks:
        return check_id
    name = ctx.checks.get(check_id).name
    return Named(check_id, name if isinstance(name, Message) else Message(name))


def term_index(conn: Connection, source_lang: str, target_lang: str) -> TermIndex:
    """The glossary for a language pair, ready to find terms in sources."""
    lang = target_lang.split("_")[0]
    terms = [
        t
        for _, t in glossary.list_terms(conn, source_lang=source_lang)
        if t.target_lang.split("_")[0] == lang
    ]
    return TermIndex(terms)


def _qa(key: str, f: Finding, dismissed: Mapping[tuple[str, str], qa.DismissalRecord]) -> QaFinding:
    row = dismissed.get((key, f.check))
    return QaFinding(
        key=key,
        check=f.check,
        severity=f.severity,
        message=f.message,
        dismissed_by=row.user_name if row is not None else None,
        dismissed_reason=row.reason if row is not None else None,
        overridden=row is not None and f.severity >= Severity.ERROR,
    )
