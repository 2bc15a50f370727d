"""The hostile inputs that used to be 500s: each now a 400 or 404 (issue: 500s on hostile
input). The URL fuzz test (test_fuzz_urls.py) looks for more of the same kind."""

from __future__ import annotations

import pytest

from decisions import roles as decision_roles
from factories import client_for, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/faqs/?updated_since=9999-12-31T23%3A59%3A59-23%3A59", 400),
        ("/api/faqs/?updated_since=0001-01-01T00%3A00%3A00%2B23%3A59", 400),
        ("/api/faqs/?policy=-" + "9" * 5000, 400),
        ("/api/faqs/?policy=" + "9" * 30, 400),
        ("/api/documents/" + "9" * 30 + "/", 404),
        ("/api/faqs/" + "9" * 30 + "/", 404),
        ("/documents/" + "9" * 30 + "/", 404),
        ("/documents/1/attachments/" + "9" * 30 + "/", 404),
        ("/interpretations/1/images/" + "9" * 30 + "/", 404),
        ("/consultations/published/" + "9" * 30 + "/", 404),
        ("/decisions/" + "9" * 30 + "/", 404),
        ("/decisions/2026/" + "9" * 30 + "/", 404),
        ("/applications/new/submitted/?n=" + "9" * 30, 302),
    ],
)
def test_oversized_numbers_and_dates_get_a_client_error(citizen, url, status):
    assert citizen.get(url).status_code == status


def test_a_huge_year_on_the_staff_representatives_page_falls_back_to_this_year(organisation):
    staff = make_staff(decision_roles.DECISION_STAFF, organisation, "decision-staff")

    response = client_for(staff).get("/decisions/staff/representatives/?year=" + "9" * 4301)

    assert response.status_code == 200


@pytest.mark.parametrize("year", ["9" * 4301, "-" + "9" * 5000, "\x00", "0000", "1e309", "%25s"])
def test_a_hostile_year_on_the_application_statistics_falls_back_to_the_latest_year(citizen, year):
    response = citizen.get("/applications/statistics/", {"year": year})

    assert response.status_code == 200
    assert "已显示" in response.content.decode()


@pytest.mark.parametrize("offset", ["%2B17%3A03", "-23%3A59", "%2B23%3A59"])
def test_an_offset_beyond_what_postgresql_stores_still_filters(citizen, offset):
    response = citizen.get(f"/api/faqs/?updated_since=3447-07-22T20%3A03%3A28{offset}")

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["%25s", "%25(x)s", "100%25", "%25"])
def test_a_percent_sign_in_a_bad_time_is_shown_back_not_read_as_a_placeholder(citizen, value):
    response = citizen.get(f"/api/faqs/?updated_since={value}")

    assert response.status_code == 400
    assert "无效" in response.json()["updated_since"][0]


@pytest.mark.parametrize("url", ["/applications/new/", "/applications/track/"])
@pytest.mark.parametrize(
    "body",
    [
        {"description": "\x00" * 10, "applicant_type": "\x00"},
        {"applicant_type": "9" * 5000, "id_number": "-" + "9" * 5000, "form_token": "\x00"},
        {"number": "9" * 5000, "query_code": "\x00", "postcode": "九" * 50},
    ],
)
def test_hostile_bodies_posted_to_the_application_forms_get_a_client_error(citizen, url, body):
    assert citizen.post(url, body).status_code == 400
