"""Applications in the admin: who sees which, the applicant's data only within scope,
registration and transfer through the services, the guide's one row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from applications.models import Application, ApplicationEvent, Guide, Status
from applications.tests.conftest import APPLICANT
from factories import client_for

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/applications/application/"


@pytest.fixture
def two_applications(new_application, organisation, other_organisation):
    ours = new_application(organisation=organisation, description="本单位承办的申请").application
    theirs = new_application(organisation=other_organisation, description="经发办承办的申请").application
    waiting = new_application(description="尚未分办的申请").application
    return ours, theirs, waiting


def _listed(client: Client) -> set[str]:
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    return {a.number for a in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("handler", {"ours"}),
        ("other_handler", {"theirs"}),
        ("application_signer", {"ours"}),
        ("registrar", {"ours", "theirs", "waiting"}),
        ("administrator", {"ours", "theirs", "waiting"}),
    ],
)
def test_each_role_sees_its_scope_of_applications(request, two_applications, persona, sees):
    ours, theirs, waiting = two_applications
    numbers = {"ours": ours.number, "theirs": theirs.number, "waiting": waiting.number}

    listed = _listed(client_for(request.getfixturevalue(persona)))

    assert listed == {numbers[name] for name in sees}


def test_an_anonymous_visitor_is_sent_to_sign_in(citizen, two_applications):
    response = citizen.get(CHANGELIST)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_an_application_role_are_refused(drafter, two_applications):
    assert client_for(drafter).get(CHANGELIST).status_code == 403


def test_a_handler_cannot_open_another_organisations_application(handler, two_applications):
    _, theirs, _ = two_applications

    response = client_for(handler).get(f"{CHANGELIST}{theirs.pk}/change/", follow=True)

    page = response.content.decode()
    assert APPLICANT["applicant_name"] not in page and APPLICANT["phone"] not in page


def test_the_handler_of_the_organisation_sees_the_applicant_but_no_link_to_the_scan(handler, two_applications):
    ours, _, _ = two_applications

    page = client_for(handler).get(f"{CHANGELIST}{ours.pk}/change/").content.decode()

    assert APPLICANT["applicant_name"] in page and APPLICANT["phone"] in page
    assert "身份证明扫描件" in page and "media-not-served" not in page


def test_the_list_shows_no_personal_data(registrar, two_applications):
    page = client_for(registrar).get(CHANGELIST).content.decode()

    for value in (APPLICANT["applicant_name"], APPLICANT["phone"], APPLICANT["id_number"]):
        assert value not in page


def test_the_registrar_registers_an_application_from_the_counter(registrar, organisation):
    response = client_for(registrar).post(
        f"{CHANGELIST}add/",
        {
            "channel": "in_person",
            "submitted_at_0": "2026-03-02",
            "submitted_at_1": "10:00:00",
            "organisation": organisation.pk,
            "applicant_type": "citizen",
            "applicant_category": "natural_person",
            "applicant_name": "李四",
            "phone": "13800000000",
            "description": "申请公开某村2025年度村务收支情况。",
            "provision_form": "paper",
            "delivery": "collect",
            **_empty_inlines(),
        },
        follow=True,
    )

    application = Application.objects.get()
    assert application.number == "2026-0001" and application.status == Status.IN_PROGRESS
    assert "登记编号 2026-0001，查询码 " in response.content.decode()
    assert application.events.filter(actor=registrar, action=ApplicationEvent.Action.REGISTERED).exists()


def test_a_handler_cannot_register(handler):
    assert client_for(handler).get(f"{CHANGELIST}add/").status_code == 403


def test_a_transfer_without_a_reason_is_refused_with_a_field_error(registrar, two_applications, other_organisation):
    ours, _, _ = two_applications
    url = f"{CHANGELIST}{ours.pk}/change/"
    client = client_for(registrar)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(organisation=other_organisation.pk, transfer_reason="", **_empty_inlines())

    response = client.post(url, data)

    assert response.status_code == 200 and "转办请说明原因。" in response.content.decode()
    data["transfer_reason"] = "属经发办职责"
    assert client.post(url, data).status_code == 302
    ours.refresh_from_db()
    assert ours.organisation == other_organisation
    assert ours.events.last().action == ApplicationEvent.Action.TRANSFERRED


def test_the_guide_is_added_once_with_the_defaults_and_saved_as_the_one_row(administrator):
    client = client_for(administrator)
    add = client.get("/admin/applications/guide/add/")
    assert add.status_code == 200
    data = {name: value for name, value in add.context["adminform"].form.initial.items() if name != "id"}
    data["phone"] = "021-5976 0000"

    client.post("/admin/applications/guide/add/", data)

    assert Guide.objects.get().phone == "021-5976 0000"
    assert client.get("/admin/applications/guide/add/").status_code == 403


def _empty_inlines() -> dict[str, str]:
    return {
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }


def _counter_form(organisation, **fields) -> dict:
    return {
        "channel": "in_person",
        "submitted_at_0": "2026-03-02",
        "submitted_at_1": "10:00:00",
        "organisation": organisation.pk,
        "applicant_type": "citizen",
        "applicant_category": "natural_person",
        "applicant_name": "李四",
        "phone": "13800000000",
        "description": "申请公开某村2025年度村务收支情况。",
        "provision_form": "paper",
        "delivery": "collect",
        **_empty_inlines(),
        **fields,
    }


def test_registered_post_without_the_day_signed_for_is_a_field_error_and_keeps_the_form(registrar, organisation):
    response = client_for(registrar).post(f"{CHANGELIST}add/", _counter_form(organisation, channel="post_registered"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "请填写签收日期" in page and "申请公开某村2025年度村务收支情况。" in page
    assert not Application.objects.exists()


def test_an_email_received_after_closing_time_counts_from_the_next_working_day(registrar, organisation):
    # Friday 2026-03-06 at 18:30: received on Monday 2026-03-09 (Art. 31).
    client_for(registrar).post(
        f"{CHANGELIST}add/",
        _counter_form(organisation, channel="email", submitted_at_0="2026-03-06", submitted_at_1="18:30:00"),
    )

    assert Application.objects.get().received_on == dt.date(2026, 3, 9)
