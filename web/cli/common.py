"""What every command module shares: the lazily built context, error mapping, output, options.

Imported by the command modules, never importing them (``web/cli/__init__.py`` does that).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from workflow import services
from workflow.bootstrap import build_context
from workflow.errors import BadInput, WorkflowError
from workflow.files import write_atomic
from workflow.settings import Settings


class DeskError(click.ClickException):
    """A WorkflowError on the command line: one line on stderr, exit 2 for bad input."""

    def __init__(self, error: WorkflowError) -> None:
        super().__init__(str(error).splitlines()[0] if str(error) else type(error).__name__)
        self.exit_code = 2 if error.status == 400 else 1

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@dataclass
class CliState:
    """The context, built on first use (``--help`` and bad usage touch no database)."""

    settings: Settings | None = None
    _ctx: services.Context | None = None

    @property
    def ctx(self) -> services.Context:
        if self._ctx is None:
            try:
                self.settings = self.settings or Settings.from_env()
            except WorkflowError as exc:
                raise DeskError(exc) from exc
            self._ctx = build_context(self.settings)
            click.get_current_context().call_on_close(self._ctx.close)
        return self._ctx


pass_state = click.make_pass_decorator(CliState, ensure=True)
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def domain_errors() -> Iterator[None]:
    """Map the domain's exceptions to CLI errors, once."""
    try:
        yield
    except WorkflowError as exc:
        raise DeskError(exc) from exc
    except UnicodeDecodeError as exc:
        raise DeskError(
            BadInput("input is not UTF-8 text (byte %(start)s)", start=exc.start)
        ) from exc
    except OSError as exc:
        raise DeskError(
            BadInput(
                "%(filename)s: %(strerror)s",
                filename=exc.filename or "",
                strerror=exc.strerror,
            )
        ) from exc


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """One JSON value with ``--json``; else ``text`` (or the value as indented JSON)."""
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(text if text is not None else json.dumps(data, ensure_ascii=False, indent=2))


def read_input(file: str) -> tuple[bytes, str]:
    """A file's bytes and name (``-``: stdin)."""
    if file == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(file)
    if not path.is_file():
        raise BadInput("%(file)s: no such file", file=file)
    return path.read_bytes(), path.name


def write_or_print(data: bytes, output: Path | None) -> None:
    """A file's bytes to ``output`` (written whole or not at all), else as text on stdout."""
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        write_atomic(output, data)


def user_id(state: CliState, name: str) -> int:
    """The id of the user ``--as`` names."""
    for user in services.list_users(state.ctx):
        if user.name == name:
            return user.id
    raise BadInput("no user named %(name)r", name=name, field="--as")


def optional_user_id(state: CliState, name: str | None) -> int | None:
    return user_id(state, name) if name else None


def article_locale_arguments(command: F) -> F:
    """The ``ID LOCALE`` arguments (``ref``, ``locale``) that name an article × locale."""
    return click.argument("ref", metavar="ID")(click.argument("locale")(command))


format_option = click.option(
    "--format", "fmt", default=None, help="Input format id; detected if not given."
)
_output_path = click.Path(dir_okay=False, path_type=Path)
output_option = click.option("-o", "--output", type=_output_path, required=True)
#: Where it is given, else stdout (see :func:`write_or_print`).
optional_output_option = click.option("-o", "--output", type=_output_path, default=None)
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


def _from_env_or_prompt(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # A password on the command line would show in the process list and the shell's history.
    if ctx.get_parameter_source(param.name or "") is click.core.ParameterSource.COMMANDLINE:
        raise click.BadParameter("give it in TRANSDESK_PASSWORD or at the prompt", param=param)
    return value


def password_option(prompt: str) -> Any:
    """The password from ``TRANSDESK_PASSWORD`` (Click reads it), else asked twice, hidden.

    An input of the command, not a setting of the desk, so Click's ``envvar`` reads it rather
    than ``Settings``; the option is hidden and refuses a value typed on the command line.
    """
    return click.option(
        "--password",
        envvar="TRANSDESK_PASSWORD",
        prompt=prompt,
        hide_input=True,
        confirmation_prompt=True,
        hidden=True,
        callback=_from_env_or_prompt,
    )
