"""The public column 政务公开工作要点: the decomposition and progress, nothing private."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from decisions.models import Representative, RepresentativeMeeting, RepresentativeType
from documents.models import Status as DocumentStatus
from factories import PolicyDocumentFactory, client_for
from workpoints import services
from workpoints.models import Evidence, Probe, Status

from .conftest import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_the_year_page_shows_each_item_with_office_limit_status_and_evidence(citizen, plan, other_organisation):
    make_item(plan, 1, text="实施政策文件标签化管理", status=Status.DONE, section="二、提升政策公开服务能级")
    item = make_item(
        plan,
        24,
        text="规范依申请办理流程",
        organisation=other_organisation,
        status=Status.DONE,
        section="四、严对标夯实工作基础",
    )
    Evidence.objects.create(item=item, label="政府信息公开指南", url="/applications/", dated_on=dt.date(2023, 7, 1))
    make_item(plan, 10, text="公开重大行政决策事项目录", probe=Probe.DECISION_CATALOGUE, due_on=dt.date(2023, 3, 31))

    page = citizen.get("/workpoints/2023/").content.decode()

    assert "实施政策文件标签化管理" in page and "规范依申请办理流程" in page
    assert "徐泾镇经济发展办公室" in page
    assert "2023年3月31日" in page
    assert '<a href="/applications/">政府信息公开指南</a>' in page
    assert "共 <strong>3</strong> 项任务，已完成 <strong>2</strong> 项（67%）" in page
    assert "逾期" in page  # the catalogue was never published
    assert "<caption>二、提升政策公开服务能级</caption>" in page
    assert '<th scope="row">24</th>' in page
    assert '<th scope="col">责任科室</th>' in page
    assert plan.document.get_absolute_url() in page


def test_the_column_lists_each_year_with_its_progress(citizen, plan):
    make_item(plan, 1, status=Status.DONE)
    make_item(plan, 2)
    page = citizen.get("/workpoints/").content.decode()
    assert 'href="/workpoints/2023/"' in page
    assert "1（50%）" in page
    assert citizen.get("/workpoints/latest/")["Location"] == "/workpoints/2023/"


def test_a_plan_whose_document_is_not_public_is_not_shown(citizen, plan):
    plan.document.status = DocumentStatus.DRAFT
    plan.document.save(update_fields=["status"])
    assert citizen.get("/workpoints/2023/").status_code == 404
    assert "2023年" not in citizen.get("/workpoints/").content.decode().split("<main", 1)[1].split("</main>")[0]
    assert citizen.get("/workpoints/1999/").status_code == 404


def test_evidence_pointing_at_an_unpublished_document_is_left_out(citizen, plan, organisation):
    item = make_item(plan, 3, status=Status.DONE)
    draft = PolicyDocumentFactory(organisation=organisation, title="尚未公开的内部草稿")
    public = PolicyDocumentFactory(organisation=organisation, title="已公开的文件", published=True)
    Evidence.objects.create(item=item, label="内部草稿佐证", target=draft)
    Evidence.objects.create(item=item, label="公开文件佐证", target=public)
    page = citizen.get("/workpoints/2023/").content.decode()
    assert "内部草稿佐证" not in page
    assert f'<a href="{public.get_absolute_url()}">公开文件佐证</a>' in page


def test_no_private_data_reaches_the_page(citizen, plan, coordinator):
    make_item(plan, 13, probe=Probe.REPRESENTATIVE_MEETING)
    make_item(plan, 26, probe=Probe.HEAD_REPORT)
    meeting = RepresentativeMeeting.objects.create(
        organisation=plan.coordinator, title="镇政府常务会议", held_on=dt.date(2023, 9, 1)
    )
    Representative.objects.create(meeting=meeting, kind=RepresentativeType.CITIZEN, name="王小明")
    report = services.head_report_record(
        heard_on=dt.date(2023, 8, 15),
        topic="听取政务公开工作汇报",
        minutes=ContentFile("纪要正文：内部讨论".encode(), name="张三的纪要.txt"),
        user=coordinator,
    )
    page = citizen.get("/workpoints/2023/").content.decode()
    assert "听取政务公开工作汇报" in page and "已达到要求" in page
    assert "王小明" not in page
    assert "内部讨论" not in page and "张三" not in page and report.minutes_file.name not in page
    assert "内部存档" in page


def test_the_private_minutes_open_for_staff_with_the_permission_only(citizen, plan, coordinator, drafter):
    report = services.head_report_record(
        heard_on=dt.date(2023, 8, 15),
        topic="听取汇报",
        minutes=ContentFile("纪要正文".encode(), name="minutes.txt"),
        user=coordinator,
    )
    url = f"/workpoints/staff/head-reports/{report.pk}/minutes/"
    assert citizen.get(url).status_code == 302  # to the staff sign-in
    assert client_for(drafter).get(url).status_code == 403
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "纪要正文"
    assert "private" in response["Cache-Control"]


def test_the_column_and_each_public_year_are_in_the_sitemap(citizen, plan):
    page = citizen.get("/sitemap-workpoints.xml").content.decode()
    assert "http://testserver/workpoints/</loc>" in page
    assert "http://testserver/workpoints/2023/</loc>" in page


def test_the_footer_links_the_column(citizen):
    assert 'href="/workpoints/"' in citizen.get("/applications/").content.decode()
