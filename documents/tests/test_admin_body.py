"""The body (正文) in the admin: an editor over the textarea, plain text laid out as
paragraphs on save, sanitised either way, and shown formatted to who may not edit it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.models import PolicyDocument, Status
from documents.tests.admin_forms import document_form_data
from factories import client_for, make_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
ADD_URL = reverse("admin:documents_policydocument_add")

PLAIN = "各居委会：\n\n要在今年内建成睦邻点。\n\n一、工作目标\n\n每个居委会至少一个。"


def test_plain_text_with_blank_lines_is_stored_as_paragraphs_and_headings(drafter, organisation):
    response = client_for(drafter).post(ADD_URL, document_form_data(organisation, body=PLAIN))

    assert response.status_code == 302
    document = PolicyDocument.objects.get()
    assert document.body == (
        "<p>各居委会：</p>\n<p>要在今年内建成睦邻点。</p>\n<h2>一、工作目标</h2>\n<p>每个居委会至少一个。</p>"
    )


def test_the_public_page_shows_the_paragraphs_the_drafter_typed(drafter, organisation, citizen):
    client_for(drafter).post(ADD_URL, document_form_data(organisation, body=PLAIN))
    document = PolicyDocument.objects.get()
    PolicyDocument.objects.filter(pk=document.pk).update(status=Status.PUBLISHED, published_at=document.created_at)

    page = citizen.get(document.get_absolute_url()).content.decode()

    assert "<p>各居委会：</p>" in page
    assert "<h2>一、工作目标</h2>" in page


def test_a_body_saved_as_plain_text_before_renders_with_its_paragraphs(organisation, drafter, citizen):
    document = make_draft(organisation, drafter, body="第一段。\n\n第二段。", status=Status.PUBLISHED, published=True)

    page = citizen.get(document.get_absolute_url()).content.decode()

    assert "<p>第一段。</p>" in page
    assert "<p>第二段。</p>" in page


def test_markup_typed_into_the_body_is_sanitised_when_stored(drafter, organisation):
    body = '<p onclick="steal()">正文</p><script>alert(1)</script><img src="x" onerror="steal()">'
    client_for(drafter).post(ADD_URL, document_form_data(organisation, body=body))

    stored = PolicyDocument.objects.get().body
    assert "<script" not in stored
    assert "onclick" not in stored
    assert "onerror" not in stored
    assert "<p>正文</p>" in stored


def test_the_field_says_how_plain_text_is_laid_out_and_loads_the_editor(drafter):
    page = client_for(drafter).get(ADD_URL).content.decode()

    assert "空一行为一个新段落" in page
    assert "以“一、”“第一章”开头的短行显示为一级标题" in page
    assert 'class="document-body-input"' in page
    assert "vendor/quill/quill.js" in page
    assert "js/admin-body-editor.js" in page


def test_a_reviewer_who_may_not_edit_sees_the_body_formatted_not_as_markup(organisation, drafter, signer):
    document = make_draft(organisation, drafter, body="<h2>一、目标</h2><p>正文段落</p>", status=Status.PENDING_SIGNOFF)

    page = client_for(signer).get(reverse("admin:documents_policydocument_change", args=[document.pk]))

    html = page.content.decode()
    assert '<div class="document-body-preview"><h2>一、目标</h2><p>正文段落</p></div>' in html
    assert "&lt;h2&gt;" not in html
