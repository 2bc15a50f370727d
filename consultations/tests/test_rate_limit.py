"""The per-address rate limit lives in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from ..models import Message
from .test_board_view import URL, form_data


def test_the_rate_limit_uses_the_configured_cache():
    backend = django_settings.CACHES["default"]["BACKEND"]
    if django_settings.REDIS_URL:
        assert backend == "xujing_portal.cache.FailoverRedisCache"  # Redis, with a per-process fallback
        cache.set("consultations-probe", 1)
        import redis

        assert redis.Redis.from_url(django_settings.REDIS_URL).exists(cache.make_key("consultations-probe"))
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_a_flood_from_one_address_is_stopped_and_the_form_is_kept(anonymous, settings):
    settings.CONSULTATION_ASK_RATE = "3/h"
    statuses = [
        anonymous.post(URL, form_data(title=f"第{n}条留言标题"), REMOTE_ADDR="203.0.113.7").status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert Message.objects.count() == 3
    refused = anonymous.post(URL, form_data(title="被限制的留言标题"), REMOTE_ADDR="203.0.113.7")
    page = refused.content.decode()
    assert "提交得太频繁" in page and 'value="被限制的留言标题"' in page
    # Another address is not affected; nothing from the flood is public.
    assert anonymous.post(URL, form_data(title="另一地址的留言"), REMOTE_ADDR="198.51.100.2").status_code == 302
    assert "第0条留言标题" not in anonymous.get("/consultations/published/").content.decode()


@pytest.mark.django_db
def test_guessing_query_codes_is_rate_limited(anonymous, settings):
    settings.CONSULTATION_TRACK_RATE = "3/h"
    statuses = [
        anonymous.post(
            "/consultations/track/", {"tracking_number": "202601010001", "query_code": f"AAAA{n}"}
        ).status_code
        for n in range(4)
    ]
    assert statuses == [400, 400, 400, 429]
