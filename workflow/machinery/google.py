"""Google Translate through deep-translator's ``GoogleTranslator`` (the public web endpoint)."""

from __future__ import annotations

from typing import Any

from deep_translator import GoogleTranslator

from workflow.machinery.base import Provider

__all__ = ["GoogleProvider"]


class GoogleProvider(Provider):
    """Google's free web translator: no key, text goes to Google.

    deep-translator scrapes ``translate.google.com/m``; Google may answer 429 under load
    (reported as ``QuotaExceeded``). At most 5,000 characters per call.
    """

    id = "google"
    name = "Google Translate"
    sends_data_to_third_party = True

    def _translator(self, source: str, target: str) -> Any:
        return GoogleTranslator(source=source, target=target)
