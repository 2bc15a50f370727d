"""Shared pieces of the work-points tests: a public work-points document, its plan, and the
coordinating office's account."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import PolicyDocumentFactory, make_staff
from workpoints.models import Status, WorkItem, WorkPlan
from workpoints.roles import COORDINATOR

YEAR = 2023


@pytest.fixture
def work_points_document(organisation):
    return PolicyDocumentFactory(
        organisation=organisation, title="徐泾镇2023年政务公开工作要点", doc_number="徐府发〔2023〕32号", published=True
    )


@pytest.fixture
def plan(work_points_document, organisation):
    return WorkPlan.objects.create(year=YEAR, document=work_points_document, coordinator=organisation)


@pytest.fixture
def coordinator(organisation):
    return make_staff(COORDINATOR, organisation, "coordinator")


@pytest.fixture
def other_coordinator(other_organisation):
    return make_staff(COORDINATOR, other_organisation, "other-coordinator")


def make_item(plan: WorkPlan, number: int, **fields) -> WorkItem:
    defaults = {
        "text": f"第{number}项测试任务",
        "organisation": plan.coordinator,
        "due_on": dt.date(plan.year, 12, 31),
        "status": Status.NOT_STARTED,
    }
    defaults.update(fields)
    return WorkItem.objects.create(plan=plan, number=number, **defaults)
