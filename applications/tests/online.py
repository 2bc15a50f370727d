"""What the online-form tests share: a filled-in form for a citizen and an organisation,
and the form's guards relaxed (no minimum fill time, a clean rate-limit cache)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from applications.forms import new_form_token

URL = "/applications/new/"
TRACK = "/applications/track/"
# Monday 28 September 2026, 10:00 in Shanghai: received the same day; 20 working days
# later (1-7 October are National Day) the reply is due on Friday 30 October.
SUBMITTED_AT = dt.datetime(2026, 9, 28, 2, tzinfo=dt.UTC)
DUE = "法定答复期限：2026年10月30日前（20个工作日）"
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "914403001922038216"


@pytest.fixture(autouse=True)
def relaxed_guards(settings):
    settings.APPLICATIONS_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def citizen_data(**changes) -> dict:
    data = {
        "applicant_type": "citizen",
        "applicant_name": "欧阳秘密",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13912345678",
        "email": "ouyang.private@example.com",
        "postal_address": "徐泾镇隐私路88弄8号",
        "postcode": "201702",
        "description": "申请公开徐泾镇2025年度道路养护经费的使用情况。",
        "information_title": "",
        "document_number": "",
        "index_number": "",
        "provision_form": "electronic",
        "delivery": "email",
        "website": "",
        "form_token": new_form_token(),
    }
    data.update(changes)
    return data


def organisation_data(**changes) -> dict:
    data = citizen_data(
        applicant_type="organisation",
        applicant_name="上海徐泾秘密科技有限公司",
        id_type="",
        id_number="",
        credit_code=CREDIT_CODE,
        legal_representative="司马保密",
        contact_person="诸葛联系",
        applicant_category="business",
    )
    data.update(changes)
    return data
