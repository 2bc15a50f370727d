"""The demo: the seed's 28 items for 2023, loaded twice without duplicates."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from decisions.models import RepresentativeMeeting
from workpoints.models import Evidence, HeadReport, Status, WorkItem, WorkPlan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_the_demo_loads_the_seeds_28_items_twice_without_duplicates(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_workpoints", stdout=io.StringIO())
    counts = (WorkItem.objects.count(), Evidence.objects.count(), HeadReport.objects.count())
    meetings = RepresentativeMeeting.objects.count()
    out = io.StringIO()
    call_command("load_demo_workpoints", stdout=out)
    assert (WorkItem.objects.count(), Evidence.objects.count(), HeadReport.objects.count()) == counts
    assert RepresentativeMeeting.objects.count() == meetings
    assert "本次新增 0 项任务" in out.getvalue()

    plan = WorkPlan.objects.get()
    assert plan.year == 2023 and plan.document.doc_number == "徐府发〔2023〕32号"
    assert sorted(plan.items.values_list("number", flat=True)) == list(range(1, 29))
    assert counts[1] > 10 and counts[2] == 1

    page = client.get("/workpoints/2023/").content.decode()
    assert "镇政府主要负责同志每年至少听取1次工作汇报" in page
    assert "已达到要求" in page
    assert page.count('class="workpoints-status workpoints-status--done"') > 20


def test_the_demo_says_what_is_missing_without_the_document_library():
    with pytest.raises(Exception, match="load_demo"):
        call_command("load_demo_workpoints", stdout=io.StringIO())
    assert not WorkItem.objects.filter(status=Status.DONE).exists()
