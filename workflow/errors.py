"""The one exception tree of the domain.

Each error carries its data as attributes; ``web/errors.py`` maps the classes to
HTTP status codes and ``web/cli/common.py`` to CLI exit codes, once each.
"""

from __future__ import annotations


class WorkflowError(Exception):
    """Base of every error the domain raises on purpose."""

    #: HTTP-like category, used by the edges: 400 bad input, 403, 404, 409.
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInput(WorkflowError):
    """Input that cannot be used as given; says what and where."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = []
        if source:
            where.append(source)
        if line is not None:
            where.append(f"line {line}")
        if field:
            where.append(f"field {field!r}")
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(full)
        self.source = source
        self.line = line
        self.field = field


class ImportFailed(BadInput):
    """An article file that cannot be imported (empty, binary, no title, no article…)."""


class TitleMissing(ImportFailed):
    """An article file without a headline (plain text, or a text whose first line is a
    sentence) and no title given by the person importing it."""


class UnknownLocale(BadInput):
    """A locale code that Babel does not know or transdesk does not serve."""


class UnknownPlugin(BadInput):
    """An id that is not in a registry; the message lists what exists."""


class NotFound(WorkflowError):
    status = 404


class PermissionDenied(WorkflowError):
    status = 403


class FourEyes(PermissionDenied):
    """The user who last changed a translation tries to approve it."""


class InvalidTransition(WorkflowError):
    """A state change that the workflow does not allow."""

    status = 409


class VersionConflict(WorkflowError):
    """Someone else saved first; carries what is stored now."""

    status = 409

    def __init__(self, message: str, *, current_text: str, current_version: int) -> None:
        super().__init__(message)
        self.current_text = current_text
        self.current_version = current_version


class PublishBlocked(InvalidTransition):
    """Publishing refused: not every segment is approved."""

    def __init__(self, message: str, *, pending: int) -> None:
        super().__init__(message)
        self.pending = pending


class AuthenticationFailed(WorkflowError):
    status = 401


class ChecksBlock(InvalidTransition):
    """Error-level QA findings stand in the way (of approval or publishing)."""

    def __init__(self, message: str, *, findings: dict[str, list[str]]) -> None:
        super().__init__(message)
        self.findings = findings


class Throttled(WorkflowError):
    """Too many attempts in a short time (failed logins); says when to try again."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
