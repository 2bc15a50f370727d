"""sitemap.xml lists public documents, the fixed public pages, the organisations' sections,
decisions, the message board with 留言选登, interpretations; robots.txt names it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine

from consultations.models import Message
from factories import CatalogueFactory, DecisionFactory, MessageFactory, OrganisationFactory, PolicyDocumentFactory
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client) -> dict[str, str | None]:
    """location → lastmod."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.findall(f"{NS}url")}


def test_it_lists_a_public_document_with_its_last_change(citizen):
    with time_machine.travel(dt.datetime(2024, 5, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        document = PolicyDocumentFactory(published=True)

    entries = sitemap_entries(citizen)

    assert entries[f"http://testserver/documents/{document.pk}/"] == "2024-05-20"


def test_it_lists_the_fixed_public_pages(citizen):
    entries = sitemap_entries(citizen)

    for path in ["/", "/documents/", "/documents/normative/", "/catalogue/"]:
        assert f"http://testserver{path}" in entries


def test_it_lists_each_organisations_section_including_village_committees(citizen):
    OrganisationFactory(name="徐泾镇人民政府", slug="government", kind=Organisation.Kind.GOVERNMENT)
    OrganisationFactory(name="徐泾镇前明村村民委员会", slug="qianming", kind=Organisation.Kind.VILLAGE)

    entries = sitemap_entries(citizen)

    assert "http://testserver/organisations/government/" in entries
    assert "http://testserver/organisations/qianming/" in entries


def test_it_lists_the_decisions_pages_each_catalogue_and_each_public_decision(citizen):
    decision = DecisionFactory(catalogue=CatalogueFactory(year=2023))
    hidden = DecisionFactory(catalogue=CatalogueFactory(year=2031, published_at=None))

    entries = sitemap_entries(citizen)

    for path in ["/decisions/", "/decisions/representatives/", "/decisions/2023/", f"/decisions/2023/{decision.pk}/"]:
        assert f"http://testserver{path}" in entries, path
    assert f"http://testserver/decisions/2031/{hidden.pk}/" not in entries
    assert "http://testserver/decisions/2031/" not in entries


def test_it_lists_the_board_the_published_messages_and_the_interpretations_list(citizen):
    published = MessageFactory(
        status=Message.Status.ANSWERED,
        publication=Message.Publication.PUBLISHED,
        published_at=dt.datetime(2024, 6, 3, 2, 0, tzinfo=dt.UTC),
    )
    private = MessageFactory(status=Message.Status.ANSWERED)

    entries = sitemap_entries(citizen)

    for path in ["/consultations/", "/consultations/published/", "/interpretations/"]:
        assert f"http://testserver{path}" in entries, path
    assert entries[f"http://testserver/consultations/published/{published.pk}/"] == "2024-06-03"
    assert f"http://testserver/consultations/published/{private.pk}/" not in entries


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_staff_pages(citizen, settings):
    settings.SITE_URL = "https://xxgk.xujing.example.gov.cn"
    response = citizen.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://xxgk.xujing.example.gov.cn/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the public pages stay open
