"""The errors of machine translation, one family under :class:`~workflow.errors.WorkflowError`.

Messages are built by transdesk, never copied from deep-translator or requests: those put API
keys and article text into their messages. Whatever detail is kept has passed through
:func:`workflow.machinery.redact.redact` first.
"""

from __future__ import annotations

from workflow.errors import WorkflowError


class MtError(WorkflowError):
    """Base of every machine-translation error."""

    status = 502


class ProviderError(MtError):
    """A provider call failed; ``provider`` is its id, ``upstream_status`` the HTTP status if any.

    Also raised for answers that cannot be used: not JSON, no text, a lost placeholder.
    """

    status = 502

    def __init__(
        self,
        message: str,
        /,
        *,
        provider: str,
        upstream_status: int | None = None,
        detail: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(message, **params)
        self.provider = provider
        self.upstream_status = upstream_status
        self.detail = detail  # e.g. the class name of the underlying exception


class ProviderTimeout(ProviderError):
    """The provider did not answer within the configured timeout."""

    status = 504


class QuotaExceeded(ProviderError):
    """The provider answered that a quota or rate limit is used up (HTTP 429, 456, quota text)."""

    status = 429


class ProviderUnavailable(ProviderError):
    """The provider cannot be reached or answered with a server error (5xx)."""

    status = 503


class ProviderAuthFailed(ProviderError):
    """The provider refused the credentials (HTTP 401 or 403)."""

    status = 502


class PlaceholderLost(ProviderError):
    """The engine dropped or garbled a protected placeholder, URL or number."""

    status = 502


class EmbargoViolation(MtError):
    """An embargoed text was about to be sent to a third-party provider; nothing was sent."""

    status = 403

    def __init__(self, message: str, /, *, provider: str, **params: object) -> None:
        super().__init__(message, **params)
        self.provider = provider
