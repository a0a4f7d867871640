"""The in-process LRU cache of machine translations."""

from __future__ import annotations

import pytest

from workflow.machinery import CacheKey, LruCache, MtCache


def key(text: str, provider: str = "deepl") -> CacheKey:
    return CacheKey(provider, "ko", "en", text)


def test_get_put_and_lru_eviction() -> None:
    cache = LruCache(maxsize=2)
    cache.put(key("가"), "A")
    cache.put(key("나"), "B")
    assert cache.get(key("가")) == "A"  # "가" is now the most recent
    cache.put(key("다"), "C")
    assert cache.get(key("나")) is None
    assert (cache.get(key("가")), cache.get(key("다"))) == ("A", "C")
    assert len(cache) == 2
    assert (cache.hits, cache.misses) == (3, 1)


def test_keys_differ_by_provider_and_locale() -> None:
    cache = LruCache()
    cache.put(key("가", "deepl"), "A")
    assert cache.get(key("가", "papago")) is None
    assert cache.get(CacheKey("deepl", "ko", "ja", "가")) is None


def test_is_an_mt_cache() -> None:
    cache: MtCache = LruCache()
    assert cache.get(key("x")) is None


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        LruCache(maxsize=0)
