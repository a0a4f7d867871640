"""Machine translation of one text as a use case: embargo rule, cache, protection, provenance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from workflow.machinery.base import Provider
from workflow.machinery.cache import CacheKey, MtCache
from workflow.machinery.errors import EmbargoViolation
from workflow.machinery.protect import protect, restore

__all__ = ["MtSuggestion", "machine_translate"]


@dataclass(frozen=True)
class MtSuggestion:
    """A machine translation offered to a translator: never more than a suggestion.

    ``provider`` and ``created_at`` are its provenance; stored, it is a NEEDS_EDIT
    translation with ``origin="mt:<provider>"``, never TRANSLATED or APPROVED.
    """

    text: str
    provider: str
    source_lang: str
    target_lang: str
    created_at: datetime
    cached: bool = False


def machine_translate(
    text: str,
    *,
    provider: Provider,
    source_lang: str,
    target_lang: str,
    embargoed: bool,
    cache: MtCache | None = None,
    now: Callable[[], datetime] | None = None,
) -> MtSuggestion:
    """Translate ``text`` with ``provider``, or raise an ``MtError``.

    * An embargoed text is refused with :class:`EmbargoViolation` before anything else,
      cache included, when the provider sends data to a third party.
    * Placeholders, URLs, e-mail addresses and numbers go through as tokens and come back
      unchanged (:mod:`workflow.machinery.protect`); a lost one is a ``PlaceholderLost``.
    * Leading and trailing white space is kept; a text with nothing to translate (blank, a
      bare placeholder or number) is returned as it is without calling the provider.
    * Results are cached per provider, language pair and text when ``cache`` is given.
    """
    clock = now or (lambda: datetime.now(UTC))
    if embargoed and provider.sends_data_to_third_party:
        raise EmbargoViolation(
            "an embargoed text is never sent to %(name)s, a third party",
            name=provider.name,
            provider=provider.id,
        )

    def suggestion(result: str, *, cached: bool = False) -> MtSuggestion:
        return MtSuggestion(result, provider.id, source_lang, target_lang, clock(), cached)

    key = CacheKey(provider.id, source_lang, target_lang, text)
    if cache is not None and (hit := cache.get(key)) is not None:
        return suggestion(hit, cached=True)
    core = text.strip()
    protected = protect(core)
    if protected.only_tokens:
        return suggestion(text)
    answer = provider.translate(protected.text, source_lang=source_lang, target_lang=target_lang)
    restored = restore(answer.strip(), protected, provider=provider.id)
    head, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    result = head + restored + tail
    if cache is not None:
        cache.put(key, result)
    return suggestion(result)
