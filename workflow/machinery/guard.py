"""The guard around every deep-translator call: deadline, socket timeouts, errors, redaction.

deep-translator 1.11.4 calls ``requests.get``/``requests.post`` without a timeout, raises
unrelated exception classes (and requests' ``ConnectionError`` unwrapped), returns MyMemory's
quota warning as if it were the translation, and puts API keys into URLs and some messages.
:func:`guarded_call` fixes all of that for one call:

* **Deadline.** The call runs in a daemon thread of its own; the caller waits at most
  ``timeout`` seconds and then gets :class:`ProviderTimeout`, whatever the engine is doing
  (a stalled connect, a server that drips one byte a second, a slow constructor).
* **Socket timeouts.** So that the abandoned thread does not hang on forever, every HTTP request
  made *inside a guarded call* gets ``timeout=`` injected at ``HTTPAdapter.send``, the one place
  all of requests' calls pass through, whatever module or helper deep-translator uses. The hook
  is installed once, on the first guarded call (never at import), and is inert outside a guarded
  call: a context variable set only in the guard's worker thread switches it on. The same hook
  records the HTTP status and the start of an error body, so failures are classified by what the
  server said rather than by deep-translator's exception of the day.
* **One error family.** Every exception becomes a :class:`ProviderError` subclass, raised
  ``from None``: the original exception (whose message or URL may hold the key) is dropped.
* **No keys in logs.** While a guarded call runs, urllib3's debug records (which show the full
  request line, key and article text included) are redacted by a logger filter.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

import requests
from requests.adapters import HTTPAdapter

from workflow.machinery.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    QuotaExceeded,
)

__all__ = ["guarded_call", "is_quota_answer", "redact"]

logger = logging.getLogger("workflow.machinery")

REDACTED = "***"

#: MyMemory's answer when the daily free quota is used up (it comes back as the translation).
MYMEMORY_QUOTA_PREFIX = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS"

_QUOTA_ANSWER = re.compile(
    r"MYMEMORY WARNING"
    r"|YOU USED ALL AVAILABLE FREE TRANSLATIONS"
    r"|^\W*(?:daily |monthly |character |translation |usage |api )?(?:quota|limit)\b"
    r".{0,60}?\b(?:exceeded|reached|exhausted|used up)\b"
    r"|^\W*(?:too many requests|rate limit exceeded)\b",
    re.IGNORECASE | re.DOTALL,
)
_QUOTA_BODY = re.compile(
    r"quota|limit exceeded|too many requests|rate limit|MYMEMORY WARNING", re.IGNORECASE
)
# A query string after a URL or a request path: it carries keys and article text.
_QUERY = re.compile(r"((?:https?://|(?<![\w/])/)[^\s?'\"<>]*)\?[^\s'\"<>]*")
_STATUS_IN_TEXT = re.compile(r"status code:?\s*(\d{3})")


def redact(message: str, secrets: Iterable[str] = ()) -> str:
    """``message`` without the given secrets (also URL-encoded) and without URL query strings."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            message = message.replace(form, REDACTED)
    return _QUERY.sub(r"\1?" + REDACTED, message)


def is_quota_answer(answer: str, source: str = "") -> bool:
    """Whether a "translation" is really a quota or rate-limit notice (MyMemory's warning…).

    A source text that itself reads like a quota notice is translated, not refused.
    """
    return bool(_QUOTA_ANSWER.search(answer)) and not _QUOTA_ANSWER.search(source)


@dataclass
class _CallState:
    """What the HTTP hook needs and learns during one guarded call (one thread, mutable)."""

    timeout: float
    secrets: tuple[str, ...]
    status: int | None = None
    body: str = ""
    transport_error: requests.RequestException | None = field(default=None, repr=False)


_CALL: ContextVar[_CallState | None] = ContextVar("transdesk_mt_call", default=None)
_install_lock = threading.Lock()
_installed = False


class _RedactUrllib3(logging.Filter):
    """Redacts urllib3's records made during a guarded call (they hold the full request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        state = _CALL.get()
        if state is not None:
            record.msg = redact(record.getMessage(), state.secrets)
            record.args = None
        return True


def _install() -> None:
    """Install the HTTP hook and the log filter once per process (see the module docstring)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        original = HTTPAdapter.send

        def send(
            self: HTTPAdapter,
            request: requests.PreparedRequest,
            stream: bool = False,
            timeout: float | tuple[float | None, float | None] | None = None,
            verify: bool | str = True,
            cert: str | tuple[str, str] | None = None,
            proxies: dict[str, str] | None = None,
        ) -> requests.Response:
            state = _CALL.get()
            if state is None:
                return original(self, request, stream, timeout, verify, cert, proxies)
            if timeout is None:
                timeout = state.timeout
            try:
                response = original(self, request, stream, timeout, verify, cert, proxies)
            except requests.RequestException as exc:
                state.transport_error = exc
                raise
            state.status = response.status_code
            if not 200 <= response.status_code < 300 and not stream:
                state.body = response.text[:500]
            return response

        setattr(HTTPAdapter, "send", send)  # noqa: B010 — a method replaced on purpose, once
        for name in ("urllib3.connectionpool", "urllib3.util.retry"):  # both log full URLs
            logging.getLogger(name).addFilter(_RedactUrllib3())
        _installed = True


@dataclass(frozen=True)
class _Outcome:
    value: object = None
    error: Exception | None = None


def guarded_call(
    call: Callable[[], object],
    *,
    provider: str,
    name: str,
    text: str,
    timeout: float,
    secrets: Sequence[str] = (),
) -> str:
    """Run ``call`` (which builds a deep-translator object and translates ``text``) safely.

    Returns the translation, or raises a :class:`ProviderError` subclass within ``timeout``
    seconds (plus a few milliseconds). Thread-safe; each call runs in its own thread.
    """
    _install()
    state = _CallState(timeout=timeout, secrets=tuple(secrets))
    box: list[_Outcome] = []
    finished = threading.Event()

    def run() -> None:
        _CALL.set(state)
        try:
            box.append(_Outcome(value=call()))
        except Exception as exc:  # everything is mapped by the caller; nothing escapes a thread
            box.append(_Outcome(error=exc))
        finally:
            finished.set()

    worker = threading.Thread(target=run, name=f"transdesk-mt-{provider}", daemon=True)
    worker.start()
    if not finished.wait(timeout):
        error: ProviderError = ProviderTimeout(
            "%(name)s did not answer within %(timeout)s s",
            name=name,
            timeout=format(timeout, "g"),
            provider=provider,
        )
    else:
        outcome = box[0]
        box.clear()
        if outcome.error is not None:
            error = _classify(outcome.error, state, provider=provider, name=name)
        else:
            try:
                return _check_answer(outcome.value, text, provider=provider, name=name)
            except ProviderError as exc:
                error = exc
    error.message = redact(error.message, state.secrets)
    error.args = (error.message,)
    logger.warning("machine translation failed: %s", error.message)
    raise error from None


def _check_answer(value: object, text: str, *, provider: str, name: str) -> str:
    if not isinstance(value, str):
        raise ProviderError(
            "%(name)s gave no translation",
            name=name,
            provider=provider,
            detail=type(value).__name__,
        )
    if text.strip() and not value.strip():
        raise ProviderError("%(name)s gave an empty translation", name=name, provider=provider)
    if is_quota_answer(value, text):
        raise QuotaExceeded(
            "%(name)s: quota used up (the answer was a quota notice, not a translation)",
            name=name,
            provider=provider,
        )
    return value


def _classify(exc: Exception, state: _CallState, *, provider: str, name: str) -> ProviderError:
    """Map any exception from deep-translator or requests to the error family."""
    kind = type(exc).__name__
    transport = state.transport_error
    # requests' JSONDecodeError is a RequestException too, but then the server did answer.
    if (
        transport is None
        and isinstance(exc, requests.RequestException)
        and not isinstance(exc, requests.exceptions.InvalidJSONError)
    ):
        transport = exc
    status = state.status
    if status is None:
        # deep-translator sometimes only says it in words ("status code: 429").
        found = _STATUS_IN_TEXT.search(str(exc))
        status = int(found.group(1)) if found else None
    failed = status is not None and not 200 <= status < 300
    if isinstance(transport, requests.Timeout):
        return ProviderTimeout(
            "%(name)s did not answer within %(timeout)s s",
            name=name,
            timeout=format(state.timeout, "g"),
            provider=provider,
            detail=kind,
        )
    if failed and (status in (429, 456) or _QUOTA_BODY.search(state.body)):
        return QuotaExceeded(
            "%(name)s: quota or rate limit reached (HTTP %(status)s)",
            name=name,
            status=status,
            provider=provider,
            upstream_status=status,
            detail=kind,
        )
    if failed and status in (401, 403):
        return ProviderAuthFailed(
            "%(name)s refused the credentials (HTTP %(status)s)",
            name=name,
            status=status,
            provider=provider,
            upstream_status=status,
            detail=kind,
        )
    if (failed and status is not None and status >= 500) or (transport is not None and not failed):
        what = f"HTTP {status}" if failed else "cannot connect"
        return ProviderUnavailable(
            "%(name)s is unavailable (%(what)s)",
            name=name,
            what=what,
            provider=provider,
            upstream_status=status,
            detail=kind,
        )
    if failed:
        return ProviderError(
            "%(name)s refused the request (HTTP %(status)s)",
            name=name,
            status=status,
            provider=provider,
            upstream_status=status,
            detail=kind,
        )
    if isinstance(exc, ConnectionError | TimeoutError):
        return ProviderUnavailable(
            "%(name)s is unavailable (%(kind)s)",
            name=name,
            kind=kind,
            provider=provider,
            detail=kind,
        )
    if kind in ("LanguageNotSupportedException", "InvalidSourceOrTargetLanguage"):
        return ProviderError(
            "%(name)s does not support this language pair", name=name, provider=provider
        )
    if kind in ("NotValidLength", "NotValidPayload"):
        return ProviderError(
            "%(name)s does not accept a text this long", name=name, provider=provider
        )
    if kind == "ApiKeyException":
        return ProviderAuthFailed(
            "%(name)s needs an API key", name=name, provider=provider, detail=kind
        )
    if isinstance(exc, json.JSONDecodeError | ValueError | KeyError | IndexError | TypeError):
        return ProviderError(
            "%(name)s gave an answer that cannot be read", name=name, provider=provider, detail=kind
        )
    return ProviderError(
        "%(name)s failed (%(kind)s)", name=name, kind=kind, provider=provider, detail=kind
    )
