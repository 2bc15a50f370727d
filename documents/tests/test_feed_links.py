"""A page listing a tag's or an organisation's documents offers that feed (a visible link
and <link rel="alternate"> for feed readers), and feeds and pages name one language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from factories import CatalogTagFactory, OrganisationFactory, PolicyDocumentFactory, TagDimensionFactory

pytestmark = pytest.mark.django_db

SITE_FEEDS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/tags/housing.rss",
    "/feeds/tags/housing.atom",
    "/feeds/organisations/government.rss",
    "/feeds/organisations/government.atom",
    "/interpretations/feeds/latest.rss",
    "/interpretations/feeds/latest.atom",
    "/decisions/feed.rss",
    "/consultations/published/feed/",
]


@pytest.fixture
def housing(db):
    return CatalogTagFactory(name="住房保障", slug="housing", dimension=TagDimensionFactory(name="主题", slug="topic"))


@pytest.fixture
def government(db):
    return OrganisationFactory(name="徐泾镇人民政府", slug="government")


def _alternates(page: str) -> dict[str, str]:
    """href → type of every <link rel="alternate"> in the page."""
    found = {}
    for tag in re.findall(r"<link [^>]*rel=\"alternate\"[^>]*>", page):
        found[re.search(r'href="([^"]+)"', tag).group(1)] = re.search(r'type="([^"]+)"', tag).group(1)
    return found


def _offers(client, path: str, feed: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    alternates = _alternates(page)
    assert alternates.get(f"{feed}.rss") == "application/rss+xml", path
    assert alternates.get(f"{feed}.atom") == "application/atom+xml", path
    body = page.split("<main", 1)[1]
    assert f'href="{feed}.rss"' in body and f'href="{feed}.atom"' in body, f"{path}: no visible feed link"
    assert client.get(f"{feed}.rss").status_code == 200


def test_a_tags_list_offers_the_tags_feed(citizen, housing):
    PolicyDocumentFactory(published=True, tags=[housing])
    _offers(citizen, "/documents/?tag=housing", "/feeds/tags/housing")


def test_an_organisations_page_offers_its_feed(citizen, government):
    _offers(citizen, "/organisations/government/", "/feeds/organisations/government")


def test_the_list_filtered_by_organisation_offers_its_feed(citizen, government):
    _offers(citizen, "/documents/?organisation=government", "/feeds/organisations/government")


def test_a_search_by_tag_or_organisation_offers_those_feeds(citizen, housing, government):
    PolicyDocumentFactory(published=True, tags=[housing], organisation=government, title="住房保障办法")
    _offers(citizen, "/search/?q=住房&tag=housing", "/feeds/tags/housing")
    _offers(citizen, "/search/?organisation=government", "/feeds/organisations/government")


def test_an_unfiltered_list_offers_only_the_sites_feed(citizen, housing):
    page = citizen.get("/documents/").content.decode()
    assert "/feeds/tags/" not in page


@pytest.mark.parametrize("path", SITE_FEEDS)
def test_every_feed_says_the_language_the_pages_say(citizen, housing, government, path):
    response = citizen.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if root.tag == "rss":
        assert root.findtext("./channel/language") == "zh-CN"
    else:
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert feedparser.parse(response.content).feed.language == "zh-CN"
    assert '<html lang="zh-CN">' in citizen.get("/").content.decode()
