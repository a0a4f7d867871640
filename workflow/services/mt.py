"""Machine translation as a suggestion: one segment on demand, or whole articles as a job.

MT never writes TRANSLATED or APPROVED: a batch pre-translation fills EMPTY segments as
NEEDS_EDIT with its provenance (``origin = "mt:<provider>"``, the time in the revision),
and an embargoed article is never sent to a provider outside the building.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workflow import states
from workflow.errors import BadInput, InvalidTransition, Message, NotFound
from workflow.jobs import JobContext, JobProgress, PretranslateJob, cancel, read_progress
from workflow.machinery import MtSuggestion, Provider, machine_translate
from workflow.machinery.errors import ProviderError
from workflow.model import Article
from workflow.services.common import (
    require_reviewer,
    target,
    viewer,
    visible_article,
    visible_target,
)
from workflow.services.context import Context, MtRuntime
from workflow.services.fills import write_fill
from workflow.states import Action, SegmentState
from workflow.store import localizations, translations
from workflow.text.clean import clean_text


@dataclass(frozen=True)
class PretranslateSummary:
    filled: int
    failed: int
    skipped: int


def provider(ctx: Context, provider_id: str) -> Provider:
    """A configured provider by id; the message lists the configured ones."""
    for p in ctx.settings.mt_providers:
        if p.id == provider_id:
            return p
    known = ", ".join(p.id for p in ctx.settings.mt_providers) or "none (TRANSDESK_MT_PROVIDERS)"
    raise BadInput(
        "machine translation %(provider_id)r is not configured; configured: %(known)s",
        provider_id=provider_id,
        known=known,
    )


def mt_suggest(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str,
    provider_id: str,
    *,
    user_id: int | None = None,
) -> MtSuggestion:
    """A machine translation of one segment's source, for the editor's suggestions panel."""
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        row = translations.translation_row(conn, t.localization_id, key)
    return machine_translate(
        row.source,
        provider=provider(ctx, provider_id),
        source_lang=t.article.locale,
        target_lang=t.locale,
        embargoed=t.article.embargoed,
        cache=_runtime(ctx).cache,
        now=ctx.clock,
    )


def submit_pretranslate(
    ctx: Context, refs: Sequence[str | int], locale: str, provider_id: str, *, user_id: int | None
) -> str:
    """Queue a batch pre-translation of one article or many; returns the job id.

    The user who starts it brings the text in: four-eyes counts them as the author of every
    segment it fills (the system, ``user_id=None``, is nobody's author).
    """
    allowed = ctx.settings.target_locales
    with ctx.db.transaction() as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)
        targets = [
            visible_target(conn, ref, locale, user, create=True, allowed=allowed) for ref in refs
        ]
        chosen = provider(ctx, provider_id)
        ids = []
        for t in targets:
            if t.article.embargoed and chosen.sends_data_to_third_party:
                raise BadInput(
                    "%(slug)s is embargoed and %(name)s is a third party",
                    slug=t.article.slug,
                    name=chosen.name,
                    field="provider",
                )
            ids.append(t.article.id)
    runtime = _runtime(ctx)
    assert runtime.tasks is not None, "bound when the desk is built"
    job = runtime.tasks.submit(chosen.id, ids, locale, requested_by=user_id)
    runtime.huey.put(_articles_key(job), ids)  # whose job it is: see job_progress
    return job


def job_progress(ctx: Context, job_id: str, *, user_id: int | None = None) -> JobProgress:
    """A job's progress; NotFound, as for an unknown job, if it works on an article the
    user may not see (None: the system sees every job)."""
    huey = _runtime(ctx).huey
    progress = read_progress(huey, job_id)
    if progress is None:
        raise NotFound("no job %(job_id)r", job_id=job_id)
    if user_id is not None:
        ids = huey.get(_articles_key(job_id), peek=True) or []
        with ctx.db.transaction(write=False) as conn:
            user = viewer(conn, user_id)
            try:
                for article_id in ids:
                    visible_article(conn, int(article_id), user)
            except NotFound:
                raise NotFound("no job %(job_id)r", job_id=job_id) from None
    return progress


def cancel_job(ctx: Context, job_id: str, *, user_id: int | None = None) -> JobProgress:
    job_progress(ctx, job_id, user_id=user_id)
    cancel(_runtime(ctx).huey, job_id)
    return job_progress(ctx, job_id, user_id=user_id)


def _articles_key(job_id: str) -> str:
    return f"transdesk:job-articles:{job_id}"


def run_pretranslate(
    ctx: Context, job: PretranslateJob, job_ctx: JobContext
) -> PretranslateSummary:
    """The job's work: EMPTY segments → NEEDS_EDIT with the provider's suggestion.

    Each segment is written in its own transaction so that progress is real, a cancel
    takes effect between segments, and a failing provider leaves the rest intact. The
    job fails (saying what failed) only if no segment could be translated.
    """
    chosen = provider(ctx, job.provider_id)
    todo: list[tuple[Article, str, str]] = []  # article, key, source
    with ctx.db.transaction(write=False) as conn:
        for article_id in job.article_ids:
            t = target(conn, article_id, job.locale)
            for row in translations.translation_rows(conn, t.localization_id):
                if states.allowed(Action.MACHINE, SegmentState(row.state)):
                    todo.append((t.article, row.key, row.source))
    filled = failed = skipped = 0
    errors: list[str] = []
    job_ctx.checkpoint(0, len(todo), Message("%(count)s empty segments", count=len(todo)))
    for done, (article, key, source) in enumerate(todo, start=1):
        slug = article.slug
        try:
            suggestion = machine_translate(
                source,
                provider=chosen,
                source_lang=article.locale,
                target_lang=job.locale,
                embargoed=article.embargoed,
                cache=_runtime(ctx).cache,
                now=ctx.clock,
            )
        except ProviderError as exc:
            failed += 1
            errors.append(Message("%(slug)s %(key)s: %(error)s", slug=slug, key=key, error=exc))
        else:
            try:
                written = _fill(ctx, slug, job.locale, key, suggestion, job.requested_by)
            except BadInput as exc:  # a control character, or longer than MAX_TEXT
                failed += 1
                errors.append(Message("%(slug)s %(key)s: %(error)s", slug=slug, key=key, error=exc))
            else:
                if written:
                    filled += 1
                else:
                    skipped += 1
        job_ctx.checkpoint(done, len(todo), f"{slug} {key}", failed=failed)
    if todo and not filled and failed:
        raise ProviderError(
            "%(name)s failed on every segment: %(first)s",
            name=chosen.name,
            first=errors[0],
            provider=chosen.id,
        )
    return PretranslateSummary(filled=filled, failed=failed, skipped=skipped)


def _fill(
    ctx: Context,
    slug: str,
    locale: str,
    key: str,
    suggestion: MtSuggestion,
    requested_by: int | None,
) -> bool:
    """Write one suggestion as NEEDS_EDIT if the segment is still EMPTY, its author the user
    who started the job. BadInput for a text that may not be stored (``workflow.text.clean``)."""
    text = clean_text(suggestion.text.strip(), field=key)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        t = target(conn, slug, locale)
        row = translations.translation_row(conn, t.localization_id, key, lock=True)
        try:
            event = states.fill(SegmentState(row.state), text, key=key, by=Action.MACHINE)
        except InvalidTransition:  # someone wrote it meanwhile, or the provider gave nothing
            return False
        ok = write_fill(
            conn,
            row,
            event,
            text,
            origin=f"mt:{suggestion.provider}",
            user_id=requested_by,
            now=now,
            confidence=None,
            note=Message(
                "%(provider)s at %(at)s",
                provider=suggestion.provider,
                at=suggestion.created_at.isoformat(),
            ),
        )
        if not ok:
            return False
        localizations.bump_revision(conn, t.localization_id)
        return True


def _runtime(ctx: Context) -> MtRuntime:
    return ctx.mt
