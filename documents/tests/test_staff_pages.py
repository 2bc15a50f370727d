"""The staff pages: the completeness report (item 3) and the historical review (item 20)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import DisclosureAttribute, DocumentDecision, PolicyDocument, Status
from factories import PolicyDocumentFactory, UserFactory, client_for, make_draft, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db
COMPLETENESS = reverse("documents:completeness")
REVIEW = reverse("documents:historical_review")


@pytest.mark.parametrize("url", [COMPLETENESS, REVIEW])
def test_anonymous_visitors_are_sent_to_the_staff_login(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [COMPLETENESS, REVIEW])
def test_signed_in_citizens_are_forbidden(url):
    assert client_for(UserFactory(username="citizen")).get(url).status_code == 403


def test_the_completeness_report_lists_published_documents_missing_elements(organisation, drafter):
    incomplete = PolicyDocumentFactory(
        organisation=organisation, published=True, title="缺摘要的文件", summary="", doc_type="normative"
    )
    make_draft(organisation, drafter, title="齐全的文件", status=Status.PUBLISHED, published=True)
    PolicyDocumentFactory(organisation=organisation, title="不完整的草稿", summary="")
    page = client_for(drafter).get(COMPLETENESS).content.decode()
    assert "缺摘要的文件" in page
    for label in ["摘要", "公开目录", "标签", "施行日期"]:
        assert f"<li>{label}</li>" in page
    assert "齐全的文件" not in page
    assert "不完整的草稿" not in page
    assert reverse("admin:documents_policydocument_change", args=[incomplete.pk]) in page


def test_the_completeness_report_shows_only_the_staff_members_organisation(organisation, other_organisation):
    PolicyDocumentFactory(organisation=organisation, published=True, title="本机构缺要素", summary="")
    PolicyDocumentFactory(organisation=other_organisation, published=True, title="外机构缺要素", summary="")
    outsider = make_staff(roles.DRAFTER, other_organisation, "outsider")
    page = client_for(outsider).get(COMPLETENESS).content.decode()
    assert "外机构缺要素" in page and "本机构缺要素" not in page


@pytest.fixture
def filed(organisation):
    return [
        PolicyDocumentFactory(
            organisation=organisation, published=True, title="依申请公开的旧文件", disclosure_attribute="on_request"
        ),
        PolicyDocumentFactory(
            organisation=organisation,
            published=True,
            title="不予公开的旧文件",
            disclosure_attribute="not_disclosed",
            non_disclosure_reason="art16_process",
        ),
    ]


def test_the_review_lists_filed_documents_not_proactively_disclosed(organisation, administrator, filed):
    PolicyDocumentFactory(organisation=organisation, published=True, title="主动公开的文件")
    PolicyDocumentFactory(organisation=organisation, title="草稿不算存档", disclosure_attribute="on_request")
    page = client_for(administrator).get(REVIEW).content.decode()
    assert "依申请公开的旧文件" in page and "不予公开的旧文件" in page
    assert "主动公开的文件" not in page
    assert "草稿不算存档" not in page


def test_a_batch_conversion_is_recorded_and_published_at_once(administrator, filed):
    response = client_for(administrator).post(
        REVIEW, {"documents": [d.pk for d in filed], "to_attribute": "proactive", "comment": "已过保密期"}
    )
    assert response.status_code == 302, response.context["form"].errors
    for document in filed:
        document.refresh_from_db()
        assert document.disclosure_attribute == DisclosureAttribute.PROACTIVE
        assert document.non_disclosure_reason == ""
        assert PolicyDocument.objects.public().filter(pk=document.pk).exists()
    decisions = DocumentDecision.objects.order_by("id")
    assert [(d.from_attribute, d.to_attribute, d.decided_by) for d in decisions] == [
        ("on_request", "proactive", administrator),
        ("not_disclosed", "proactive", administrator),
    ]
    assert filed[0].transitions.get().comment.startswith("历史文件审查：依申请公开 → 主动公开")
    assert "依申请公开的旧文件" in Client().get(reverse("documents:detail", args=[filed[0].pk])).content.decode()


def test_keeping_the_attribute_needs_a_reason_and_keeps_the_ticks(administrator, filed):
    response = client_for(administrator).post(REVIEW, {"documents": [filed[0].pk], "to_attribute": "keep"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "维持原公开属性时，请填写理由" in page
    assert f'value="{filed[0].pk}" id="doc-{filed[0].pk}" checked' in page
    assert not DocumentDecision.objects.exists()

    client_for(administrator).post(
        REVIEW, {"documents": [filed[0].pk], "to_attribute": "keep", "comment": "涉及第三方"}
    )
    decision = DocumentDecision.objects.get()
    assert (decision.from_attribute, decision.to_attribute) == ("on_request", "on_request")


def test_a_document_with_personal_data_is_not_converted(administrator, organisation):
    document = PolicyDocumentFactory(
        organisation=organisation,
        published=True,
        disclosure_attribute="on_request",
        body="<p>身份证 11010519491231002X</p>",
    )
    response = client_for(administrator).post(REVIEW, {"documents": [document.pk], "to_attribute": "proactive"})
    assert response.status_code == 400
    assert "隐私扫描" in response.content.decode()
    document.refresh_from_db()
    assert document.disclosure_attribute == "on_request"


@pytest.mark.parametrize(
    "bad",
    [{}, {"documents": ["abc"], "to_attribute": "proactive"}, {"documents": ["1"], "to_attribute": "secret"}],
)
def test_bad_input_gets_a_chinese_message_not_a_500(administrator, filed, bad):
    response = client_for(administrator).post(REVIEW, bad)
    assert response.status_code == 400
    assert "请" in response.content.decode()
    assert not DocumentDecision.objects.exists()


def test_a_drafter_may_read_but_not_decide(drafter, filed):
    client = client_for(drafter)
    assert client.get(REVIEW).status_code == 200
    response = client.post(REVIEW, {"documents": [filed[0].pk], "to_attribute": "proactive"})
    assert response.status_code == 403
    filed[0].refresh_from_db()
    assert filed[0].disclosure_attribute == "on_request"


def test_another_organisations_reviewer_cannot_decide_on_our_documents(other_organisation, filed):
    outsider = make_staff(roles.REVIEWER, other_organisation, "outsider")
    response = client_for(outsider).post(REVIEW, {"documents": [filed[0].pk], "to_attribute": "proactive"})
    assert response.status_code == 400  # not in their list: refused as an invalid choice
    filed[0].refresh_from_db()
    assert filed[0].disclosure_attribute == "on_request"
