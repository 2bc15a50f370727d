"""The event page with the Q&A and the charted questionnaire results, and a refused
questionnaire, are valid HTML (the Nu checker, as in xujing_portal/tests/test_html_validity.py)."""

from __future__ import annotations

import io

from django.urls import reverse

from events import demo
from events.models import Event
from xujing_portal.tests.test_html_validity import _checker, validate


def test_the_results_page_and_a_refused_questionnaire_are_valid_html(client, organisation, tmp_path):
    _checker()
    demo.load(stdout=io.StringIO())
    past = Event.objects.get(title=demo.PAST_EVENT)
    page = client.get(past.get_absolute_url())
    assert "活动问卷结果" in page.content.decode()
    refused = client.post(reverse("events:questionnaire", args=[past.pk]), {"code": "X"})
    assert refused.status_code == 400
    files = []
    for name, response in [("results", page), ("refused", refused)]:
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    errors = validate(files)
    assert [f"{e['url'].rsplit('/', 1)[-1]}: {e.get('message')} ({e.get('extract', '')[:80]})" for e in errors] == []
