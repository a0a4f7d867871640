"""The ``transdesk`` command line: the CMS's and the engineer's way in.

Names and outputs are a contract (issue 2). Every failure exits non-zero with a one-line
message on stderr; bad input exits 2.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from web.app import complete_publications, create_app
from workflow import services
from workflow.alignment.jsonl import align_jsonl
from workflow.bootstrap import build_context
from workflow.errors import BadInput, WorkflowError
from workflow.files import open_atomic, write_atomic
from workflow.jobs import BackgroundConsumer, JobProgress, JobState, make_consumer
from workflow.model import LocalizedArticle
from workflow.services.demo import load_demo
from workflow.services.tokens import SCOPES
from workflow.services.webhooks import retry_deliveries
from workflow.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


class DeskError(click.ClickException):
    """A WorkflowError on the command line: one line on stderr, exit 2 for bad input."""

    def __init__(self, error: WorkflowError) -> None:
        super().__init__(str(error).splitlines()[0] if str(error) else type(error).__name__)
        self.exit_code = 2 if error.status == 400 else 1

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@dataclass
class CliState:
    settings: Settings | None = None
    _desk: services.Context | None = None

    @property
    def ctx(self) -> services.Context:
        if self._desk is None:
            try:
                self.settings = self.settings or Settings.from_env()
            except WorkflowError as exc:
                raise DeskError(exc) from exc
            self._desk = build_context(self.settings)
            click.get_current_context().call_on_close(self._desk.close)
        return self._desk


pass_state = click.make_pass_decorator(CliState, ensure=True)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Map the domain's exceptions to CLI errors, once."""
    try:
        yield
    except WorkflowError as exc:
        raise DeskError(exc) from exc
    except UnicodeDecodeError as exc:
        raise DeskError(BadInput(f"input is not UTF-8 text (byte {exc.start})")) from exc
    except OSError as exc:
        raise DeskError(BadInput(f"{exc.filename or ''}: {exc.strerror}")) from exc


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(text if text is not None else json.dumps(data, ensure_ascii=False, indent=2))


def read_input(file: str) -> tuple[bytes, str]:
    if file == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(file)
    if not path.is_file():
        raise BadInput(f"{file}: no such file")
    return path.read_bytes(), path.name


def user_id(state: CliState, name: str) -> int:
    for user in services.list_users(state.ctx):
        if user.name == name:
            return user.id
    raise BadInput(f"no user named {name!r}", field="--as")


def localized_json(la: LocalizedArticle) -> dict[str, Any]:
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
            {
                "key": e.segment.key,
                "kind": e.segment.kind.value,
                "where": e.segment.where,
                "source": e.segment.source,
                "target": e.translation.text,
                "state": e.translation.state.label,
                "version": e.translation.version,
                "confidence": e.translation.confidence,
            }
            for e in la.entries
        ],
    }


format_option = click.option(
    "--format", "fmt", default=None, help="Input format id; detected if not given."
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON value on stdout."
)
as_option = click.option(
    "--as", "as_user", required=True, metavar="USER", help="Acting user's name."
)
#: For commands that bring text in and may run as the system: the user named is the text's
#: author (four-eyes: another editor approves it); without it the system is nobody's.
optional_as_option = click.option(
    "--as",
    "as_user",
    default=None,
    metavar="USER",
    help="Acting user's name; they count as the author of the text brought in.",
)


@click.group()
def main() -> None:
    """transdesk: the translation desk of a bilingual newsroom."""


@main.command()
@click.option("--demo", is_flag=True, help="Also load the sample pair and the demo users.")
@click.option(
    "--samples",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the demo's sample articles (default: TRANSDESK_SAMPLES, else shipped).",
)
@pass_state
def init(state: CliState, demo: bool, samples: Path | None) -> None:
    """Create or upgrade the database (Alembic migrations)."""
    with domain_errors():
        ctx = state.ctx
        ctx.db.migrate()
        click.echo(f"Database ready: {ctx.db.engine.url.render_as_string(hide_password=True)}")
        if not demo:
            return
        result = load_demo(ctx, samples)
    click.echo(f"Demo article: {result.article}" + ("" if result.imported else " (kept)"))
    click.echo(f"Demo users (also in {result.credentials_file}):")
    for line in result.lines:
        click.echo("  " + line)


@main.group()
def users() -> None:
    """Manage users."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["translator", "editor", "admin"]), required=True)
@click.option(
    "--desks",
    default="news",
    show_default=True,
    help="The desks (sections) whose articles the user works on, comma-separated.",
)
@pass_state
def users_add(state: CliState, name: str, role: str, desks: str) -> None:
    """Add a user; the password comes from TRANSDESK_PASSWORD, else a prompt."""
    password = os.environ.get("TRANSDESK_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    with domain_errors():
        user = services.add_user(state.ctx, name, role, password, desks=desks)
    click.echo(
        f"Added {user.role.value} {user.name!r} (id {user.id}), desks {','.join(user.desks)}"
    )


@users.command("desks")
@click.argument("name")
@click.argument("desks")
@pass_state
def users_desks(state: CliState, name: str, desks: str) -> None:
    """Set the desks a user works on, e.g. `users desks kim news,sports`."""
    with domain_errors():
        user = services.set_user_desks(state.ctx, name, desks)
    click.echo(f"{user.name!r} works on {', '.join(user.desks)}")


@main.command()
@click.argument("file")
@click.option("--locale", required=True)
@format_option
@json_option
@pass_state
def segment(state: CliState, file: str, locale: str, fmt: str | None, as_json: bool) -> None:
    """Print a file's body sentences, one a line (nothing is stored)."""
    with domain_errors():
        data, source = read_input(file)
        result = services.segment_file(state.ctx, data, source=source, locale=locale, format=fmt)
    emit(result.body, as_json, "\n".join(result.body))


@main.command()
@click.option(
    "--jsonl", "jsonl", required=True, help="Input: one article pair a line ('-' for stdin)."
)
@click.option("--out", "out", required=True, help="Output JSON Lines file ('-' for stdout).")
def align(jsonl: str, out: str) -> None:
    """Align sentences of article pairs in JSON Lines (id, ko_sentences, en_sentences)."""
    with domain_errors():
        source = "<stdin>" if jsonl == "-" else Path(jsonl).name
        if jsonl != "-" and not Path(jsonl).is_file():
            raise BadInput(f"{jsonl}: no such file")
        with _text_lines(jsonl) as lines:
            results = align_jsonl(lines, source=source)
            if out == "-":
                for line in results:
                    click.echo(line)
                return
            with open_atomic(Path(out)) as fh:
                for line in results:
                    fh.write(line.encode() + b"\n")


@contextmanager
def _text_lines(name: str) -> Iterator[Iterator[str]]:
    if name == "-":
        yield iter(sys.stdin)
        return
    with open(name, encoding="utf-8", errors="strict") as fh:
        yield iter(fh)


@main.group()
def articles() -> None:
    """Import, pair, list and show articles."""


@articles.command("import")
@click.argument("file")
@click.option("--locale", required=True)
@click.option("--slug", default=None, help="Slug to use; derived from the file name if not given.")
@click.option(
    "--desk", "desk_name", default="news", show_default=True, help="The desk that owns it."
)
@format_option
@json_option
@pass_state
def articles_import(
    state: CliState,
    file: str,
    locale: str,
    slug: str | None,
    desk_name: str,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Import an original article."""
    with domain_errors():
        data, source = read_input(file)
        r = services.import_article(
            state.ctx,
            data,
            source=source,
            locale=locale,
            format=fmt,
            slug=slug,
            desk_name=desk_name,
        )
    out = {
        "id": r.id,
        "slug": r.slug,
        "locale": r.locale,
        "title": r.title,
        "segments": r.segments,
        "desk": r.desk,
    }
    emit(
        out,
        as_json,
        f"Imported {r.slug} (id {r.id}, {r.locale}, desk {r.desk}): {r.segments} segments",
    )


@articles.command("pair")
@click.argument("ref", metavar="ID")
@click.argument("file")
@click.option("--locale", required=True)
@click.option(
    "--mt",
    "mt_provider",
    default=None,
    metavar="PROVIDER",
    help="Also compare a machine translation of each sentence (a configured provider).",
)
@format_option
@optional_as_option
@json_option
@pass_state
def articles_pair(
    state: CliState,
    ref: str,
    file: str,
    locale: str,
    mt_provider: str | None,
    fmt: str | None,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Pair a published translation with its original; pre-fills the catalog.

    The glossary and the memory's exact matches from people count as evidence too.
    """
    with domain_errors():
        data, source = read_input(file)
        r = services.pair_translation(
            state.ctx,
            ref,
            data,
            source=source,
            locale=locale,
            format=fmt,
            mt_provider=mt_provider,
            user_id=user_id(state, as_user) if as_user else None,
        )
    out = {
        "article": r.article,
        "locale": r.locale,
        "beads": [[list(b.source), list(b.target)] for b in r.beads],
        "confidence": [round(b.confidence, 4) for b in r.beads],
        "prefilled": r.prefilled,
        "kept": r.kept,
        "evidence": {
            "glossary_terms": r.terms,
            "memory_matches": r.memory_hits,
            "machine_translations": r.mt_hits,
            "machine_translation_error": r.mt_failed,
        },
    }
    emit(
        out,
        as_json,
        f"Paired {r.slug} ({r.locale}): {len(r.beads)} beads, {r.prefilled} pre-filled"
        + (f"; machine translation stopped: {r.mt_failed}" if r.mt_failed else ""),
    )


@articles.command("update")
@click.argument("ref", metavar="ID")
@click.argument("file")
@format_option
@click.option("--as", "as_user", default=None, metavar="USER", help="Acting user's name.")
@json_option
@pass_state
def articles_update(
    state: CliState, ref: str, file: str, fmt: str | None, as_user: str | None, as_json: bool
) -> None:
    """Re-import a corrected original (msgmerge's rules: keys and translations kept)."""
    with domain_errors():
        data, source = read_input(file)
        uid = user_id(state, as_user) if as_user else None
        r = services.update_article(state.ctx, ref, data, source=source, format=fmt, user_id=uid)
    out = {
        "article": r.article,
        "slug": r.slug,
        "kept": r.kept,
        "edited": r.edited,
        "added": r.added,
        "removed": r.removed,
        "needs_update": list(r.needs_update),
    }
    emit(
        out,
        as_json,
        f"Updated {r.slug}: {r.kept} kept, {r.edited} edited, {r.added} added, {r.removed} removed",
    )


@articles.command("embargo")
@click.argument("ref", metavar="ID")
@click.option("--on/--off", "embargoed", default=True, help="Embargo the article, or lift it.")
@pass_state
def articles_embargo(state: CliState, ref: str, embargoed: bool) -> None:
    """Embargo an article: it is never sent to a machine-translation provider outside."""
    with domain_errors():
        article = services.set_embargo(state.ctx, ref, embargoed)
    click.echo(f"{article.slug}: {'embargoed' if article.embargoed else 'not embargoed'}")


@articles.command("list")
@json_option
@pass_state
def articles_list(state: CliState, as_json: bool) -> None:
    """List articles with their progress per locale."""
    with domain_errors():
        overview = services.list_articles(state.ctx)
    data = [
        {
            "id": o.article.id,
            "slug": o.article.slug,
            "locale": o.article.locale,
            "desk": o.article.desk,
            "title": o.article.meta.title,
            "locales": {
                p.locale: {
                    "state": p.state.value,
                    "counts": {s.label: n for s, n in p.counts.items()},
                }
                for p in o.locales
            },
        }
        for o in overview
    ]
    lines = []
    for d in data:
        progress = ", ".join(
            f"{loc}: {v['state']} ({v['counts']['approved']}/{sum(v['counts'].values())} approved)"
            for loc, v in d["locales"].items()
        )
        lines.append(
            f"{d['id']:>4}  {d['slug']}  [{d['locale']}, {d['desk']}] {d['title']}  {progress}"
        )
    emit(data, as_json, "\n".join(lines) if lines else "No articles.")


@articles.command("show")
@click.argument("ref", metavar="ID")
@click.option("--locale", default=None, help="Target locale; the first one if not given.")
@json_option
@pass_state
def articles_show(state: CliState, ref: str, locale: str | None, as_json: bool) -> None:
    """Show an article's segments with their translations."""
    with domain_errors():
        la = services.show_article(state.ctx, ref, locale)
    data = localized_json(la)
    text = "\n".join(
        f"{s['key']:<14} {s['state']:<10} v{s['version']}  {s['source']}\n{'':<14} → {s['target']}"
        for s in data["segments"]
    )
    emit(data, as_json, text)


@main.command()
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.argument("key")
@click.argument("text")
@as_option
@click.option(
    "--version", "expected", type=int, default=None, help="Only save if still this version."
)
@json_option
@pass_state
def translate(
    state: CliState,
    ref: str,
    locale: str,
    key: str,
    text: str,
    as_user: str,
    expected: int | None,
    as_json: bool,
) -> None:
    """Save a segment's translation (the CLI twin of the editor's save)."""
    with domain_errors():
        t = services.save_translation(
            state.ctx,
            ref,
            locale,
            key,
            text,
            user_id=user_id(state, as_user),
            expected_version=expected,
        )
    out = {"key": key, "state": t.state.label, "version": t.version, "target": t.text}
    emit(out, as_json, f"{key}: {t.state.label}, version {t.version}")


@main.group()
def review() -> None:
    """Approve or reject translations (editors)."""


@review.command("approve")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.argument("keys", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every translated segment you may approve.")
@as_option
@json_option
@pass_state
def review_approve(
    state: CliState,
    ref: str,
    locale: str,
    keys: tuple[str, ...],
    all_: bool,
    as_user: str,
    as_json: bool,
) -> None:
    """Approve segments by KEY, or --all."""
    if all_ == bool(keys):
        raise DeskError(BadInput("give either --all or one or more KEYs"))
    with domain_errors():
        r = services.approve(
            state.ctx, ref, locale, None if all_ else list(keys), user_id=user_id(state, as_user)
        )
    out = {
        "approved": list(r.approved),
        "skipped": [{"key": s.key, "reason": s.reason} for s in r.skipped],
    }
    text = f"Approved {len(r.approved)} segments" + "".join(
        f"\nskipped {s.key}: {s.reason}" for s in r.skipped
    )
    emit(out, as_json, text)


@review.command("reject")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.argument("key")
@click.option("--reason", required=True)
@as_option
@json_option
@pass_state
def review_reject(
    state: CliState, ref: str, locale: str, key: str, reason: str, as_user: str, as_json: bool
) -> None:
    """Send a segment back to the translator with a reason."""
    with domain_errors():
        t = services.reject(state.ctx, ref, locale, key, reason, user_id=user_id(state, as_user))
    emit(
        {"key": key, "state": t.state.label, "version": t.version},
        as_json,
        f"{key}: {t.state.label}",
    )


@main.command()
@click.argument("ref", metavar="ID")
@click.argument("locale")
@as_option
@json_option
@pass_state
def publish(state: CliState, ref: str, locale: str, as_user: str, as_json: bool) -> None:
    """Publish an article × locale; every segment must be approved."""
    with domain_errors():
        la = services.publish(state.ctx, ref, locale, user_id=user_id(state, as_user))
    out = {
        "article": la.article.id,
        "slug": la.article.slug,
        "locale": la.locale,
        "state": la.state.value,
        "revision": la.revision,
        "published_at": la.published_at.isoformat() if la.published_at else None,
    }
    emit(out, as_json, f"Published {la.article.slug} ({la.locale}), revision {la.revision}")


@main.command()
@click.argument("ref", metavar="ID")
@click.argument("locale")
@json_option
@pass_state
def check(state: CliState, ref: str, locale: str, as_json: bool) -> None:
    """Run the QA checks on an article × locale."""
    with domain_errors():
        findings = services.check_article(state.ctx, ref, locale)
    data = [
        {"key": f.key, "check": f.check, "severity": f.severity.label, "message": f.message}
        for f in findings
    ]
    text = "\n".join(
        f"{d['severity']:<8} {d['key']:<14} {d['check']}: {d['message']}" for d in data
    )
    emit(data, as_json, text or "No findings.")


@main.group()
def mt() -> None:
    """Machine translation: batch pre-translation as a job."""


@mt.command("pretranslate")
@click.argument("refs", nargs=-1, required=True, metavar="ID...")
@click.argument("locale")
@click.option("--provider", "provider_id", required=True, help="A configured provider id.")
@click.option("--wait", is_flag=True, help="Run the job here and show its progress.")
@optional_as_option
@json_option
@pass_state
def mt_pretranslate(
    state: CliState,
    refs: tuple[str, ...],
    locale: str,
    provider_id: str,
    wait: bool,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Pre-translate the EMPTY segments of one article or many (NEEDS_EDIT, never approved)."""
    with domain_errors():
        ctx = state.ctx
        uid = user_id(state, as_user) if as_user else None
        if not wait:
            job = services.submit_pretranslate(ctx, refs, locale, provider_id, user_id=uid)
            emit({"job": job, "state": "queued"}, as_json, f"Queued job {job}")
            return
        with BackgroundConsumer(ctx.mt.huey):
            job = services.submit_pretranslate(ctx, refs, locale, provider_id, user_id=uid)
            progress = _follow(ctx, job, show=not as_json)
    emit(
        progress.to_dict(), as_json, f"Job {job}: {progress.state.value}, {progress.message or ''}"
    )
    if progress.state is not JobState.DONE:
        raise click.exceptions.Exit(1)


def _follow(ctx: services.Context, job: str, *, show: bool) -> JobProgress:
    """Poll a job until it ends, drawing a progress bar on stderr."""
    while True:
        progress = services.job_progress(ctx, job)
        if show:
            width = 30
            filled = int(width * progress.percent / 100)
            bar = "#" * filled + "-" * (width - filled)
            click.echo(
                f"\r[{bar}] {progress.done}/{progress.total} {progress.state.value}",
                nl=False,
                err=True,
            )
        if progress.finished:
            if show:
                click.echo("", err=True)
            return progress
        time.sleep(0.2)


@main.group()
def jobs() -> None:
    """Background jobs: status and cancel."""


@jobs.command("status")
@click.argument("job")
@json_option
@pass_state
def jobs_status(state: CliState, job: str, as_json: bool) -> None:
    """Show a job's progress."""
    with domain_errors():
        p = services.job_progress(state.ctx, job)
    emit(p.to_dict(), as_json, f"{p.state.value} {p.done}/{p.total} {p.message or ''}")


@jobs.command("cancel")
@click.argument("job")
@pass_state
def jobs_cancel(state: CliState, job: str) -> None:
    """Cancel a job; it stops after the segment at hand."""
    with domain_errors():
        p = services.cancel_job(state.ctx, job)
    click.echo(f"{job}: {p.state.value}")


@main.command()
@pass_state
def worker(state: CliState) -> None:
    """Run the job worker (batch machine translation, webhooks, publications) until interrupted.

    First completes the publications a killed process left pending; then every minute.
    """
    with domain_errors():
        complete_publications(state.ctx)
        make_consumer(state.ctx.mt.huey).run()


@main.group()
def tm() -> None:
    """The translation memory: search, TMX import and export, pre-fill."""


@tm.command("search")
@click.argument("text")
@click.option("--locale", default=None, help="Target locale of the units.")
@json_option
@pass_state
def tm_search(state: CliState, text: str, locale: str | None, as_json: bool) -> None:
    """Fuzzy and concordance search, best first, over every desk (never an embargoed
    article's units)."""
    with domain_errors():
        hits = services.tm_search(state.ctx, text, locale=locale)
    data = [
        {"source": h.source, "target": h.target, "score": h.score, "origin": h.origin} for h in hits
    ]
    lines = [
        f"{d['score']:>5.1f}  {d['source']}\n       → {d['target']}  ({d['origin']})" for d in data
    ]
    emit(data, as_json, "\n".join(lines) or "No match.")


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--desk",
    "desk_name",
    default="news",
    show_default=True,
    help="The desk whose members get the units as suggestions.",
)
@json_option
@pass_state
def tm_import(state: CliState, file: Path, desk_name: str, as_json: bool) -> None:
    """Import a TMX 1.4b file (streamed) onto a desk."""
    with domain_errors(), file.open("rb") as fh:
        n = services.tm_import(state.ctx, fh, source=file.name, desk_name=desk_name)
    emit({"imported": n}, as_json, f"Imported {n} units")


@tm.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_state
def tm_export(state: CliState, output: Path) -> None:
    """Write the memory as TMX 1.4b."""
    with domain_errors(), open_atomic(output) as fh:
        n = services.tm_export(state.ctx, fh)
    click.echo(f"Wrote {n} units to {output}")


@tm.command("prefill")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@optional_as_option
@json_option
@pass_state
def tm_prefill(state: CliState, ref: str, locale: str, as_user: str | None, as_json: bool) -> None:
    """Fill EMPTY segments that have a 100 % match, as NEEDS_EDIT."""
    with domain_errors():
        uid = user_id(state, as_user) if as_user else None
        n = services.tm_prefill(state.ctx, ref, locale, user_id=uid)
    emit({"filled": n}, as_json, f"{n} segments filled from the memory (needs edit)")


@main.group()
def glossary() -> None:
    """The term base: import, export, list."""


@glossary.command("import")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default=None)
@json_option
@pass_state
def glossary_import(state: CliState, file: str, fmt: str | None, as_json: bool) -> None:
    """Import terms from CSV or TBX (a term with the same source is replaced)."""
    with domain_errors():
        data, source = read_input(file)
        r = services.import_terms(state.ctx, data, source=source, fmt=fmt)
    emit({"added": r.added, "updated": r.updated}, as_json, f"{r.added} added, {r.updated} updated")


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default="csv")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_state
def glossary_export(state: CliState, fmt: str, output: Path | None) -> None:
    """Write the term base as CSV or TBX to FILE, or to stdout."""
    with domain_errors():
        export = services.export_terms(state.ctx, fmt)
        if output is None:
            click.echo(export.data.decode(), nl=False)
        else:
            write_atomic(output, export.data)


@glossary.command("list")
@json_option
@pass_state
def glossary_list(state: CliState, as_json: bool) -> None:
    """List the terms."""
    with domain_errors():
        terms = services.list_terms(state.ctx)
    data = [
        {
            "id": i,
            "source": t.source,
            "target": t.target,
            "source_lang": t.source_lang,
            "target_lang": t.target_lang,
            "note": t.note,
            "pos": t.pos,
            "forbidden": list(t.forbidden),
        }
        for i, t in terms
    ]
    emit(data, as_json, "\n".join(f"{d['source']} → {d['target']}" for d in data) or "No terms.")


@main.group()
def catalogs() -> None:
    """Export PO catalogs."""


@catalogs.command("export")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["po", "xliff2", "xliff12"]),
    default="po",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_state
def catalogs_export(state: CliState, ref: str, locale: str, fmt: str, output: Path | None) -> None:
    """Write the catalog (PO or XLIFF) to FILE, or to stdout."""
    with domain_errors():
        export = services.export_catalog_as(state.ctx, ref, locale, fmt)
        if output is None:
            click.echo(export.data.decode(), nl=False)
        else:
            write_atomic(output, export.data)


@catalogs.command("import")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["po", "xliff2", "xliff12"]), default=None)
@as_option
@json_option
@pass_state
def catalogs_import(
    state: CliState, ref: str, locale: str, file: str, fmt: str | None, as_user: str, as_json: bool
) -> None:
    """Merge an edited catalog (PO or XLIFF) into the article × locale (three-way)."""
    with domain_errors():
        data, source = read_input(file)
        result = services.import_catalog(
            state.ctx, ref, locale, data, source=source, user_id=user_id(state, as_user), fmt=fmt
        )
    report = result.report.as_dict()
    text = (
        f"{report['applied']} applied, {report['unchanged']} unchanged, "
        f"{len(report['conflicts'])} conflicts, {len(report['unknown'])} unknown"
        + "".join(
            f"\nconflict {c['key']}: server {c['server']!r} / upload {c['upload']!r}"
            for c in report["conflicts"]
        )
    )
    emit(report, as_json, text)


@users.command("disable")
@click.argument("name")
@pass_state
def users_disable(state: CliState, name: str) -> None:
    """Disable a user: their sessions end at once and their API tokens are revoked."""
    with domain_errors():
        services.set_active(state.ctx, name, False)
    click.echo(f"Disabled {name!r}; their sessions ended and their tokens were revoked")


@users.command("enable")
@click.argument("name")
@pass_state
def users_enable(state: CliState, name: str) -> None:
    """Let a disabled user log in again."""
    with domain_errors():
        services.set_active(state.ctx, name, True)
    click.echo(f"Enabled {name!r}")


@users.command("unlock")
@click.argument("name")
@pass_state
def users_unlock(state: CliState, name: str) -> None:
    """Lift NAME's login lock (too many failed logins), from every address."""
    with domain_errors():
        removed = services.unlock_login(state.ctx, name)
    click.echo(f"{name!r} can log in again" if removed else f"{name!r} was not locked")


@users.command("password")
@click.argument("name")
@pass_state
def users_password(state: CliState, name: str) -> None:
    """Set a new password (TRANSDESK_PASSWORD, else a prompt); ends sessions and tokens."""
    password = os.environ.get("TRANSDESK_PASSWORD") or click.prompt(
        "New password", hide_input=True, confirmation_prompt=True
    )
    with domain_errors():
        services.reset_password(state.ctx, name, password)
    click.echo(f"Password of {name!r} changed; their sessions ended and their tokens were revoked")


@main.group()
def tokens() -> None:
    """API tokens for the CMS: create, list, revoke."""


@tokens.command("create")
@click.argument("user")
@click.option("--name", required=True, help="What the token is for, e.g. CMS.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(list(SCOPES)),
    help="Repeat for several scopes.",
)
@json_option
@pass_state
def tokens_create(
    state: CliState, user: str, name: str, scopes: tuple[str, ...], as_json: bool
) -> None:
    """Make a token for USER; its secret is printed once and never stored."""
    with domain_errors():
        made = services.create_token(state.ctx, user, name, scopes)
    emit(
        {"id": made.token.id, "token": made.secret, "scopes": list(made.token.scopes)},
        as_json,
        f"{made.secret}\n(token {made.token.id} for {user!r}; shown once, keep it safe)",
    )


@tokens.command("list")
@json_option
@pass_state
def tokens_list(state: CliState, as_json: bool) -> None:
    """Every token: id, owner, name, prefix, scopes, last use, revoked or not."""
    with domain_errors():
        made = services.list_tokens(state.ctx)
        names = {u.id: u.name for u in services.list_users(state.ctx)}
    rows = [
        {
            "id": t.id,
            "user": names.get(t.user_id, "?"),
            "name": t.name,
            "prefix": t.prefix,
            "scopes": list(t.scopes),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked": not t.active,
        }
        for t in made
    ]
    text = "\n".join(
        f"{r['id']:>4}  {r['user']:<12} {r['name']:<16} {r['prefix']}…  {' '.join(r['scopes'])}"
        + ("  REVOKED" if r["revoked"] else "")
        for r in rows
    )
    emit(rows, as_json, text or "No tokens.")


@tokens.command("revoke")
@click.argument("token_id", type=int)
@pass_state
def tokens_revoke(state: CliState, token_id: int) -> None:
    """Revoke a token; it stops working at once."""
    with domain_errors():
        services.revoke_token(state.ctx, token_id)
    click.echo(f"Revoked token {token_id}")


@main.group()
def webhooks() -> None:
    """Webhook deliveries: list them, send the pending and failed ones again."""


@webhooks.command("list")
@json_option
@pass_state
def webhooks_list(state: CliState, as_json: bool) -> None:
    """The latest deliveries and what became of them."""
    with domain_errors():
        rows = services.list_deliveries(state.ctx)
    data = [
        {
            "id": d.id,
            "event": d.event,
            "status": d.status,
            "attempts": d.attempts,
            "last_error": d.last_error,
        }
        for d in rows
    ]
    text = "\n".join(
        f"{d['id']:>5}  {d['event']}  {d['status']}  {d['attempts']} attempts"
        + (f"  {d['last_error']}" if d["last_error"] else "")
        for d in data
    )
    emit(data, as_json, text or "No deliveries.")


@webhooks.command("retry")
@pass_state
def webhooks_retry(state: CliState) -> None:
    """Try every delivery that has not arrived once more, now; exit 1 if any still fails."""
    with domain_errors():
        outcomes = retry_deliveries(state.ctx)
    for o in outcomes:
        if o.delivered:
            click.echo(f"{o.delivery_id}: delivered")
        else:
            click.echo(f"{o.delivery_id}: {o.error}", err=True)
    if not all(o.delivered for o in outcomes):
        raise SystemExit(1)


@main.group()
def bundles() -> None:
    """Export published bundles."""


@bundles.command("export")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_state
def bundles_export(state: CliState, ref: str, locale: str, output: Path) -> None:
    """Write the zip bundle of a published article × locale."""
    with domain_errors():
        export = services.export_bundle(state.ctx, ref, locale)
        write_atomic(output, export.data)
    click.echo(f"Wrote {output} ({len(export.data)} bytes)")


@main.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--debug/--no-debug", default=False)
def run(host: str, port: int, debug: bool) -> None:
    """Serve the web app with the development server."""
    app = create_app()
    # The development server runs jobs itself; production runs `transdesk worker`.
    with BackgroundConsumer(app.extensions["transdesk"].mt.huey):
        app.run(host=host, port=port, debug=debug, use_reloader=False)
