""" "Did you mean" learns the words of newly listed products at once, with the vocabulary
cached in the shared cache (Redis in production, where several web workers share it)."""

import os

import pytest
import redis

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Redis tests: no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL} (start one, or set TEST_REDIS_URL)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_new_product_words_are_corrected_after_indexing(redis_cache):
    make_ocop_product(title="Mật ong rừng")
    backend = DatabaseBackend()
    assert backend.search(SearchQuery(text="mat onng")).suggestion == "mat ong"
    assert redis_cache.get("search:vocabulary")  # kept in Redis, shared by every worker

    make_ocop_product(title="Spirulina Michio")

    results = backend.search(SearchQuery(text="spirulna"))
    assert results.suggestion == "spirulina"
    assert results.total == 1
