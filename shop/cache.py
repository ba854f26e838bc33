"""Django's Redis cache, made so that Redis being down slows nothing and fails nothing.

Django's own backend raises on a refused connection, and every page reads the cache (search
answers, Oscar's basket strategy, the throttling counters): with Redis stopped, every page
answered 500 (bench/load_mixed.py --server-env REDIS_URL=…, docs/RELIABILITY.md). Here a
Redis error is logged and the call answers as a cache miss does: reads get the default,
writes are dropped, `incr` raises ValueError (Django's answer for a missing key). Sessions
live in the database, so nobody is signed out. Short socket timeouts (settings) keep a hung
Redis from holding requests.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def _unavailable(operation, error):
    logger.warning("cache unavailable (%s): %s", operation, error)


class ResilientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        # Django builds a new redis.Redis around the pool for every call, and each one
        # builds its table of ~170 response callbacks: about 1 ms a page for the four or
        # five cache reads of a storefront page. A client is thread-safe; keep one per pool.
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except UNAVAILABLE as error:
            _unavailable("add", error)
            return False

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNAVAILABLE as error:
            _unavailable("get", error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except UNAVAILABLE as error:
            _unavailable("set", error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except UNAVAILABLE as error:
            _unavailable("touch", error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except UNAVAILABLE as error:
            _unavailable("delete", error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNAVAILABLE as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNAVAILABLE as error:
            _unavailable("has_key", error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNAVAILABLE as error:
            _unavailable("incr", error)
            raise ValueError(f"Key '{key}' not found: the cache is unavailable") from error

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except UNAVAILABLE as error:
            _unavailable("set_many", error)

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except UNAVAILABLE as error:
            _unavailable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except UNAVAILABLE as error:
            _unavailable("clear", error)
            return False


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
