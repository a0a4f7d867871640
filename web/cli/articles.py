"""Articles on the command line: segment and align files, import, pair, update, list, show."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from web import serialize
from web.cli.common import (
    CliState,
    domain_errors,
    emit,
    format_option,
    json_option,
    optional_as_option,
    optional_user_id,
    pass_state,
    read_input,
)
from workflow import services
from workflow.alignment.jsonl import align_jsonl
from workflow.errors import BadInput
from workflow.files import open_atomic


@click.command()
@click.argument("file")
@click.option("--locale", required=True)
@format_option
@json_option
@pass_state
def segment(state: CliState, file: str, locale: str, fmt: str | None, as_json: bool) -> None:
    """Print a file's body sentences, one a line (nothing is stored)."""
    with domain_errors():
        data, source = read_input(file)
        result = services.segment_file(
            state.ctx, data, source=source, locale=locale, format=fmt, require_title=False
        )
    emit(result.body, as_json, "\n".join(result.body))


@click.command()
@click.option(
    "--jsonl", "jsonl", required=True, help="Input: one article pair a line ('-' for stdin)."
)
@click.option("--out", "out", required=True, help="Output JSON Lines file ('-' for stdout).")
def align(jsonl: str, out: str) -> None:
    """Align sentences of article pairs in JSON Lines (id, ko_sentences, en_sentences)."""
    with domain_errors():
        source = "<stdin>" if jsonl == "-" else Path(jsonl).name
        if jsonl != "-" and not Path(jsonl).is_file():
            raise BadInput("%(jsonl)s: no such file", jsonl=jsonl)
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


@click.group()
def articles() -> None:
    """Import, pair, list and show articles."""


@articles.command("import")
@click.argument("file")
@click.option("--locale", required=True)
@click.option("--slug", default=None, help="Slug to use; derived from the file name if not given.")
@click.option(
    "--desk", "desk_name", default="news", show_default=True, help="The desk that owns it."
)
@click.option(
    "--title",
    default=None,
    help="The headline, for a file without one (plain text); wins over the file's own.",
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
    title: str | None,
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
            title=title,
        )
    emit(
        serialize.imported(r),
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
            user_id=optional_user_id(state, as_user),
        )
    emit(
        serialize.pairing(r),
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
        uid = optional_user_id(state, as_user)
        r = services.update_article(state.ctx, ref, data, source=source, format=fmt, user_id=uid)
    emit(
        serialize.correction(r),
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
    data = [serialize.overview(o) for o in overview]
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
    data = serialize.localized(la)
    text = "\n".join(
        f"{s['key']:<14} {s['state']:<10} v{s['version']}  {s['source']}\n{'':<14} → {s['target']}"
        for s in data["segments"]
    )
    emit(data, as_json, text)
