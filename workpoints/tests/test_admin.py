"""The coordinating office's admin: its own plans only, evidence through the inline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from factories import client_for
from workpoints import services
from workpoints.models import Evidence, HeadReport, Status, WorkPlan

from .conftest import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _item_form(item, **changes) -> dict:
    data = {
        "plan": item.plan_id,
        "number": item.number,
        "section": item.section,
        "text": item.text,
        "organisation": item.organisation_id,
        "due_on": item.due_on.isoformat(),
        "status": item.status,
        "progress_note": item.progress_note,
        "probe": item.probe,
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def _change_url(item) -> str:
    return f"/admin/workpoints/workitem/{item.pk}/change/"


def test_the_coordinator_marks_an_item_done_and_adds_evidence_in_the_inline(plan, coordinator, citizen):
    item = make_item(plan, 24)
    data = _item_form(
        item,
        status=Status.DONE,
        **{
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-label": "政府信息公开指南",
            "evidence-0-url": "/applications/",
            "evidence-0-dated_on": "2023-07-01",
            "evidence-0-order": "0",
        },
    )
    response = client_for(coordinator).post(_change_url(item), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == Status.DONE
    assert list(item.evidence.values_list("label", "url")) == [("政府信息公开指南", "/applications/")]
    assert '<a href="/applications/">政府信息公开指南</a>' in citizen.get("/workpoints/2023/").content.decode()


def test_a_script_link_is_refused_with_a_chinese_message_and_the_form_kept(plan, coordinator):
    item = make_item(plan, 5)
    data = _item_form(
        item,
        progress_note="已在留言板发布",
        **{"evidence-TOTAL_FORMS": "1", "evidence-0-label": "清单", "evidence-0-url": "javascript:alert(1)"},
    )
    response = client_for(coordinator).post(_change_url(item), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "链接须为本站路径" in page
    assert "已在留言板发布" in page
    assert not Evidence.objects.exists()


def test_another_offices_coordinator_may_not_change_the_plan(plan, other_coordinator):
    item = make_item(plan, 1)
    client = client_for(other_coordinator)
    assert client.get(_change_url(item)).status_code in (200, 403)  # read-only or refused
    response = client.post(_change_url(item), _item_form(item, status=Status.DONE))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.NOT_STARTED
    with pytest.raises(PermissionDenied):
        services.item_set_status(item=item, status=Status.DONE, user=other_coordinator)


def test_a_signing_head_reads_but_does_not_edit(plan, signer):
    item = make_item(plan, 1)
    client = client_for(signer)
    page = client.get(_change_url(item))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(_change_url(item), _item_form(item, status=Status.DONE)).status_code == 403


def test_a_drafter_has_no_access(plan, drafter):
    item = make_item(plan, 1)
    assert client_for(drafter).get(_change_url(item)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.head_report_record(heard_on=dt.date(2023, 8, 1), topic="汇报", user=drafter)


def test_the_administrator_manages_every_plan(plan, other_organisation):
    from factories import make_staff
    from organisations.roles import ADMINISTRATOR

    administrator = make_staff(ADMINISTRATOR, other_organisation, "admin-elsewhere")
    item = make_item(plan, 2)
    response = client_for(administrator).post(_change_url(item), _item_form(item, status=Status.IN_PROGRESS))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS


def test_the_coordinator_records_a_hearing_in_the_admin(coordinator):
    response = client_for(coordinator).post(
        "/admin/workpoints/headreport/add/",
        {
            "heard_on": "2023-08-15",
            "meeting": "镇政府常务会议",
            "topic": "听取政务公开工作汇报",
            "minutes_document": "",
        },
    )
    assert response.status_code == 302
    assert HeadReport.objects.get().topic == "听取政务公开工作汇报"


def test_the_list_shows_what_the_public_page_will_show(plan, coordinator):
    make_item(plan, 10, text="公开重大行政决策事项目录", status=Status.DONE, probe="decision_catalogue")
    page = client_for(coordinator).get("/admin/workpoints/workitem/").content.decode()
    assert "公开重大行政决策事项目录" in page
    assert "逾期" in page  # staff said done, but no 2023 catalogue is public


def test_evidence_naming_a_missing_object_is_refused(plan, coordinator):
    from django.contrib.contenttypes.models import ContentType

    from documents.models import PolicyDocument

    item = make_item(plan, 2)
    content_type = ContentType.objects.get_for_model(PolicyDocument)
    data = _item_form(
        item,
        **{
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-label": "现行有效文件",
            "evidence-0-content_type": content_type.pk,
            "evidence-0-object_id": "999999",
        },
    )
    response = client_for(coordinator).post(_change_url(item), data)
    assert response.status_code == 200
    assert "没有这个编号的关联对象" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_hearing_in_the_future_is_refused(coordinator):
    response = client_for(coordinator).post(
        "/admin/workpoints/headreport/add/", {"heard_on": "2999-01-01", "topic": "汇报", "minutes_document": ""}
    )
    assert response.status_code == 200
    assert "听取汇报日期不能晚于今天" in response.content.decode()
    assert not HeadReport.objects.exists()


def test_a_coordinator_opens_a_plan_for_their_own_office_only(coordinator, work_points_document, other_organisation):
    client = client_for(coordinator)
    form = {
        "year": "2024",
        "document": work_points_document.pk,
        "introduction": "",
        **{f"items-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")},
        "items-MAX_NUM_FORMS": "1000",
    }
    refused = client.post("/admin/workpoints/workplan/add/", {**form, "coordinator": other_organisation.pk})
    assert refused.status_code == 200  # not a choice for this user
    assert not WorkPlan.objects.exists()
    response = client.post(
        "/admin/workpoints/workplan/add/", {**form, "coordinator": coordinator.staff_profile.organisation_id}
    )
    assert response.status_code == 302
    assert WorkPlan.objects.get().year == 2024


def test_the_coordinator_edits_a_plan_with_its_items_listed(plan, coordinator):
    item = make_item(plan, 1)
    data = {
        "year": "2023",
        "document": plan.document_id,
        "coordinator": plan.coordinator_id,
        "introduction": "逐项分解任务。",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": item.pk,
        "items-0-plan": plan.pk,
    }
    client = client_for(coordinator)
    assert "第1项测试任务" in client.get(f"/admin/workpoints/workplan/{plan.pk}/change/").content.decode()
    response = client.post(f"/admin/workpoints/workplan/{plan.pk}/change/", data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.introduction == "逐项分解任务。"
    assert plan.items.count() == 1
