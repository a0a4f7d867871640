"""MyMemory through deep-translator's ``MyMemoryTranslator``."""

from __future__ import annotations

from typing import Any

from deep_translator import MyMemoryTranslator

from workflow.machinery.base import Provider

__all__ = ["MyMemoryProvider"]

# MyMemory wants language-region codes; these are the ones deep-translator knows.
_CODES = {"ko": "ko-KR", "en": "en-US", "ja": "ja-JP", "zh": "zh-CN"}


class MyMemoryProvider(Provider):
    """MyMemory's free API: no key, text goes to Translated srl; 500 characters per call.

    When the daily quota is used up MyMemory answers HTTP 200 with a "MYMEMORY WARNING: YOU
    USED ALL AVAILABLE FREE TRANSLATIONS…" text, which deep-translator returns as the
    translation; the guard turns it into ``QuotaExceeded``.
    """

    id = "mymemory"
    name = "MyMemory"
    sends_data_to_third_party = True

    def language_code(self, locale: str) -> str:
        code = locale.replace("_", "-")
        if "-" in code:
            language, region = code.split("-", 1)
            return f"{language.lower()}-{region.upper()}"
        return _CODES.get(code.lower(), code.lower())

    def _translator(self, source: str, target: str) -> Any:
        return MyMemoryTranslator(source=source, target=target)
