"""The demo loader goes through services and is idempotent."""

from __future__ import annotations

import io

from events import demo
from events.models import Event, Topic


def test_demo_loads_once(organisation):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert Event.objects.count() == 4
    assert Topic.objects.count() == 3
    statuses = {e.title: e.status_label() for e in Event.objects.all()}
    assert "征集中" in statuses.values() and "报名中" in statuses.values() and "已结束" in statuses.values()
