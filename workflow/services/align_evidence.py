"""What the aligner may know beyond the two texts when an editor pairs a translation.

Three kinds of evidence, each optional (``workflow.alignment.aligner`` explains how they count):

* the glossary of the pair's languages, as a lexicon (Korean term → English renderings);
* the translation memory's exact matches from people (``approved`` and ``imported`` units;
  never ``aligned`` ones, which would only repeat the aligner), as the sentence's known
  translation — units of the article's own desk only, none of another embargoed article;
* a machine translation of each Korean sentence, when the editor names a configured
  provider, compared with the English as Bleualign does. It is fetched before the pairing's
  transaction (no network call holds the database), obeys the embargo, skips a sentence the
  provider refuses, and stops when the provider is down, out of quota or too slow, so a
  failing provider costs one timeout, not one a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from workflow.errors import BadInput
from workflow.machinery import machine_translate
from workflow.machinery.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    QuotaExceeded,
)
from workflow.model import Article
from workflow.services.context import Context
from workflow.services.memory import lookup, memory_scope
from workflow.services.mt import provider as configured_provider
from workflow.store import glossary, memory

#: Provider errors after which no other sentence is sent.
STOPPING = (ProviderTimeout, ProviderUnavailable, QuotaExceeded, ProviderAuthFailed)

#: TM origins whose exact matches are trusted as a sentence's translation.
TRUSTED_ORIGINS = ("approved", "imported")


@dataclass(frozen=True)
class MachineEvidence:
    """Machine translations by source text, and whether the provider failed on the way."""

    provider: str | None = None
    texts: dict[str, str] = field(default_factory=dict)
    failed: str | None = None  # the provider's error, when it stopped early


@dataclass(frozen=True)
class Evidence:
    lexicon: dict[str, list[str]]
    known: list[str | None]  # per source sentence: memory first, then MT, else None
    memory_hits: int
    mt_hits: int
    terms: int


def machine_evidence(
    ctx: Context, article: Article, sources: Sequence[str], locale: str, provider_id: str | None
) -> MachineEvidence:
    """Machine translations of ``sources`` by ``provider_id`` (none without one)."""
    if not provider_id:
        return MachineEvidence()
    chosen = configured_provider(ctx, provider_id)
    if article.embargoed and chosen.sends_data_to_third_party:
        raise BadInput(
            "%(slug)s is embargoed and %(name)s is a third party",
            slug=article.slug,
            name=chosen.name,
            field="provider",
        )
    texts: dict[str, str] = {}
    for text in dict.fromkeys(sources):
        try:
            suggestion = machine_translate(
                text,
                provider=chosen,
                source_lang=article.locale,
                target_lang=locale,
                embargoed=article.embargoed,
                cache=ctx.mt.cache,
                now=ctx.clock,
            )
        except STOPPING as exc:
            return MachineEvidence(chosen.id, texts, failed=str(exc))
        except ProviderError:
            continue  # this sentence refused (e.g. HTTP 400): the others may still go
        if suggestion.text.strip():
            texts[text] = suggestion.text
    return MachineEvidence(chosen.id, texts)


def gather(
    conn: Connection,
    ctx: Context,
    article: Article,
    sources: Sequence[str],
    locale: str,
    mt: MachineEvidence,
) -> Evidence:
    """The glossary, the memory's trusted exact matches and ``mt`` for ``sources``."""
    lexicon: dict[str, list[str]] = {}
    for _, term in glossary.list_terms(conn, source_lang=article.locale, target_lang=locale):
        lexicon.setdefault(term.source, []).append(term.target)
    index = ctx.memory.refresh(memory.StoreSource(conn))
    # the article's own desk: what the memory suggests shapes text its members see
    scope = memory_scope(conn, desks=(article.desk,), article=article)
    known: list[str | None] = []
    memory_hits = mt_hits = 0
    for text in sources:
        found = lookup(index, scope, text, target_lang=locale, source_lang=article.locale, k=3)
        trusted = next((m for m in found if m.exact and m.unit.origin in TRUSTED_ORIGINS), None)
        if trusted is not None:
            known.append(trusted.unit.target)
            memory_hits += 1
        elif text in mt.texts:
            known.append(mt.texts[text])
            mt_hits += 1
        else:
            known.append(None)
    return Evidence(lexicon, known, memory_hits, mt_hits, len(lexicon))
