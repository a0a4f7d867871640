"""The one exception tree of the domain, and the translatable :class:`Message` it carries.

Each error carries its data as attributes; ``web/errors.py`` maps the classes to
HTTP status codes and ``web/cli/common.py`` to CLI exit codes, once each.

Messages are English with ``%(name)s`` parameters (``raise NotFound("no article %(ref)r",
ref=ref)``): ``str()`` of an error or a :class:`Message` is the English text the CLI prints,
and the web translates the template with the request's locale (``Message.localize``). The
templates are extracted into the UI catalogs (``make messages``: every error class and
``Message`` is an extraction keyword), so a message is written as a literal, never an f-string
(``tests/test_messages.py`` reads every call site).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

#: A translation function: an English message id in, the reader's text out (``gettext``).
Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


class Message(str):
    """English text that can be translated: a template (the message id) and its parameters.

    It *is* the English string (``str`` subclass), so code that prints, joins or stores it
    sees the English text; :meth:`localize` renders it in another language. A parameter may
    itself be a :class:`Message` or a :class:`WorkflowError` and is then translated too.
    """

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Message:
        self = super().__new__(cls, _render(template, params, _same))
        self.template = template
        self.params = params
        return self

    def localize(self, gettext: Translate) -> str:
        """The text in the language of ``gettext`` (its English when a template is missing)."""
        return _render(self.template, self.params, gettext)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (self.template, dict(self.params)))


class Named(Message):
    """A code (a check id, ``numbers``) that is itself in English text and the CLI, and is
    shown to people by its translated name (``숫자``)."""

    name: Message

    def __new__(cls, code: str, name: Message) -> Named:
        self = str.__new__(cls, code)
        self.template = code
        self.params = {}
        self.name = name
        return self

    def localize(self, gettext: Translate) -> str:
        if gettext is _same:  # the English text (str(), the CLI) keeps the code
            return str(self)
        return self.name.localize(gettext)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Named, (str(self), self.name))


def _message(template: str, params: dict[str, object]) -> Message:
    return Message(template, **params)


def _render(template: str, params: Mapping[str, object], gettext: Translate) -> str:
    text = gettext(template) if template else template
    if not params:
        return text
    values = {name: translated(value, gettext) for name, value in params.items()}
    try:
        return text % values
    except (KeyError, ValueError, TypeError):  # a broken translation: fall back to English
        return template % values


def translated(value: object, gettext: Translate) -> object:
    """``value`` as a message shows it: messages and errors translated, a tuple's items
    translated and joined with ``; ``, the rest as is."""
    if isinstance(value, Message | WorkflowError):
        return value.localize(gettext)
    if isinstance(value, tuple):
        return "; ".join(str(translated(item, gettext)) for item in value)
    return value


class _ErrorText(Message):
    """An error's whole message as a :class:`Message`, to be passed on to another error."""

    error: WorkflowError

    def __new__(cls, error: WorkflowError) -> _ErrorText:
        self = str.__new__(cls, str(error))
        self.template = str(error)
        self.params = {}
        self.error = error
        return self

    def localize(self, gettext: Translate) -> str:
        return self.error.localize(gettext)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (str(self),))


class WorkflowError(Exception):
    """Base of every error the domain raises on purpose.

    ``message`` is an English template, ``params`` fill its ``%(name)s`` slots.
    """

    #: HTTP-like category, used by the edges: 400 bad input, 403, 404, 409.
    status = 400

    def __init__(self, message: str, /, **params: object) -> None:
        text = message if isinstance(message, Message) and not params else None
        self.msg = text if text is not None else Message(message, **params)
        super().__init__(str(self.msg))
        self.message = str(self.msg)

    def localize(self, gettext: Translate) -> str:
        """The message in the language of ``gettext``; ``str(error)`` is the English."""
        return self.msg.localize(gettext)

    @property
    def text(self) -> Message:
        """The whole message (its place included) as a :class:`Message`, for another error
        to carry: ``raise UnknownPlugin(e.text, source=source)``."""
        return _ErrorText(self)

    def __str__(self) -> str:
        return self.message


class BadInput(WorkflowError):
    """Input that cannot be used as given; says what and where."""

    status = 400

    def __init__(
        self,
        message: str,
        /,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        **params: object,
    ) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.detail = (
            Message(message, **params) if params or not isinstance(message, Message) else message
        )
        super().__init__(self._located(_same))

    def localize(self, gettext: Translate) -> str:
        return self._located(gettext)

    def _located(self, gettext: Translate) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(Message("line %(line)s", line=self.line).localize(gettext))
        if self.field:
            where.append(Message("field %(field)r", field=self.field).localize(gettext))
        text = self.detail.localize(gettext)
        return f"{', '.join(where)}: {text}" if where else text


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

    def __init__(
        self, message: str, /, *, current_text: str, current_version: int, **params: object
    ) -> None:
        super().__init__(message, **params)
        self.current_text = current_text
        self.current_version = current_version


class PublishBlocked(InvalidTransition):
    """Publishing refused: not every segment is approved."""

    def __init__(self, message: str, /, *, pending: int, **params: object) -> None:
        super().__init__(message, **params)
        self.pending = pending


class AuthenticationFailed(WorkflowError):
    status = 401


class ChecksBlock(InvalidTransition):
    """Error-level QA findings stand in the way (of approval or publishing)."""

    def __init__(
        self, message: str, /, *, findings: dict[str, list[str]], **params: object
    ) -> None:
        super().__init__(message, **params)
        self.findings = findings


class Throttled(WorkflowError):
    """Too many attempts in a short time (failed logins); says when to try again."""

    status = 429

    def __init__(self, message: str, /, *, retry_after: int, **params: object) -> None:
        super().__init__(message, **params)
        self.retry_after = retry_after
