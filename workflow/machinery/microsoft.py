"""Microsoft Translator through deep-translator's ``MicrosoftTranslator``."""

from __future__ import annotations

from typing import Any

from deep_translator import MicrosoftTranslator

from workflow.machinery.base import Provider

__all__ = ["MicrosoftProvider"]


class MicrosoftProvider(Provider):
    """Azure AI Translator; key required, region (``TRANSDESK_MT_MICROSOFT_REGION``) optional.

    deep-translator fetches Microsoft's language list in the constructor, so each call makes
    two requests, both under the guard's deadline.
    """

    id = "microsoft"
    name = "Microsoft Translator"
    sends_data_to_third_party = True
    needs_key = True
    accepts_region = True

    def _translator(self, source: str, target: str) -> Any:
        return MicrosoftTranslator(
            api_key=self.config.key, region=self.config.region, source=source, target=target
        )
