"""A targeted (定向公开) document: its audience reads it; anyone else is told to sign in,
or that their account is not among the targeted parties, and learns nothing of it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from documents.models import DisclosureScope, Status
from factories import PolicyDocumentFactory, UserFactory, client_for, make_attachment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TITLE = "关于做好重点企业安全生产检查的通知"
NUMBER = "徐经发〔2023〕7号"
SUMMARY = "仅向重点企业安全生产联络员公开。"
BODY = "检查内容包括安全生产责任制落实情况。"
ATTACHMENT = "检查清单.pdf"


@pytest.fixture
def audience(db):
    return Group.objects.create(name="重点企业联络员")


@pytest.fixture
def targeted(organisation, audience):
    document = PolicyDocumentFactory(
        published=True,
        title=TITLE,
        doc_number=NUMBER,
        summary=SUMMARY,
        body=f"<p>{BODY}</p>",
        organisation=organisation,
        disclosure_scope=DisclosureScope.TARGETED,
    )
    document.target_groups.add(audience)
    return document


def reveals_nothing(text: str) -> bool:
    return all(part not in text for part in (TITLE, NUMBER, SUMMARY, BODY, ATTACHMENT, "检查的通知"))


def test_an_anonymous_visitor_is_asked_to_sign_in_and_told_nothing_of_it(citizen, targeted):
    make_attachment(targeted, ATTACHMENT)

    response = citizen.get(targeted.get_absolute_url())

    assert response.status_code == 403
    text = response.content.decode()
    assert "仅向特定对象定向公开" in text
    assert f'href="/accounts/login/?next=%2Fdocuments%2F{targeted.pk}%2F"' in text
    assert reveals_nothing(text)
    assert "<title>定向公开信息 - 徐泾镇政务公开</title>" in text
    assert 'content="noindex"' in text


def test_a_signed_in_outsider_is_told_the_account_is_not_targeted(targeted):
    outsider = UserFactory(username="qiye-b")

    response = client_for(outsider).get(targeted.get_absolute_url())

    assert response.status_code == 403
    text = response.content.decode()
    assert "不在该信息的定向公开对象范围内" in text
    assert f'name="next" value="/accounts/login/?next=%2Fdocuments%2F{targeted.pk}%2F"' in text  # 以其他账号登录
    assert reveals_nothing(text)


def test_a_member_of_its_audience_reads_it(targeted, audience):
    member = UserFactory(username="qiye-a")
    member.groups.add(audience)

    response = client_for(member).get(targeted.get_absolute_url())

    assert response.status_code == 200
    assert TITLE in response.content.decode() and BODY in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN])
def test_a_targeted_document_not_published_stays_not_found(citizen, targeted, audience, status):
    targeted.status = status
    targeted.save(update_fields=["status"])
    member = UserFactory(username="qiye-a")
    member.groups.add(audience)

    assert citizen.get(targeted.get_absolute_url()).status_code == 404
    assert client_for(member).get(targeted.get_absolute_url()).status_code == 404


def test_an_attachment_of_a_targeted_document_asks_an_anonymous_visitor_to_sign_in(citizen, targeted):
    attachment = make_attachment(targeted, ATTACHMENT)

    response = citizen.get(attachment.get_absolute_url())

    assert response.status_code == 403
    text = response.content.decode()
    assert f"next=%2Fdocuments%2F{targeted.pk}%2F" in text  # back to the document after signing in
    assert reveals_nothing(text)


def test_an_attachment_of_a_targeted_document_is_refused_to_an_outsider(targeted):
    attachment = make_attachment(targeted, ATTACHMENT)

    response = client_for(UserFactory(username="qiye-b")).get(attachment.get_absolute_url())

    assert response.status_code == 403
    assert reveals_nothing(response.content.decode())


def test_a_missing_attachment_of_a_targeted_document_is_not_found(citizen, targeted):
    assert citizen.get(f"/documents/{targeted.pk}/attachments/999999/").status_code == 404


@pytest.mark.parametrize("path", ["/documents/99999999999999999999/", "/documents/1/attachments/99999999999999999999/"])
def test_an_id_beyond_the_database_range_is_not_found(citizen, path):
    assert citizen.get(path).status_code == 404
