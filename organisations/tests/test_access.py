"""organisations.access: who is staff, which organisation's rows each role sees, the
one staff-page guard and the denial codes every app's permissions return."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from documents.models import PolicyDocument
from factories import PolicyDocumentFactory, UserFactory, make_staff
from organisations import access, roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_documents(organisation, other_organisation):
    return PolicyDocumentFactory(organisation=organisation), PolicyDocumentFactory(organisation=other_organisation)


@pytest.mark.parametrize("role", [roles.DRAFTER, roles.REVIEWER, roles.SIGNER])
def test_an_organisation_role_sees_only_its_own_rows(role, organisation, two_documents):
    own, _ = two_documents
    user = make_staff(role, organisation)
    assert list(access.scope(PolicyDocument.objects.all(), user)) == [own]
    assert access.in_scope(user, own.organisation_id)
    assert not access.in_scope(user, two_documents[1].organisation_id)
    assert not access.is_town_wide(user)


def test_the_administrator_role_sees_every_organisation_but_acts_for_its_own(organisation, two_documents):
    administrator = make_staff(roles.ADMINISTRATOR, organisation)
    assert access.is_town_wide(administrator)
    assert set(access.scope(PolicyDocument.objects.all(), administrator)) == set(two_documents)
    assert access.same_organisation(administrator, two_documents[0].organisation_id)
    assert not access.same_organisation(administrator, two_documents[1].organisation_id)
    assert list(access.own_rows(PolicyDocument.objects.all(), administrator)) == [two_documents[0]]


def test_a_superuser_sees_and_acts_everywhere(two_documents):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert access.is_town_wide(superuser)
    assert set(access.scope(PolicyDocument.objects.all(), superuser)) == set(two_documents)
    assert set(access.own_rows(PolicyDocument.objects.all(), superuser)) == set(two_documents)
    assert all(access.same_organisation(superuser, d.organisation_id) for d in two_documents)


def test_staff_without_an_organisation_see_nothing(two_documents):
    user = UserFactory(is_staff=True)
    user.groups.add(roles_group(roles.DRAFTER))
    assert not access.scope(PolicyDocument.objects.all(), user).exists()
    assert not access.in_scope(user, two_documents[0].organisation_id)


@pytest.mark.parametrize(
    "make_user",
    [
        lambda organisation: AnonymousUser(),
        lambda organisation: UserFactory(is_staff=False),  # an enterprise account
        lambda organisation: _inactive(make_staff(roles.ADMINISTRATOR, organisation)),
    ],
    ids=["anonymous", "not staff", "deactivated administrator"],
)
def test_non_staff_see_no_rows_at_all(make_user, organisation, two_documents):
    user = make_user(organisation)
    assert not access.is_staff_member(user)
    assert not access.is_town_wide(user)
    assert not access.scope(PolicyDocument.objects.all(), user).exists()
    assert not access.own_rows(PolicyDocument.objects.all(), user).exists()
    assert not access.in_scope(user, two_documents[0].organisation_id)


def test_the_scope_follows_a_relation_path(organisation, two_documents):
    from documents.models import DocumentTransition

    own, other = two_documents
    for document in two_documents:
        DocumentTransition.objects.create(
            document=document, action=DocumentTransition.Action.SUBMIT, from_status="draft", to_status="pending_review"
        )
    user = make_staff(roles.DRAFTER, organisation)
    rows = access.scope(DocumentTransition.objects.all(), user, field="document__organisation")
    assert [row.document_id for row in rows] == [own.pk]


def test_staff_required_sends_visitors_to_the_staff_sign_in_and_refuses_non_staff(organisation):
    view = access.staff_required(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/staff/page/?x=1")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=/staff/page/")

    request.user = UserFactory(is_staff=False)
    with pytest.raises(PermissionDenied, match="此页面仅供工作人员使用"):
        view(request)

    request.user = make_staff(roles.DRAFTER, organisation)
    assert view(request).content == b"ok"


def test_a_denial_answers_403_when_forbidden_and_409_when_a_workflow_rule_blocks():
    assert access.Denial("无权").status == 403
    assert access.Denial("状态不对", forbidden=False, code="status").status == 409
    with pytest.raises(PermissionDenied, match="无权"):
        access.refuse(access.Denial("无权"))
    assert access.refuse(access.Denial("状态不对", forbidden=False)) is None


def test_every_app_shares_the_one_denial_shape():
    from decisions import permissions as decision_permissions
    from documents import permissions as document_permissions

    assert document_permissions.Denial is access.Denial
    assert decision_permissions.Denial is access.Denial


def roles_group(name: str):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name)


def _inactive(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user
