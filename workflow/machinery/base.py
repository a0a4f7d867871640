"""The contract of a machine-translation provider and its configuration."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from workflow.errors import BadInput
from workflow.machinery.errors import ProviderError
from workflow.machinery.guard import guarded_call
from workflow.security.netpolicy import DestinationRefused, check_url

__all__ = ["DEFAULT_TIMEOUT", "MtConfig", "Provider"]

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class MtConfig:
    """How to reach one provider. ``key`` never shows in ``repr``; ``timeout`` is in seconds.

    ``in_house`` says the server runs inside the newsroom (only providers with
    ``may_run_in_house``, i.e. a self-hosted LibreTranslate): it may then see embargoed text.
    """

    key: str | None = field(default=None, repr=False)
    url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    region: str | None = None
    in_house: bool = False
    #: Private hosts or networks this provider may reach (TRANSDESK_ALLOW_PRIVATE_URLS).
    allowed_private: tuple[str, ...] = ()


class Provider(ABC):
    """A machine-translation engine, reached through one deep-translator class.

    Contract for a provider module (about 30 lines, one class):

    * Class attributes: ``id`` (registry id, lower case; also the ``TRANSDESK_MT_<ID>_*`` name),
      ``name`` (shown to translators), ``sends_data_to_third_party`` (``True`` when text leaves
      the building: an embargoed article must never reach such a provider), ``needs_key``,
      ``accepts_key``, ``needs_url``, ``accepts_url``, ``accepts_region``, ``may_run_in_house``.
    * :meth:`_translator` builds the deep-translator object for one language pair, configured
      from ``self.config``. It runs inside the guard, on every call: some constructors do
      network I/O (Microsoft fetches its language list) and the objects keep per-call state, so
      they are neither built at import nor shared between calls.
    * :meth:`language_code` maps a transdesk locale (``ko``, ``en``, ``en-US``) to the engine's
      code; the default is the primary language subtag.
    * Never call ``requests`` and never catch exceptions: :meth:`translate` runs the work under
      :func:`~workflow.machinery.guard.guarded_call`, which enforces ``config.timeout``, maps
      every failure to the :class:`~workflow.machinery.errors.ProviderError` family, detects
      quota notices and keeps :meth:`secrets` out of messages and logs.

    ``translate`` returns the raw engine output; protection of placeholders, caching and the
    embargo rule live in :func:`workflow.machinery.service.machine_translate`.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    sends_data_to_third_party: bool = True
    needs_key: ClassVar[bool] = False
    accepts_key: ClassVar[bool] = False  # a key may be given although none is needed
    needs_url: ClassVar[bool] = False
    accepts_url: ClassVar[bool] = False
    accepts_region: ClassVar[bool] = False
    may_run_in_house: ClassVar[bool] = False

    def __init__(self, config: MtConfig) -> None:
        """Check ``config`` against the class attributes; :class:`BadInput` names the field."""
        cls = type(self)
        if cls.needs_key and not config.key:
            raise BadInput("%(name)s needs an API key", name=cls.name, field="key")
        if config.key is not None and not (cls.needs_key or cls.accepts_key):
            raise BadInput("%(name)s takes no API key", name=cls.name, field="key")
        if cls.needs_url and not config.url:
            raise BadInput("%(name)s needs the URL of its server", name=cls.name, field="url")
        if config.url is not None:
            if not cls.accepts_url:
                raise BadInput("%(name)s takes no URL", name=cls.name, field="url")
            if not re.match(r"https?://[^/\s?#]+", config.url):
                raise BadInput("%(name)s needs an http(s) URL", name=cls.name, field="url")
        if config.region is not None and not cls.accepts_region:
            raise BadInput("%(name)s takes no region", name=cls.name, field="region")
        if config.in_house and not cls.may_run_in_house:
            raise BadInput("%(name)s cannot run in house", name=cls.name, field="in_house")
        if not 0 < config.timeout <= 300:
            raise BadInput("the timeout must be between 0 and 300 seconds", field="timeout")
        self.config = config
        self.sends_data_to_third_party = cls.sends_data_to_third_party and not config.in_house

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} {self.config!r}>"

    def secrets(self) -> tuple[str, ...]:
        """Strings that must never appear in messages or logs (the key and its parts)."""
        key = self.config.key
        if not key:
            return ()
        return (key, *(part for part in key.split(":") if len(part) >= 4 and part != key))

    def language_code(self, locale: str) -> str:
        """The engine's code for a transdesk locale; by default its primary language subtag."""
        return re.split(r"[-_]", locale, maxsplit=1)[0].lower()

    def translate(self, text: str, *, source_lang: str, target_lang: str) -> str:
        """The engine's translation of ``text``; raises a ``ProviderError`` subclass on failure."""
        source, target = self.language_code(source_lang), self.language_code(target_lang)
        if self.config.url:
            try:  # names are resolved now: a name that points inside is refused too
                check_url(self.config.url, self.config.allowed_private)
            except DestinationRefused as refused:
                raise ProviderError(
                    "%(name)s: %(refused)s",
                    name=self.name,
                    refused=refused.detail if refused.field == "url" else refused.text,
                    provider=self.id,
                    detail="ssrf",
                ) from None

        def call() -> object:
            return self._translator(source, target).translate(text)

        return guarded_call(
            call,
            provider=self.id,
            name=self.name,
            text=text,
            timeout=self.config.timeout,
            secrets=self.secrets(),
        )

    @abstractmethod
    def _translator(self, source: str, target: str) -> Any:
        """A deep-translator object for this pair (called inside the guard, once per call)."""
