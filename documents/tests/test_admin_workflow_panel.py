"""The workflow panel on a document's admin page: only the success message after a
step, what happens next, the 三同步 warning at submission, harmless reloads, and the
privacy scan redone on every save with findings shown masked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import DocumentType, PolicyDocument, PrivacyFinding, Status
from documents.tests.admin_forms import document_form_data
from factories import InterpretationFactory, client_for, make_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
ID_NUMBER = "11010519491231002X"


def panel(page: str) -> str:
    start = page.index('<section class="workflow-panel')
    return page[start : page.index("</section>", start)]


def change_url(document) -> str:
    return reverse("admin:documents_policydocument_change", args=[document.pk])


def workflow_url(document, action: str) -> str:
    return reverse("admin:documents_policydocument_workflow", args=[document.pk, action])


def test_after_a_successful_step_only_the_success_message_shows(organisation, drafter):
    document = make_draft(organisation, drafter)

    page = client_for(drafter).post(workflow_url(document, "submit"), follow=True).content.decode()

    assert "已提交公开审查。" in page
    assert "不能进行此操作" not in page
    assert 'class="workflow-note"' not in page
    assert "下一步：由本机构的公开审查人审查" in page


def test_a_separation_of_duties_hint_still_shows(organisation, drafter, reviewer):
    document = make_draft(organisation, reviewer, status=Status.PENDING_REVIEW)  # the reviewer drafted it

    page = client_for(reviewer).get(change_url(document)).content.decode()

    assert "同一人不能承担两个环节" in page


def test_submitting_without_the_interpretation_warns_and_links_to_a_new_one(organisation, drafter):
    document = make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, effective_date="2024-04-01")
    add_link = reverse("admin:interpretations_interpretation_add") + f"?document={document.pk}"

    draft_page = client_for(drafter).get(change_url(document)).content.decode()
    response = client_for(drafter).post(workflow_url(document, "submit"), follow=True)

    assert "目前还没有解读草稿" in draft_page
    assert f'href="{add_link}"' in draft_page
    assert ">为本文件新增解读</a>" in draft_page
    page = response.content.decode()
    assert "已提交公开审查。" in page
    assert "提醒：本文件需要同步起草政策解读" in page
    document.refresh_from_db()
    assert document.status == Status.PENDING_REVIEW  # a warning, not a refusal


def test_the_new_interpretation_link_opens_a_prefilled_form(organisation, drafter):
    document = make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, title="徐泾镇养老服务补贴办法")

    page = client_for(drafter).get(reverse("admin:interpretations_interpretation_add") + f"?document={document.pk}")

    form = page.context["adminform"].form
    assert str(form.initial["document"]) == str(document.pk)
    assert form.initial["title"] == "《徐泾镇养老服务补贴办法》政策解读"


def test_no_warning_once_the_interpretation_is_drafted(organisation, drafter):
    document = make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, effective_date="2024-04-01")
    InterpretationFactory(document=document)

    page = client_for(drafter).post(workflow_url(document, "submit"), follow=True).content.decode()

    assert "目前还没有解读草稿" not in page
    assert "提醒：本文件需要同步起草政策解读" not in page


def test_the_link_is_offered_only_to_who_may_draft_an_interpretation(organisation, drafter, signer):
    document = make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, status=Status.PENDING_SIGNOFF)

    page = client_for(signer).get(change_url(document)).content.decode()

    assert "为本文件新增解读" not in page


def test_a_refused_step_puts_the_documents_address_back_in_the_bar(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body="<p>联系电话 13812345678</p>")
    client_for(drafter).post(workflow_url(document, "submit"))

    response = client_for(reviewer).post(workflow_url(document, "approve_review"))

    assert response.status_code == 409
    assert f'data-replace-url="{change_url(document)}"' in response.content.decode()
    assert "js/admin-workflow.js" in response.content.decode()
    again = client_for(reviewer).get(workflow_url(document, "approve_review"))
    assert (again.status_code, again.url) == (302, change_url(document))
    document.refresh_from_db()
    assert document.status == Status.PENDING_REVIEW


def test_saving_a_draft_scans_it_and_says_so(organisation, drafter):
    body = f"<p>联系人身份证 {ID_NUMBER}，电话 13812345678。</p>"

    response = client_for(drafter).post(
        reverse("admin:documents_policydocument_add"),
        document_form_data(organisation, body=body, _continue="保存并继续编辑"),
        follow=True,
    )

    document = PolicyDocument.objects.get()
    assert document.privacy_scanned_at is not None
    assert document.privacy_findings.filter(state=PrivacyFinding.State.OPEN).count() == 2
    page = response.content.decode()
    assert "已重新进行隐私扫描" in page
    assert "每次保存正文、标题、摘要或附件时自动重新扫描" in page


def test_removing_the_number_and_saving_clears_the_panel(organisation, drafter):
    client = client_for(drafter)
    client.post(
        reverse("admin:documents_policydocument_add"),
        document_form_data(organisation, body=f"<p>身份证 {ID_NUMBER}。</p>"),
    )
    document = PolicyDocument.objects.get()

    client.post(change_url(document), document_form_data(organisation, body="<p>身份证号已删除。</p>"))

    finding = document.privacy_findings.get()
    assert finding.state == PrivacyFinding.State.FIXED
    page = client.get(change_url(document)).content.decode()
    assert "隐私扫描还有" not in page


def test_the_panel_never_shows_an_id_number_in_full(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body=f"<p>申请人身份证号码 {ID_NUMBER}，请核对。</p>")
    client_for(drafter).post(workflow_url(document, "submit"))
    document.body = "<p>申请人身份证号码已删除，请核对。</p>"
    document.save()
    client_for(drafter).get(change_url(document))

    page = client_for(reviewer).get(change_url(document)).content.decode()

    assert ID_NUMBER not in page
    assert "110***********002X" in page
    finding = document.privacy_findings.get()
    assert ID_NUMBER not in finding.text + finding.context


def test_a_waiver_records_the_masked_value_only(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, body="<p>咨询电话 13812345678。</p>")
    client_for(drafter).post(workflow_url(document, "submit"))
    finding = document.privacy_findings.get()
    waive = reverse("admin:documents_policydocument_waive", args=[document.pk, finding.pk])

    page = client_for(reviewer).post(waive, {"reason": "公开的咨询电话"}, follow=True).content.decode()

    assert "已豁免：手机号码“138****5678”" in page
    assert "13812345678" not in panel(page)
    assert "13812345678" not in document.transitions.get(action="waive").comment
