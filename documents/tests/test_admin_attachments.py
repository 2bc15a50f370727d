"""Attachments in the document admin: an empty row ready for the first upload, each
stored file shown by its original name with a staff download, never its stored path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Attachment, PolicyDocument, Status
from documents.tests.admin_forms import document_form_data
from documents.tests.test_attachments import pdf_bytes
from factories import client_for, make_attachment, make_draft, make_staff
from organisations import roles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def change_url(document) -> str:
    return reverse("admin:documents_policydocument_change", args=[document.pk])


def download_url(attachment) -> str:
    return reverse("admin:documents_policydocument_attachment", args=[attachment.document_id, attachment.pk])


def test_a_new_document_has_an_empty_attachment_row(drafter):
    page = client_for(drafter).get(reverse("admin:documents_policydocument_add")).content.decode()

    assert 'name="attachments-0-file"' in page
    # The inline's "add another" link text (JSON in a data attribute): not Django's 添加另一个 附件.
    assert "\\u518d\\u6dfb\\u52a0\\u4e00\\u4e2a\\u9644\\u4ef6" in page  # 再添加一个附件


def test_a_first_upload_in_that_row_is_kept(drafter, organisation):
    data = document_form_data(
        organisation,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile("名单.pdf", pdf_bytes("Community list")),
        },
    )

    client_for(drafter).post(reverse("admin:documents_policydocument_add"), data)

    assert Attachment.objects.get(document=PolicyDocument.objects.get()).original_name == "名单.pdf"


def test_a_stored_attachment_shows_its_name_not_its_stored_path(organisation, drafter):
    document = make_draft(organisation, drafter)
    attachment = make_attachment(document, "实施细则.pdf")

    page = client_for(drafter).get(change_url(document)).content.decode()

    assert f'当前文件：<a href="{download_url(attachment)}">实施细则.pdf</a>' in page
    assert attachment.file.name not in page  # attachments/2026/12/9845….pdf
    assert "目前" not in page


def test_staff_of_the_document_download_it_whatever_its_status(organisation, drafter, reviewer):
    document = make_draft(organisation, drafter, status=Status.PENDING_REVIEW)
    attachment = make_attachment(document, "实施细则.pdf")

    response = client_for(reviewer).get(download_url(attachment))

    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_other_organisations_staff_cannot_download_it(organisation, other_organisation, drafter):
    document = make_draft(organisation, drafter)
    attachment = make_attachment(document)
    outsider = make_staff(roles.DRAFTER, other_organisation, "outsider")

    assert client_for(outsider).get(download_url(attachment)).status_code == 403


def test_an_attachment_of_another_document_is_not_found(organisation, drafter):
    attachment = make_attachment(make_draft(organisation, drafter))
    other = make_draft(organisation, drafter)

    url = reverse("admin:documents_policydocument_attachment", args=[other.pk, attachment.pk])
    assert client_for(drafter).get(url).status_code == 404


def test_replacing_an_attachment_scans_again(organisation, drafter):
    document = make_draft(organisation, drafter)
    attachment = make_attachment(document)
    data = document_form_data(
        organisation,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(attachment.pk),
            "attachments-0-document": str(document.pk),
            "attachments-0-file": SimpleUploadedFile("新名单.pdf", pdf_bytes("Call 13812345678")),
        },
    )

    client_for(drafter).post(change_url(document), data)

    document.refresh_from_db()
    assert document.privacy_scanned_at is not None
    assert document.privacy_findings.get().source == "附件：新名单.pdf"
