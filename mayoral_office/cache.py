"""The Redis cache, forgiving: when Redis is down, a read is a miss and a write is skipped (with a warning in the
log), so the web app keeps answering from the database until Redis is back. Everything the office caches can be
worked out again (reference tables, rendered PDFs, calendar feeds)."""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY_SECONDS = 60
_last_warning = [0.0]


def _warn(name: str, exc: Exception) -> None:
    """Say so in the log, once a minute at most while Redis stays down."""
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_EVERY_SECONDS:
        _last_warning[0] = now
        log.warning("Redis cache unavailable (%s: %s); carrying on without it", name, exc)


def _forgiving(name: str, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DOWN as exc:
            _warn(name, exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    return call


class ForgivingRedisCache(RedisCache):
    add = _forgiving("add", False)
    get = _forgiving("get", lambda key, default=None, version=None: default)
    set = _forgiving("set", None)
    touch = _forgiving("touch", False)
    delete = _forgiving("delete", False)
    get_many = _forgiving("get_many", lambda *args, **kwargs: {})
    set_many = _forgiving("set_many", lambda data, *args, **kwargs: list(data))
    delete_many = _forgiving("delete_many", None)
    has_key = _forgiving("has_key", False)
    incr = _forgiving("incr", None)
    clear = _forgiving("clear", None)
