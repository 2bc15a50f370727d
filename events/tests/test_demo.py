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


def test_demo_has_a_questionnaire_with_results_on_the_past_event(organisation, client):
    from events import selectors

    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    past = Event.objects.get(title=demo.PAST_EVENT)
    results = selectors.questionnaire_results(past)
    assert results["respondents"] == len(demo.ANSWERS)
    html = client.get(past.get_absolute_url()).content.decode()
    assert "现场问答" in html and "活动问卷结果" in html
    assert "希望晚上也办一场" not in html and "演示参加者" not in html
