"""Events to register for: one published event with a session in ten days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from events import services
from events.models import Event, Kind, Session


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    settings.EVENTS_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def make_event(organisation, **kwargs) -> Event:
    values = {
        "title": "政府开放月：走进政务服务中心",
        "organiser": organisation,
        "kind": Kind.OPEN_DAY,
        "venue": "徐泾镇社区事务受理服务中心",
        "summary": "参观与交流",
        "accessibility_notes": "设无障碍坡道",
        "published": True,
    }
    values.update(kwargs)
    return services.event_save(event=Event(**values))


def make_session(event, *, days=10, capacity=10, max_party=3, **kwargs) -> Session:
    return services.session_save(
        session=Session(
            event=event,
            date=timezone.localdate() + dt.timedelta(days=days),
            start_time=dt.time(9, 30),
            end_time=dt.time(11, 0),
            capacity=capacity,
            max_party=max_party,
            **kwargs,
        )
    )


@pytest.fixture
def event(organisation):
    return make_event(organisation)


@pytest.fixture
def session(event):
    return make_session(event, capacity=4, max_party=2)
