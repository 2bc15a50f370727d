"""No personal data an applicant types into the online application reaches a public
surface (issue 14, "Privacy and bad input"), in the manner of
xujing_portal/tests/test_privacy_surfaces.py: a citizen and an organisation apply through
the real form (one after a field error, so the form is shown back), then every public
page, the search, feeds, API, sitemap, another visitor's tracking page, e-mails to anyone
else and the log are read; no run of five of a number's digits and no name may be there.
The applicant's own receipt and tracking page show their identity number masked only."""

from __future__ import annotations

import logging

import pytest
import time_machine
from django.core import mail
from django.test import Client

from applications.models import Application
from notifications import delivery
from xujing_portal.sitemaps import SITEMAPS
from xujing_portal.tests.test_privacy_surfaces import normalised, without_echo

from .online import (
    SUBMITTED_AT,
    TRACK,
    URL,
    citizen_data,
    organisation_data,
    relaxed_guards,  # noqa: F401 (autouse)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ID_NUMBER = "310229198506123458"
CREDIT_CODE = "91330100799655058B"
PHONE = "13987654321"
EMAIL = "ximen.private@example.com"
NAMES = ["西门隐私", "甄珏琰贸易商行", "令狐代表", "慕容联系", "徐泾镇秘密路99弄9号"]
NUMBERS = [ID_NUMBER, CREDIT_CODE, PHONE, "201799"]


def _apply(client: Client, data: dict) -> str:
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode().split("form-errors", 1)[-1][:600]
    return client.get(response["Location"]).content.decode()


def _leaks(surface: str, text: str) -> list[str]:
    plain = normalised(text).upper()
    found = [f"{surface}: {name}" for name in NAMES if name in plain]
    found += [f"{surface}: ximen" for _ in [1] if "XIMEN" in plain]
    for number in NUMBERS:
        if any(number[i : i + 5] in plain for i in range(len(number) - 4)):
            found.append(f"{surface}: {number}")
    return found


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def test_what_applicants_type_reaches_no_public_surface(caplog):
    caplog.set_level(logging.DEBUG)
    applicant, organisation, visitor = Client(), Client(), Client()
    with time_machine.travel(SUBMITTED_AT, tick=False):  # the forms' tokens are signed then
        citizen = citizen_data(
            applicant_name=NAMES[0], id_number=ID_NUMBER, phone=PHONE, email=EMAIL, postal_address=NAMES[4]
        )
        org = organisation_data(
            applicant_name=NAMES[1], credit_code=CREDIT_CODE, legal_representative=NAMES[2], contact_person=NAMES[3]
        )
        shown_back = applicant.post(URL, {**citizen, "postcode": "2017"})  # a field error: the form again
        assert shown_back.status_code == 400 and NAMES[0] in shown_back.content.decode()
        receipt = _apply(applicant, {**citizen, "postcode": "201799"})
        _apply(organisation, org)
        own = Application.objects.get(applicant_name=NAMES[0])
        code = receipt.split('id="query-code">', 1)[1].split("<", 1)[0]
        own_page = applicant.get(applicant.post(TRACK, {"number": own.number, "query_code": code})["Location"])
        urls = [
            "/",
            "/applications/",
            URL,
            f"{TRACK}?n={own.number}",
            "/sitemap.xml",
            *[f"/sitemap-{name}.xml" for name in SITEMAPS],
            "/feeds/latest.rss",
            "/api/documents/",
            *[f"/applications/new/disclosed.json?q={term}" for term in (NAMES[0], CREDIT_CODE)],
        ]
        surfaces = [(url, _text(visitor.get(url))) for url in urls]
        for term in (NAMES[0], ID_NUMBER, PHONE):  # the results page repeats the visitor's own words
            page = _text(visitor.get("/search/", {"q": term}))
            surfaces.append((f"/search/?q={term}", without_echo(page, term)))
    delivery.deliver_pending()
    surfaces += [(f"e-mail to {m.to}", m.subject + m.body) for m in mail.outbox if EMAIL not in m.to]
    surfaces.append(("log", "\n".join(f"{r.name}: {r.getMessage()}" for r in caplog.records)))

    assert Application.objects.count() == 2
    found = [leak for surface, text in surfaces for leak in _leaks(surface, text)]
    assert not found, "\n".join(found)

    own_text = own_page.content.decode()
    assert NAMES[0] in own_text and "3102**********3458" in own_text
    assert [leak for leak in _leaks("own tracking page", own_text) if NAMES[0] not in leak] == []
    assert [leak for leak in _leaks("receipt", receipt) if NAMES[0] not in leak] == []
