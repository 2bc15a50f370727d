from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from decisions.models import Catalogue, Decision, Opinion, Stage

pytestmark = pytest.mark.django_db


def test_demo_decisions_load_twice_without_duplicates(citizen):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_decisions", stdout=io.StringIO())
    counts = (Catalogue.objects.count(), Decision.objects.count(), Opinion.objects.count())
    elevator = Decision.objects.get(title="徐泾镇既有多层住宅加装电梯补贴办法")
    elevator.stage = Stage.REVIEW  # a change made in the running demo is kept
    elevator.save(update_fields=["stage"])
    call_command("load_demo_decisions", stdout=io.StringIO())
    assert (Catalogue.objects.count(), Decision.objects.count(), Opinion.objects.count()) == counts
    elevator.refresh_from_db()
    assert elevator.stage == Stage.REVIEW


def test_demo_has_a_public_catalogue_and_a_decision_open_for_comment(citizen):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_decisions", stdout=io.StringIO())
    year = timezone.localdate().year
    assert citizen.get(f"/decisions/{year}/").status_code == 200
    (open_decision,) = Decision.objects.open_for_comment()
    page = citizen.get(open_decision.get_absolute_url()).content.decode()
    assert "提交意见" in page
    waste = Decision.objects.get(title="徐泾镇生活垃圾分类收集点布局调整方案")
    assert waste.stage == Stage.FEEDBACK
    assert "意见采纳情况反馈" in citizen.get(waste.get_absolute_url()).content.decode()
