"""The shared cache on Redis, with a per-process fallback while Redis is unreachable.

The rate limits of the public forms (django-ratelimit) count in this cache. When Redis
is down, a citizen's question or comment must still be stored and acknowledged, so every
cache call that fails with a connection error is answered from a local-memory cache in
this process instead, and the outage is logged (once per process and minute, not once per
request). The documented consequence: while Redis is down, each web worker counts the
limits on its own, so an address may post up to (workers × limit) times in the window.
When Redis answers again the shared counters are used again.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_FALLBACK_LOG_INTERVAL = 60.0


def _unreachable_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class FailoverRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # A stopped server refuses at once; a partitioned one must not hold a request.
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._fallback = LocMemCache(f"failover-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._errors = _unreachable_errors()
        self._last_logged = 0.0

    def _failover(self, operation: str, exc: BaseException):
        now = time.monotonic()
        if now - self._last_logged > _FALLBACK_LOG_INTERVAL:
            self._last_logged = now
            logger.warning(
                "Redis cache unreachable (%s: %s); using this process's memory until it is back.", operation, exc
            )
        return getattr(self._fallback, operation)


def _with_failover(name: str):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(FailoverRedisCache, self), name)(*args, **kwargs)
        except self._errors as exc:
            return self._failover(name, exc)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FailoverRedisCache, _name, _with_failover(_name))
