"""Public pages and the API: what is shown, what is hidden, and the access rules."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from decisions.models import DecisionMaterial, FeedbackReport, Representative, RepresentativeMeeting, Stage
from factories import CatalogueFactory, DecisionFactory, PolicyDocumentFactory, UserFactory, client_for, put_in_stage

pytestmark = pytest.mark.django_db


def test_the_catalogue_page_shows_items_and_when_it_was_published(citizen, organisation):
    DecisionFactory(
        title="加装电梯补贴办法",
        organisation=organisation,
        concerns_enterprises=True,
        plans_hearing=True,
        planned_schedule="2023年第四季度",
    )
    page = citizen.get("/decisions/2023/").content.decode()
    assert "加装电梯补贴办法" in page and "涉企" in page and "2023年第四季度" in page
    assert "公开征求意见、听证" in page
    assert "2023年3月20日" in page and "按期公布" in page


def test_a_catalogue_published_after_march_31_says_so(citizen):
    CatalogueFactory(year=2024, published_at=dt.datetime(2024, 4, 2, 2, tzinfo=dt.UTC))
    assert "晚于3月31日公布" in citizen.get("/decisions/2024/").content.decode()


def test_an_unpublished_catalogue_is_404(citizen):
    catalogue = CatalogueFactory(year=2025, published_at=None)
    DecisionFactory(catalogue=catalogue)
    assert citizen.get("/decisions/2025/").status_code == 404
    assert citizen.get("/api/decisions/").json()["count"] == 0


def test_a_decision_under_the_wrong_year_is_404(citizen):
    decision = DecisionFactory()
    assert citizen.get(f"/decisions/2022/{decision.pk}/").status_code == 404


def test_the_draft_is_hidden_until_consultation(citizen, drafter):
    decision = DecisionFactory(draft_text="第一条 内部草稿文字")
    assert "内部草稿文字" not in citizen.get(decision.get_absolute_url()).content.decode()
    assert citizen.get(f"/api/decisions/{decision.pk}/").json()["draft_text"] == ""
    put_in_stage(decision, Stage.CONSULTATION, drafter)
    assert "内部草稿文字" in citizen.get(decision.get_absolute_url()).content.decode()


def test_the_timeline_shows_each_stage_with_who_and_when(citizen, drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    put_in_stage(decision, Stage.DRAFTING, drafter)
    page = citizen.get(decision.get_absolute_url()).content.decode()
    assert 'timeline__step--current" aria-current="step"' in page
    assert organisation.name in page  # the unit, not the staff user's name
    assert drafter.username not in page.split('id="timeline-title"')[1].split("</ol>")[0]


def test_undisclosed_material_stays_hidden(citizen):
    decision = DecisionFactory()
    DecisionMaterial.objects.create(decision=decision, kind="risk", title="风险评估报告（公开）", disclosed=True)
    DecisionMaterial.objects.create(decision=decision, kind="expert", title="专家论证内部意见", disclosed=False)
    page = citizen.get(decision.get_absolute_url()).content.decode()
    assert "风险评估报告（公开）" in page and "专家论证内部意见" not in page
    api = citizen.get(f"/api/decisions/{decision.pk}/").content.decode()
    assert "专家论证内部意见" not in api


def test_representative_names_only_with_consent(citizen):
    decision = DecisionFactory()
    meeting = RepresentativeMeeting.objects.create(
        organisation=decision.organisation, decision=decision, title="镇政府常务会议", held_on=dt.date(2023, 9, 20)
    )
    Representative.objects.create(meeting=meeting, kind="citizen", name="周建华", consent_to_publish_name=True)
    Representative.objects.create(meeting=meeting, kind="small_business", name="钱晓东")
    page = citizen.get(decision.get_absolute_url()).content.decode()
    assert "周建华" in page and "钱晓东" not in page and "小微企业代表：（姓名未公开）" in page


@pytest.fixture
def issued(drafter):
    decision = DecisionFactory(issued_on=dt.date(2023, 9, 27), result_document=PolicyDocumentFactory(published=True))
    decision.feedback_due_on = dt.date(2023, 10, 17)
    decision.save()
    put_in_stage(decision, Stage.DECIDED, drafter)
    return decision


@time_machine.travel(dt.date(2023, 10, 17))
def test_the_page_shows_the_feedback_due_date(citizen, issued):
    page = citizen.get(issued.get_absolute_url()).content.decode()
    assert "意见采纳情况将于 2023年10月17日（决策作出后第10个工作日）前公开" in page
    assert "已逾期" not in page


@time_machine.travel(dt.date(2023, 10, 18))
def test_the_page_says_when_the_feedback_is_late(citizen, issued):
    page = citizen.get(issued.get_absolute_url()).content.decode()
    assert "已逾期：" in page and "目前尚未公开" in page
    assert citizen.get(f"/api/decisions/{issued.pk}/").json()["feedback_state"] == "late"


def test_an_unpublished_report_is_not_shown(citizen, issued):
    FeedbackReport.objects.create(decision=issued, body="内部草稿：意见采纳情况")
    assert "内部草稿：意见采纳情况" not in citizen.get(issued.get_absolute_url()).content.decode()
    assert citizen.get(f"/api/decisions/{issued.pk}/").json()["feedback_report"] is None


def test_a_result_document_that_is_not_public_is_not_linked(citizen, drafter):
    secret = PolicyDocumentFactory(title="尚未发布的结果文件")
    decision = DecisionFactory(issued_on=dt.date(2023, 9, 27), result_document=secret)
    put_in_stage(decision, Stage.DECIDED, drafter)
    assert "尚未发布的结果文件" not in citizen.get(decision.get_absolute_url()).content.decode()
    assert citizen.get(f"/api/decisions/{decision.pk}/").json()["result_document"] is None


def test_index_and_feed(citizen, open_decision):
    assert citizen.get(reverse("decisions:index")).status_code == 200
    feed = citizen.get(reverse("decisions:feed"))
    assert feed.status_code == 200 and open_decision.title in feed.content.decode()


# --- the staff dashboard ------------------------------------------------------------------------


def test_staff_dashboard_anonymous_goes_to_login(citizen):
    response = citizen.get(reverse("decisions:staff_representatives"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_dashboard_is_403_for_a_signed_in_citizen(enterprise_user):
    assert client_for(enterprise_user).get(reverse("decisions:staff_representatives")).status_code == 403


@time_machine.travel(dt.date(2023, 12, 1))
def test_staff_dashboard_counts_each_unit_against_at_least_once(
    drafter, administrator, organisation, other_organisation
):
    meeting = RepresentativeMeeting.objects.create(
        organisation=organisation, title="常务会议", held_on=dt.date(2023, 5, 1)
    )
    Representative.objects.create(meeting=meeting, kind="citizen", name="周建华")
    RepresentativeMeeting.objects.create(
        organisation=other_organisation, title="没有代表列席的会议", held_on=dt.date(2023, 5, 2)
    )
    response = client_for(administrator).get(reverse("decisions:staff_representatives"))
    rows = {r["organisation"].name: (r["count"], r["met"]) for r in response.context["rows"]}
    assert rows[organisation.name] == (1, True)
    assert rows[other_organisation.name] == (0, False)
    assert "已达到 1 / " in response.content.decode()
    # A unit's own staff see their own unit's line only.
    mine = client_for(drafter).get(reverse("decisions:staff_representatives"))
    assert [r["organisation"].name for r in mine.context["rows"]] == [organisation.name]
    bad = client_for(drafter).get(reverse("decisions:staff_representatives") + "?year=abc")
    assert bad.status_code == 200 and "年份“abc”无效" in bad.content.decode()


def test_any_staff_member_sees_the_dashboard(organisation):
    staff = UserFactory(username="plain-staff", is_staff=True)
    assert client_for(staff).get(reverse("decisions:staff_representatives")).status_code == 200


def test_public_decisions_are_found_by_the_site_search(citizen, drafter):
    from decisions.search_sync import sync_decision

    hidden = DecisionFactory(catalogue=CatalogueFactory(year=2025, published_at=None), title="未公布的停车收费调整")
    decision = DecisionFactory(title="加装电梯补贴办法", draft_text="第一条 电梯补贴每台十五万元。")
    put_in_stage(decision, Stage.CONSULTATION, drafter)
    sync_decision(decision)
    sync_decision(hidden)
    response = citizen.get("/search/", {"q": "电梯补贴"})
    assert [(h.kind_label, h.entry.url) for h in response.context["result"].hits] == [
        ("重大行政决策", decision.get_absolute_url())
    ]
    assert citizen.get("/search/", {"q": "停车收费"}).context["result"].total == 0


# --- the feedback report, the timeline's credits, the year list ---------------------------------


def test_the_published_report_shows_real_lists(citizen, issued):
    body = "\n".join(
        [
            "一、意见收集情况",
            "共收到意见7条，其中：",
            "- 网上征求意见：6条",
            "- 听证会：1条",
            "",
            "三、较为集中但未予采纳的意见及理由",
            "1. 反对在东门设置收集点（共5条）",
            "   未予采纳的理由：北侧绿地为消防通道。",
        ]
    )
    FeedbackReport.objects.create(decision=issued, body=body, published_at=dt.datetime(2023, 10, 9, tzinfo=dt.UTC))
    page = citizen.get(issued.get_absolute_url()).content.decode()
    section = page.split('id="feedback"')[1].split("</section>")[0]
    assert "- 网上征求意见" not in section and "1. 反对" not in section
    assert "<li>网上征求意见：6条</li>" in section and "<li>听证会：1条</li>" in section
    assert "<ol>" in section and "反对在东门设置收集点（共5条）" in section
    assert '<span class="feedback-report__note">未予采纳的理由：北侧绿地为消防通道。</span>' in section
    assert "<h3>一、意见收集情况</h3>" in section


def test_the_timeline_credits_the_organising_unit_whoever_pressed_the_button(citizen, other_organisation):
    from factories import OrganisationFactory, make_staff
    from organisations import roles

    town = OrganisationFactory(name="徐泾镇人民政府", slug="government")
    town_admin = make_staff(roles.ADMINISTRATOR, town, "town-admin")
    decision = DecisionFactory(organisation=other_organisation)
    put_in_stage(decision, Stage.DRAFTING, town_admin)
    timeline = citizen.get(decision.get_absolute_url()).content.decode().split('id="timeline-title"')[1]
    timeline = timeline.split("</ol>")[0]
    drafting = timeline.split("起草")[1].split("</li>")[0]
    assert 'timeline__who">徐泾镇经济发展办公室<' in drafting and 'timeline__who">徐泾镇人民政府<' not in drafting
    assert citizen.get(f"/api/decisions/{decision.pk}/").json()["timeline"][0]["by"] == other_organisation.name


def test_the_year_list_includes_a_year_whose_catalogue_is_only_a_document(citizen):
    CatalogueFactory(year=2026, published_at=dt.datetime(2026, 3, 20, 2, tzinfo=dt.UTC))
    document = PolicyDocumentFactory(
        published=True,
        published_at=dt.datetime(2023, 3, 28, 2, tzinfo=dt.UTC),
        title="徐泾镇2023年度重大行政决策事项目录",
        doc_number="徐府发〔2023〕8号",
    )
    PolicyDocumentFactory(title="徐泾镇2022年度重大行政决策事项目录")  # a draft: not listed
    page = citizen.get(reverse("decisions:index")).content.decode()
    listing = page.split('id="catalogues-title"')[1].split("</section>")[0]
    assert listing.index("2026年度") < listing.index("2023年度")
    assert f'href="{document.get_absolute_url()}"' in listing and "徐府发〔2023〕8号" in listing
    assert "2022年度" not in listing
    response = citizen.get("/decisions/2023/")
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert citizen.get("/decisions/2022/").status_code == 404


def test_a_catalogue_published_outside_the_admin_is_in_the_cached_sitemap_at_once(signer):
    """The sitemap is page-cached (xujing_portal.pagecache): publishing through the service
    (the admin's button, a script, the demo) replaces it within the same request."""
    from django.test import Client

    from decisions import services

    catalogue = CatalogueFactory(year=2024, published_at=None)
    DecisionFactory(catalogue=catalogue)
    visitor = Client()
    before = visitor.get("/sitemap-decision-catalogues.xml")
    assert "/decisions/2024/" not in before.content.decode()
    assert visitor.get("/sitemap-decision-catalogues.xml")["X-Page-Cache"] == "hit"

    services.catalogue_publish(catalogue=catalogue, user=signer)

    assert "/decisions/2024/" in visitor.get("/sitemap-decision-catalogues.xml").content.decode()
