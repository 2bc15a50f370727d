"""sitemap.xml lists public documents, the fixed public pages and the organisations' sections."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine

from factories import OrganisationFactory, PolicyDocumentFactory
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
