"""Running the desk from the command line: set up the database, serve, webhook deliveries."""

from __future__ import annotations

from pathlib import Path

import click

from web import serialize
from web.app import create_app
from web.cli.common import CliState, domain_errors, emit, json_option, pass_state
from workflow import services
from workflow.jobs import BackgroundConsumer
from workflow.services.demo import load_demo
from workflow.services.webhooks import retry_deliveries


@click.command()
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


@click.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--debug/--no-debug", default=False)
def run(host: str, port: int, debug: bool) -> None:
    """Serve the web app with the development server."""
    app = create_app()
    # The development server runs jobs itself; production runs `transdesk worker`.
    with BackgroundConsumer(app.extensions["transdesk"].mt.huey):
        app.run(host=host, port=port, debug=debug, use_reloader=False)


@click.group()
def webhooks() -> None:
    """Webhook deliveries: list them, send the pending and failed ones again."""


@webhooks.command("list")
@json_option
@pass_state
def webhooks_list(state: CliState, as_json: bool) -> None:
    """The latest deliveries and what became of them."""
    with domain_errors():
        rows = services.list_deliveries(state.ctx)
    data = [serialize.delivery(d) for d in rows]
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
