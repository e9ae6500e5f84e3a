"""The Redis cache keeps one client per connection pool."""

from django.core.cache import cache, caches

from urbanhome.core.redis_cache import RedisCache


def test_the_configured_cache_is_the_pooled_backend():
    assert isinstance(caches["default"], RedisCache)


def test_cache_calls_share_one_redis_client():
    first = cache._cache.get_client()

    cache.set("pooled-client-check", "ndiyo")

    assert cache.get("pooled-client-check") == "ndiyo"
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first  # one server, one pool
