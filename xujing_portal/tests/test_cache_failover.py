"""The cache keeps answering while Redis is down: from this process's memory, logged."""

from __future__ import annotations

import logging
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited


def post_from(address: str):
    return RequestFactory().post("/consultations/", REMOTE_ADDR=address)


GROUP = f"test.form.{uuid.uuid4()}"  # the spare Redis is fresh, but the fallback memory is per process


def limited(request) -> bool:
    return is_ratelimited(request, group=GROUP, key="ip", rate="2/h", method="POST", increment=True)


def test_the_cache_uses_redis_while_it_is_up(spare_redis):
    cache.set("portal-key", "在 Redis 中", 60)

    assert redis.Redis.from_url(spare_redis.url).exists(cache.make_key("portal-key")) == 1
    assert cache.get("portal-key") == "在 Redis 中"


def test_rate_limits_still_count_while_redis_is_down_and_the_outage_is_logged_once(spare_redis, caplog):
    spare_redis.stop()

    with caplog.at_level(logging.WARNING, logger="xujing_portal.cache"):
        answers = [limited(post_from("203.0.113.7")) for _ in range(3)]
        other = limited(post_from("203.0.113.8"))

    assert answers == [False, False, True]
    assert other is False
    outage = [r for r in caplog.records if "Redis cache unreachable" in r.getMessage()]
    assert len(outage) == 1


def test_the_shared_counters_are_used_again_once_redis_is_back(spare_redis):
    spare_redis.stop()
    limited(post_from("203.0.113.9"))

    spare_redis.start()
    limited(post_from("203.0.113.9"))

    keys = redis.Redis.from_url(spare_redis.url).keys("*")
    assert keys, "the count went to Redis again"


@pytest.mark.parametrize("operation", ["get", "set", "add", "delete", "get_many", "has_key"])
def test_no_cache_call_raises_while_redis_is_down(spare_redis, operation):
    spare_redis.stop()
    args = {"get": ("k",), "set": ("k", 1), "add": ("k", 1), "delete": ("k",), "get_many": (["k"],), "has_key": ("k",)}

    getattr(cache, operation)(*args[operation])
