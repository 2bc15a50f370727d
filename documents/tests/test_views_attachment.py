from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from documents.models import Attachment, DisclosureScope
from factories import PolicyDocumentFactory, client_for, make_attachment, make_hidden_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def download(client, attachment: Attachment):
    return client.get(attachment.get_absolute_url())


def test_it_downloads_an_attachment_of_a_public_document(citizen, organisation):
    attachment = make_attachment(PolicyDocumentFactory(published=True, organisation=organisation), "实施细则.pdf")

    response = download(citizen, attachment)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.pdf" in response["Content-Disposition"]  # 实施细则.pdf
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        (Attachment.Kind.DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (Attachment.Kind.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_its_content_type_comes_from_the_kind(citizen, organisation, kind, content_type):
    attachment = make_attachment(PolicyDocumentFactory(published=True, organisation=organisation), f"表格.{kind}", kind)

    assert download(citizen, attachment)["Content-Type"] == content_type


@pytest.mark.parametrize("index", [0, 1, 3, 4])  # 2, the targeted one, answers 403: test_views_targeted.py
def test_it_refuses_attachments_of_hidden_documents(citizen, organisation, index):
    attachment = make_attachment(make_hidden_documents(organisation)[index])

    assert download(citizen, attachment).status_code == 404


def test_it_refuses_an_attachment_requested_under_another_document(citizen, organisation):
    hidden = make_attachment(PolicyDocumentFactory(organisation=organisation))
    public = PolicyDocumentFactory(published=True, organisation=organisation)

    response = citizen.get(f"/documents/{public.pk}/attachments/{hidden.pk}/")

    assert response.status_code == 404


def test_a_targeted_attachment_downloads_for_a_group_member_only(organisation, enterprise_user):
    enterprise_user.save()  # UserFactory does not save the hashed password; the session needs it
    group = Group.objects.create(name="园区企业")
    document = PolicyDocumentFactory(
        published=True, organisation=organisation, disclosure_scope=DisclosureScope.TARGETED
    )
    document.target_groups.add(group)
    attachment = make_attachment(document)
    assert download(client_for(enterprise_user), attachment).status_code == 403

    enterprise_user.groups.add(group)

    assert download(client_for(enterprise_user), attachment).status_code == 200


def test_a_file_missing_from_storage_is_not_found(citizen, organisation):
    attachment = make_attachment(PolicyDocumentFactory(published=True, organisation=organisation))
    attachment.file.storage.delete(attachment.file.name)

    assert download(citizen, attachment).status_code == 404
