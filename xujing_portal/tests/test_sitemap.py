"""sitemap.xml is an index of sections whose files list public documents, the fixed public
pages, the organisations' sections, decisions, the message board with 留言选登,
interpretations; robots.txt names the index. No file of it grows with the corpus."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Message
from factories import (
    CatalogueFactory,
    DecisionFactory,
    MessageFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    make_hidden_documents,
    make_targeted_document,
)
from organisations.models import Organisation
from xujing_portal import urls
from xujing_portal.sitemaps import SECTION_LIMIT, SITEMAPS, sections

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def index_locations(client) -> list[str]:
    """The files the index names, as paths with their query (/sitemap-documents.xml?p=2)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}sitemapindex"
    return [
        urlsplit(loc).path + (f"?{urlsplit(loc).query}" if urlsplit(loc).query else "")
        for loc in (s.findtext(f"{NS}loc") for s in root.findall(f"{NS}sitemap"))
    ]


def section_entries(client, path: str) -> dict[str, str | None]:
    """location → lastmod of one file of the index."""
    response = client.get(path)
    assert response.status_code == 200, path
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}urlset"
    return {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.findall(f"{NS}url")}


def sitemap_entries(client) -> dict[str, str | None]:
    """location → lastmod over every file the index names (as a crawler reads them)."""
    entries: dict[str, str | None] = {}
    for path in index_locations(client):
        entries.update(section_entries(client, path))
    return entries


def test_the_index_names_one_file_per_section_and_robots_txt_names_the_index(citizen, settings):
    settings.SITE_URL = "https://xxgk.xujing.example.gov.cn"
    assert index_locations(citizen) == [f"/sitemap-{name}.xml" for name in SITEMAPS]
    assert "Sitemap: https://xxgk.xujing.example.gov.cn/sitemap.xml" in citizen.get("/robots.txt").content.decode()
    assert citizen.get("/sitemap-nosuchsection.xml").status_code == 404


def test_no_section_page_holds_more_than_the_limit():
    assert SECTION_LIMIT <= 2_000
    assert all(section.limit <= SECTION_LIMIT for section in sections().values())


def test_the_documents_are_split_into_pages_of_bounded_size_and_only_public_ones_appear(citizen, monkeypatch):
    monkeypatch.setattr(urls.SITEMAPS["documents"], "limit", 3)
    organisation = OrganisationFactory()
    public = [PolicyDocumentFactory(published=True, organisation=organisation) for _ in range(4)]
    hidden = make_hidden_documents(organisation)
    hidden.append(make_targeted_document())
    public += [PolicyDocumentFactory(published=True, organisation=organisation) for _ in range(3)]
    highest = max(d.pk for d in public + hidden)

    pages = [path for path in index_locations(citizen) if path.startswith("/sitemap-documents.xml")]

    assert pages == [
        "/sitemap-documents.xml",
        *[f"/sitemap-documents.xml?p={n}" for n in range(2, -(-highest // 3) + 1)],
    ]
    listed: list[str] = []
    for path in pages:
        entries = section_entries(citizen, path)
        assert len(entries) <= 3
        listed += entries
    assert sorted(listed) == sorted(f"http://testserver/documents/{d.pk}/" for d in public)
    assert len(listed) == len(set(listed))
    assert citizen.get(f"/sitemap-documents.xml?p={len(pages) + 1}").status_code == 404
    assert citizen.get("/sitemap-documents.xml?p=abc").status_code == 404


@pytest.mark.usefixtures("no_page_cache")  # the view's own queries
def test_a_deep_page_of_documents_reads_one_range_of_ids(citizen, monkeypatch):
    """Page 3 reads the highest public id (is there a page 3?) and one range of ids: no COUNT
    of the corpus, no OFFSET."""
    monkeypatch.setattr(urls.SITEMAPS["documents"], "limit", 2)
    documents = [PolicyDocumentFactory(published=True) for _ in range(6)]
    with CaptureQueriesContext(connection) as queries:
        entries = section_entries(citizen, "/sitemap-documents.xml?p=3")
    assert list(entries) == [f"http://testserver/documents/{d.pk}/" for d in documents if d.pk > 4 and d.pk <= 6]
    sql = [q["sql"].upper() for q in queries if "DOCUMENTS_POLICYDOCUMENT" in q["sql"].upper()]
    assert len(sql) == 2
    assert not any("OFFSET" in q or "COUNT(" in q for q in sql)
    assert "LIMIT 1" in sql[0] and '"ID" > 4 AND' in sql[1]


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


def test_robots_txt_names_the_sitemap_index_and_keeps_crawlers_out_of_the_staff_pages(citizen, settings):
    settings.SITE_URL = "https://xxgk.xujing.example.gov.cn"
    response = citizen.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://xxgk.xujing.example.gov.cn/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the public pages stay open
