"""DeepL through deep-translator's ``DeeplTranslator``."""

from __future__ import annotations

from typing import Any

from deep_translator import DeeplTranslator

from workflow.machinery.base import Provider

__all__ = ["DeeplProvider"]


class DeeplProvider(Provider):
    """DeepL's API; a key ending in ``:fx`` is a DeepL API Free key and uses the free host.

    deep-translator 1.11.4's DeepL language table predates DeepL's Korean, so the codes are set
    through the translator's public ``source``/``target`` setters after construction, which skip
    that table. English without a region becomes ``en-US`` (DeepL deprecates a bare ``EN``
    target). deep-translator sends the key as a query parameter: redacted by the guard.
    """

    id = "deepl"
    name = "DeepL"
    sends_data_to_third_party = True
    needs_key = True

    def language_code(self, locale: str) -> str:
        parts = locale.replace("_", "-").split("-")
        if len(parts) > 1 and parts[0].lower() in ("en", "pt"):
            return f"{parts[0].lower()}-{parts[1].upper()}"
        return parts[0].lower()

    def _translator(self, source: str, target: str) -> Any:
        key = self.config.key or ""
        translator = DeeplTranslator(
            api_key=key, source="en", target="de", use_free_api=key.endswith(":fx")
        )
        translator.source = source.split("-")[0]
        translator.target = "en-US" if target == "en" else target
        return translator
