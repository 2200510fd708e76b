"""Django's Redis cache, but a Redis that is down slows the site instead of breaking it.

Every cache read then misses and every write is dropped, so pages are rendered afresh and
searches run uncached; `/readyz` still reports the cache as failing, and the first failure in
each ten seconds is logged.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("briefings.cache")
UNAVAILABLE = (ConnectionError, TimeoutError)
LOG_EVERY_SECONDS = 10


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, but one redis.Redis object per connection pool instead of per call.

    Building a redis.Redis fills its table of response callbacks, about a tenth of a millisecond:
    more than the round trip itself on loopback, on every cache call. The object only holds the
    pool, which is thread-safe, so it can be reused.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _unavailable(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning(
                "Redis unavailable (%s: %s); serving without the cache", operation, error
            )

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            self._unavailable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            self._unavailable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as error:
            self._unavailable("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write("add", super().add, key, value, timeout=timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write("set", super().set, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        result = self._write("set_many", super().set_many, data, timeout=timeout, version=version)
        return list(data) if result is False else result

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write("touch", super().touch, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._write("delete", super().delete, key, version=version)

    def delete_many(self, keys, version=None):
        return self._write("delete_many", super().delete_many, keys, version=version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            self._unavailable("incr", error)
            raise ValueError("the cache is unavailable") from error

    def clear(self):
        return self._write("clear", super().clear)

    def _write(self, operation, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as error:
            self._unavailable(operation, error)
            return False
