from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from applications import services
from applications.models import ApplicantType, Application, Channel
from applications.roles import HANDLER, REGISTRAR, SIGNER
from factories import make_staff

from .letters_sample import handled_application  # noqa: F401 (fixture of the letter tests)
from .statistics_sample import answer, sample  # noqa: F401 (fixtures of the statistics tests)

# Private data of the sample applicant: no public page may show any of it.
APPLICANT = {
    "applicant_type": ApplicantType.CITIZEN,
    "applicant_name": "欧阳秘密",
    "id_number": "310118198503120011",
    "phone": "13912345678",
    "email": "ouyang.private@example.com",
    "postal_address": "徐泾镇隐私路88弄8号",
    "postcode": "201702",
}


@pytest.fixture
def registrar(organisation):
    """依申请登记人 of the persona organisation (sees every application)."""
    return make_staff(REGISTRAR, organisation, "apply-registrar")


@pytest.fixture
def handler(organisation):
    return make_staff(HANDLER, organisation, "apply-handler")


@pytest.fixture
def other_handler(other_organisation):
    return make_staff(HANDLER, other_organisation, "apply-handler-other")


@pytest.fixture
def application_signer(organisation):
    return make_staff(SIGNER, organisation, "apply-signer")


@pytest.fixture
def new_application(db):
    """Register an application (in person, 2026-03-02 10:00 Shanghai) through the service;
    returns the receipt."""

    def make(**fields) -> services.Receipt:
        values = {
            **APPLICANT,
            "channel": Channel.IN_PERSON,
            "description": "申请公开徐泾镇2025年度道路养护经费的使用情况。",
            "submitted_at": timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0)),
            **fields,
        }
        return services.application_register(application=Application(**values))

    return make
