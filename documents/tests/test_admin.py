"""The PolicyDocument admin: the form, scoping by organisation and the workflow panel."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Attachment, PolicyDocument, PrivacyFinding, Status
from documents.tests.test_attachments import pdf_bytes
from factories import CatalogTagFactory, CatalogueItemFactory, UserFactory, client_for, make_draft, make_staff
from organisations import roles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
ADD_URL = reverse("admin:documents_policydocument_add")


def change_url(document) -> str:
    return reverse("admin:documents_policydocument_change", args=[document.pk])


def workflow_url(document, action: str) -> str:
    return reverse("admin:documents_policydocument_workflow", args=[document.pk, action])


@pytest.fixture
def form_data(organisation):
    tag = CatalogTagFactory(name="社区治理", slug="community")
    item = CatalogueItemFactory(code="0202", name="政策文件")
    return {
        "title": "关于开展社区睦邻点建设的通知",
        "doc_number": "徐府发[2024]3号",
        "organisation": str(organisation.pk),
        "issuing_organisation": str(organisation.pk),
        "written_date": "2024-03-01",
        "doc_type": "notice",
        "topic": "civil",
        "catalogue_item": str(item.pk),
        "summary": "建设睦邻点。",
        "body": "<p>各居委会要建成睦邻点。</p>",
        "tags": [str(tag.pk)],
        "validity": "valid",
        "disclosure_attribute": "proactive",
        "disclosure_scope": "public",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "transitions-MIN_NUM_FORMS": "0",
        "transitions-MAX_NUM_FORMS": "0",
    }


def test_a_drafter_adds_a_draft_with_a_normalised_number_and_catalogue_tags(drafter, organisation, form_data):
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    document = PolicyDocument.objects.get()
    assert document.doc_number == "徐府发〔2024〕3号"
    assert document.status == Status.DRAFT
    assert document.created_by == drafter
    assert document.index_number.startswith(f"{organisation.index_code}/2024-")
    assert [t.name for t in document.tags.all()] == ["社区治理"]


def test_the_tag_field_offers_only_catalogue_tags_grouped_by_dimension(drafter, form_data):
    page = client_for(drafter).get(ADD_URL).content.decode()
    assert '<select name="tags"' in page
    assert "<optgroup" in page
    assert "社区治理" in page


def test_a_tag_that_is_not_in_the_catalogue_is_refused(drafter, form_data):
    form_data["tags"] = ["不存在的新标签"]
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "标签" in errors["tags"][0] or "选择" in errors["tags"][0]
    assert not PolicyDocument.objects.exists()


def test_a_malformed_document_number_gets_a_chinese_field_error_and_the_form_is_kept(drafter, form_data):
    form_data["doc_number"] = "徐府发2024第三号"
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["doc_number"]
    assert "发文字号" in form.errors["doc_number"][0]
    assert 'value="关于开展社区睦邻点建设的通知"' in response.content.decode()
    assert not PolicyDocument.objects.exists()


def test_a_disguised_attachment_gets_a_chinese_field_error_and_the_form_is_kept(drafter, form_data):
    form_data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile("通知.pdf", b"<html><script>alert(1)</script></html>"),
        }
    )
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "文件内容与扩展名不符" in page
    assert 'value="关于开展社区睦邻点建设的通知"' in page
    assert not PolicyDocument.objects.exists()


def test_a_real_attachment_is_stored_under_a_random_name_with_its_text(drafter, form_data):
    form_data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile("睦邻点名单.pdf", pdf_bytes("Community list, call 13812345678")),
        }
    )
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "睦邻点名单.pdf"
    assert attachment.kind == "pdf"
    assert "睦邻点名单" not in attachment.file.name
    assert "Community list" in attachment.text


def test_a_drafter_cannot_pick_another_organisation(drafter, other_organisation, form_data):
    form_data["organisation"] = str(other_organisation.pk)
    response = client_for(drafter).post(ADD_URL, form_data)
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not PolicyDocument.objects.exists()


def test_a_drafter_sees_only_their_organisations_documents(drafter, organisation, other_organisation):
    own = make_draft(organisation, drafter, title="本机构草稿")
    other = make_draft(other_organisation, make_staff(roles.DRAFTER, other_organisation, "d2"), title="外机构草稿")
    client = client_for(drafter)
    listing = client.get(reverse("admin:documents_policydocument_changelist")).content.decode()
    assert "本机构草稿" in listing and "外机构草稿" not in listing
    assert client.get(change_url(own)).status_code == 200
    response = client.get(change_url(other))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert "外机构草稿" not in client.get(response.url).content.decode()


def test_the_workflow_buttons_show_only_to_who_may_use_them(organisation, drafter, reviewer, signer):
    document = make_draft(organisation, drafter)
    assert "提交审查</button>" in client_for(drafter).get(change_url(document)).content.decode()
    reviewer_page = client_for(reviewer).get(change_url(document)).content.decode()
    assert "提交审查</button>" not in reviewer_page
    assert "审查通过</button>" not in reviewer_page
    assert "审签发布</button>" not in client_for(signer).get(change_url(document)).content.decode()


def test_the_admin_takes_a_draft_to_publication_and_shows_the_record(organisation, drafter, reviewer, signer):
    document = make_draft(organisation, drafter)
    for user, action in [(drafter, "submit"), (reviewer, "approve_review"), (signer, "sign")]:
        response = client_for(user).post(workflow_url(document, action), {"comment": f"{action} ok"})
        assert response.status_code == 302
        assert response.url == change_url(document)
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    page = client_for(signer).get(change_url(document)).content.decode()
    assert "流转记录" in page and "approve_review ok" in page
    assert client_for(signer).get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_a_workflow_action_of_another_role_is_forbidden(organisation, drafter, signer):
    document = make_draft(organisation, drafter)
    response = client_for(signer).post(workflow_url(document, "submit"), {"comment": ""})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_other_organisations_staff_are_forbidden(organisation, other_organisation, drafter):
    document = make_draft(organisation, drafter)
    outsider = make_staff(roles.DRAFTER, other_organisation, "outsider")
    assert client_for(outsider).post(workflow_url(document, "submit")).status_code == 403


def test_opening_a_workflow_address_goes_back_to_the_document_and_does_nothing(organisation, drafter):
    """The address a refused step leaves in the bar: pressing Enter there is harmless."""
    document = make_draft(organisation, drafter)

    response = client_for(drafter).get(workflow_url(document, "submit"))

    assert response.status_code == 302
    assert response.url == change_url(document)
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_sending_back_without_a_reason_is_refused_with_a_message(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, status=Status.PENDING_REVIEW)
    response = client_for(reviewer).post(workflow_url(document, "send_back"), {"comment": ""})
    assert response.status_code == 400
    assert "请填写理由" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.PENDING_REVIEW


def test_an_open_finding_blocks_approval_with_a_message_and_a_waiver_clears_it(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body="<p>联系电话 13812345678</p>")
    client_for(drafter).post(workflow_url(document, "submit"))
    client = client_for(reviewer)
    page = client.post(workflow_url(document, "approve_review"), follow=True).content.decode()
    assert "隐私扫描还有 1 条结果未处理" in page
    finding = document.privacy_findings.get()
    waive = reverse("admin:documents_policydocument_waive", args=[document.pk, finding.pk])
    assert "豁免理由" in page

    page = client.post(waive, {"reason": ""}, follow=True).content.decode()
    assert "必须填写理由" in page
    finding.refresh_from_db()
    assert finding.state == PrivacyFinding.State.OPEN

    client.post(waive, {"reason": "公开的咨询电话"})
    finding.refresh_from_db()
    assert finding.state == PrivacyFinding.State.WAIVED
    client.post(workflow_url(document, "approve_review"))
    document.refresh_from_db()
    assert document.status == Status.PENDING_SIGNOFF


def test_a_blocked_step_keeps_the_comment_typed_for_it(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body="<p>联系电话 13812345678</p>")
    client_for(drafter).post(workflow_url(document, "submit"))

    response = client_for(reviewer).post(workflow_url(document, "approve_review"), {"comment": "已核对全文，同意公开"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "未能审查通过" in page
    assert ">已核对全文，同意公开</textarea>" in page
    document.refresh_from_db()
    assert document.status == Status.PENDING_REVIEW


def test_a_drafter_cannot_waive(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body="<p>联系电话 13812345678</p>")
    client_for(drafter).post(workflow_url(document, "submit"))
    finding = document.privacy_findings.get()
    waive = reverse("admin:documents_policydocument_waive", args=[document.pk, finding.pk])
    assert client_for(drafter).post(waive, {"reason": "我觉得没问题"}).status_code == 403


def test_a_submitted_document_is_read_only_for_its_drafter(organisation, drafter, form_data):
    document = make_draft(organisation, drafter, status=Status.PENDING_REVIEW)
    form_data["title"] = "改过的标题"
    response = client_for(drafter).post(change_url(document), form_data)
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.title != "改过的标题"


def test_an_edit_after_publication_is_recorded_and_shown_at_once(organisation, drafter, signer, form_data):
    document = make_draft(organisation, drafter, status=Status.PUBLISHED, published=True)
    form_data.update({"title": "更正后的标题", "doc_number": document.doc_number, "written_date": "2023-06-01"})
    form_data.pop("organisation")
    form_data.pop("disclosure_attribute")
    form_data.pop("disclosure_scope")
    response = client_for(signer).post(change_url(document), form_data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document.refresh_from_db()
    assert document.title == "更正后的标题"
    assert document.transitions.get(action="edit").comment.startswith("修改了：标题")
    assert "更正后的标题" in client_for(signer).get(reverse("documents:detail", args=[document.pk])).content.decode()


def test_the_admin_index_links_the_staff_reports(drafter):
    page = client_for(drafter).get(reverse("admin:index")).content.decode()
    assert reverse("documents:completeness") in page
    assert reverse("documents:historical_review") in page


def test_citizens_cannot_reach_the_document_admin(organisation, drafter):
    document = make_draft(organisation, drafter)
    citizen = client_for(UserFactory(username="citizen"))
    for url in [ADD_URL, change_url(document), workflow_url(document, "submit")]:
        response = citizen.get(url) if url != workflow_url(document, "submit") else citizen.post(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    document.refresh_from_db()
    assert document.status == Status.DRAFT
