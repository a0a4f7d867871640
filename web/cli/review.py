"""Translating and reviewing on the command line: translate, review, check, publish."""

from __future__ import annotations

import json

import click

from web import serialize
from web.cli.common import (
    CliState,
    DeskError,
    article_locale_arguments,
    as_option,
    domain_errors,
    emit,
    json_option,
    pass_state,
    read_input,
    user_id,
)
from workflow import services
from workflow.errors import BadInput


@click.command()
@article_locale_arguments
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
    emit(serialize.saved(key, t), as_json, f"{key}: {t.state.label}, version {t.version}")


@click.group()
def review() -> None:
    """Approve or reject translations (editors)."""


@review.command("approve")
@article_locale_arguments
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
    text = f"Approved {len(r.approved)} segments" + "".join(
        f"\nskipped {s.key}: {s.reason}" for s in r.skipped
    )
    emit(serialize.approval(r), as_json, text)


@review.command("reject")
@article_locale_arguments
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
    emit(serialize.rejected(key, t), as_json, f"{key}: {t.state.label}")


@review.command("override")
@article_locale_arguments
@click.argument("key")
@click.option("--check", "check_id", required=True, help="The id of the check whose error.")
@click.option("--reason", required=True, help="Why the translation is right.")
@as_option
@json_option
@pass_state
def review_override(
    state: CliState,
    ref: str,
    locale: str,
    key: str,
    check_id: str,
    reason: str,
    as_user: str,
    as_json: bool,
) -> None:
    """Let a QA error of a segment pass, with a reason (editors); until its text changes."""
    with domain_errors():
        services.override_error(
            state.ctx, ref, locale, key, check_id, reason, user_id=user_id(state, as_user)
        )
    emit(
        {"key": key, "check": check_id, "overridden": True},
        as_json,
        f"{key}: {check_id} overridden",
    )


@click.command()
@article_locale_arguments
@as_option
@json_option
@pass_state
def publish(state: CliState, ref: str, locale: str, as_user: str, as_json: bool) -> None:
    """Publish an article × locale; every segment must be approved."""
    with domain_errors():
        la = services.publish(state.ctx, ref, locale, user_id=user_id(state, as_user))
    emit(
        serialize.publication(la),
        as_json,
        f"Published {la.article.slug} ({la.locale}), revision {la.revision}",
    )


@click.command()
@click.argument("ref", metavar="ID", required=False)
@click.argument("locale", required=False)
@click.option(
    "--pairs",
    "pairs_file",
    metavar="IN.jsonl",
    help='Check JSON Lines {"id", "source", "target", "source_lang", "target_lang"} (- for '
    "stdin) instead of an article.",
)
@click.option(
    "--file",
    "catalog_file",
    metavar="CATALOG",
    help="Check the translated entries of a PO or XLIFF file instead of an article.",
)
@click.option("--source-lang", default="ko", show_default=True, help="With --file.")
@click.option("--target-lang", default="en", show_default=True, help="With --file.")
@click.option(
    "--desk", default=None, help="With --pairs or --file: run the checks as this desk chose."
)
@json_option
@pass_state
def check(
    state: CliState,
    ref: str | None,
    locale: str | None,
    pairs_file: str | None,
    catalog_file: str | None,
    source_lang: str,
    target_lang: str,
    desk: str | None,
    as_json: bool,
) -> None:
    """Run the QA checks on an article × locale (ID LOCALE), on bilingual pairs (--pairs) or
    on a PO/XLIFF catalog (--file).

    With --pairs or --file and --json, one JSON object per pair, in input order:
    {"id", "findings": [{"check", "severity", "message"}]}. A bad input line is an error
    naming its line number (exit 2).
    """
    given = sum(x is not None for x in (pairs_file, catalog_file)) + (ref is not None)
    if given != 1 or (ref is not None) != (locale is not None):
        raise DeskError(BadInput("give either ID LOCALE, --pairs IN.jsonl or --file CATALOG"))
    if ref is None or locale is None:
        with domain_errors():
            if pairs_file is not None:
                data, name = read_input(pairs_file)
                results = services.check_pairs_file(state.ctx, data, name=name, desk=desk)
            else:
                data, name = read_input(catalog_file or "-")
                results = services.check_catalog_file(
                    state.ctx,
                    data,
                    name=name,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    desk=desk,
                )
        _emit_pairs(results, as_json)
        return
    with domain_errors():
        findings = services.check_article(state.ctx, ref, locale)
    data = [serialize.finding(f) for f in findings]
    text = "\n".join(
        f"{d['severity']:<8} {d['key']:<14} {d['check']}: {d['message']}" for d in data
    )
    emit(data, as_json, text or "No findings.")


def _emit_pairs(results: list[services.PairFindings], as_json: bool) -> None:
    """One JSON object a line (``--json``), else one line per finding."""
    for r in results:
        if as_json:
            click.echo(json.dumps(serialize.pair_findings(r), ensure_ascii=False))
        else:
            for f in r.findings:
                click.echo(f"{f.severity.label:<8} {r.id}  {f.check}: {f.message}")
    if not as_json and not any(r.findings for r in results):
        click.echo("No findings.")
