"""Which role may take which step, on which organisation's applications (403 denials)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from applications import permissions as p

pytestmark = pytest.mark.django_db

ACTIONS = [p.VIEW, p.REGISTER, p.DISPATCH, p.HANDLE, p.SIGN, p.VIEW_IDENTITY_SCAN]
# The steps each role may take on an application of its own organisation.
ALLOWED = {
    "registrar": {p.VIEW, p.REGISTER, p.DISPATCH, p.HANDLE, p.VIEW_IDENTITY_SCAN},
    "handler": {p.VIEW, p.HANDLE, p.VIEW_IDENTITY_SCAN},
    "application_signer": {p.VIEW, p.HANDLE, p.SIGN},
    "administrator": set(ACTIONS),
    "drafter": set(),
}


@pytest.mark.parametrize("persona", list(ALLOWED))
def test_each_role_takes_exactly_its_steps(request, persona, new_application, organisation):
    user = request.getfixturevalue(persona)
    application = new_application(organisation=organisation).application

    allowed = {action for action in ACTIONS if p.can(user, action, application)}

    assert allowed == ALLOWED[persona]
    refused = [p.denial(user, action, application) for action in ACTIONS if action not in allowed]
    assert all(d.status == 403 and d.message for d in refused)


def test_a_handler_may_do_nothing_with_another_organisations_application(other_handler, new_application, organisation):
    application = new_application(organisation=organisation).application

    denial = p.denial(other_handler, p.VIEW, application)

    assert denial.status == 403 and denial.message == p.OUT_OF_SCOPE
    assert not p.can_see_personal_data(other_handler, application)


def test_the_registrar_sees_an_application_no_organisation_handles_yet(registrar, handler, new_application):
    application = new_application().application

    assert p.can_see_personal_data(registrar, application)
    assert not p.can_see_personal_data(handler, application)


def test_a_visitor_is_not_staff(new_application):
    denial = p.denial(AnonymousUser(), p.VIEW, new_application().application)

    assert denial.status == 403 and "工作人员" in denial.message
