"""Naver Papago through deep-translator's ``PapagoTranslator``."""

from __future__ import annotations

from typing import Any

from deep_translator import PapagoTranslator

from workflow.machinery.base import Provider

__all__ = ["PapagoProvider"]


class PapagoProvider(Provider):
    """Papago; the key is ``CLIENT_ID:CLIENT_SECRET`` (both parts are kept out of logs).

    deep-translator 1.11.4 maps ``ko`` to the language *name* ``Korean`` and would send that;
    the codes are set through the public ``source``/``target`` setters after construction.
    It calls the Naver Developers endpoint ``openapi.naver.com/v1/papago/n2mt``.
    """

    id = "papago"
    name = "Papago"
    sends_data_to_third_party = True
    needs_key = True

    def language_code(self, locale: str) -> str:
        code = locale.replace("_", "-")
        return code if code in ("zh-CN", "zh-TW") else super().language_code(locale)

    def _translator(self, source: str, target: str) -> Any:
        client_id, _, secret = (self.config.key or "").partition(":")
        translator = PapagoTranslator(client_id=client_id, secret_key=secret)
        translator.source, translator.target = source, target
        return translator
