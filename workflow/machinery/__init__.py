"""Machine translation over deep-translator: providers, a registry, a guard, a cache.

Nothing here runs at import: providers are built by :func:`providers_from_env` (or directly
from an :class:`MtConfig`), and the guard installs its HTTP hook on the first call.
"""

from __future__ import annotations

from workflow.machinery.base import DEFAULT_TIMEOUT, MtConfig, Provider
from workflow.machinery.cache import CacheKey, LruCache, MtCache
from workflow.machinery.errors import (
    EmbargoViolation,
    MtError,
    PlaceholderLost,
    ProviderAuthFailed,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    QuotaExceeded,
)
from workflow.machinery.guard import is_quota_answer, redact
from workflow.machinery.protect import Protected, protect, restore
from workflow.machinery.registry import DEFAULT_PROVIDERS, default_providers, providers_from_env
from workflow.machinery.service import MtSuggestion, machine_translate

__all__ = [
    "DEFAULT_PROVIDERS",
    "DEFAULT_TIMEOUT",
    "CacheKey",
    "EmbargoViolation",
    "LruCache",
    "MtCache",
    "MtConfig",
    "MtError",
    "MtSuggestion",
    "PlaceholderLost",
    "Protected",
    "Provider",
    "ProviderAuthFailed",
    "ProviderError",
    "ProviderTimeout",
    "ProviderUnavailable",
    "QuotaExceeded",
    "default_providers",
    "is_quota_answer",
    "machine_translate",
    "protect",
    "providers_from_env",
    "redact",
    "restore",
]
