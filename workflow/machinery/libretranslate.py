"""LibreTranslate (public or self-hosted) through deep-translator's ``LibreTranslator``."""

from __future__ import annotations

from typing import Any

from deep_translator import LibreTranslator

from workflow.machinery.base import MtConfig, Provider

__all__ = ["LibreTranslateProvider"]

# deep-translator refuses an empty key; a server that wants none ignores this one.
_NO_KEY = "no-key"


class LibreTranslateProvider(Provider):
    """A LibreTranslate server at ``TRANSDESK_MT_LIBRETRANSLATE_URL``; the key is optional.

    Counted as a third party unless ``TRANSDESK_MT_LIBRETRANSLATE_IN_HOUSE`` says the server
    runs in the newsroom; only then may it see embargoed text. deep-translator needs a URL
    ending in ``/`` (added here) and sends the key and the text as query parameters.
    """

    id = "libretranslate"
    name = "LibreTranslate"
    sends_data_to_third_party = True
    accepts_key = True
    needs_url = True
    accepts_url = True
    may_run_in_house = True

    def __init__(self, config: MtConfig) -> None:
        super().__init__(config)
        self.url = (config.url or "").rstrip("/") + "/"

    def _translator(self, source: str, target: str) -> Any:
        return LibreTranslator(
            source=source,
            target=target,
            api_key=self.config.key or _NO_KEY,
            use_free_api=False,
            custom_url=self.url,
        )
