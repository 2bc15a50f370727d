"""Personas shared by every app's tests: a citizen, an enterprise user and
one staff member per role, all in the same organisation unless a test says
otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from documents.tests.factories import OrganisationFactory, UserFactory, make_staff
from organisations import roles


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Argon2 costs about a second per persona; tests that check hashing opt out."""
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="徐泾镇人民政府办公室", slug="office", agency_code="徐府发", index_code="11310118MB0000001X"
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(
        name="徐泾镇经济发展办公室", slug="economy", agency_code="徐经发", index_code="11310118MB0000002X"
    )


@pytest.fixture
def citizen(db):
    return Client()


@pytest.fixture
def enterprise_user(db):
    return UserFactory(username="enterprise-a")


@pytest.fixture
def drafter(organisation):
    return make_staff(roles.DRAFTER, organisation, "drafter")


@pytest.fixture
def reviewer(organisation):
    return make_staff(roles.REVIEWER, organisation, "reviewer")


@pytest.fixture
def signer(organisation):
    return make_staff(roles.SIGNER, organisation, "signer")


@pytest.fixture
def administrator(organisation):
    return make_staff(roles.ADMINISTRATOR, organisation, "administrator")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
