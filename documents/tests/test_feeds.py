"""RSS and Atom feeds of the latest public documents, overall and per tag."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.utils import timezone

from documents.models import DisclosureScope, Status
from factories import (
    CatalogTagFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    TagDimensionFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def housing_tag(db):
    return CatalogTagFactory(name="住房保障", slug="housing", dimension=TagDimensionFactory(name="主题", slug="topic"))


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_rss_feed_describes_each_document(citizen, housing_tag):
    document = PolicyDocumentFactory(
        published=True,
        title="关于印发徐泾镇住房保障实施办法的通知",
        summary="明确住房保障的对象和申请程序。",
        tags=[housing_tag],
        organisation__name="徐泾镇人民政府",
    )

    [item] = rss_items(citizen.get("/feeds/latest.rss"))

    assert item.findtext("title") == "关于印发徐泾镇住房保障实施办法的通知"
    assert item.findtext("link") == f"http://testserver/documents/{document.pk}/"
    assert item.findtext("guid") == f"http://testserver/documents/{document.pk}/"
    assert item.findtext("description") == "<p>明确住房保障的对象和申请程序。</p>"  # text, as safe paragraphs
    assert item.findtext("pubDate") == "Thu, 29 Feb 2024 09:00:00 +0000"
    assert [c.text for c in item.findall("category")] == ["住房保障"]


def test_without_a_summary_the_description_is_the_start_of_the_body_as_plain_text(citizen):
    PolicyDocumentFactory(
        published=True, summary="", body="<p>第一条　<strong>为规范</strong>管理。</p>" + "<p>条文</p>" * 200
    )

    [item] = rss_items(citizen.get("/feeds/latest.rss"))

    description = item.findtext("description")
    assert description.startswith("<p>第一条　为规范管理。")
    text = description.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in text  # the body's own markup is gone: only the paragraph the feed adds
    assert len(text) <= 200


def test_the_feed_lists_the_latest_30_newest_first(citizen):
    for days in range(1, 36):
        PolicyDocumentFactory(
            published=True, title=f"第{days}天前发布", published_at=timezone.now() - dt.timedelta(days=days)
        )

    titles = [item.findtext("title") for item in rss_items(citizen.get("/feeds/latest.rss"))]

    assert titles == [f"第{days}天前发布" for days in range(1, 31)]


def test_the_atom_feed_carries_the_same_documents(citizen, housing_tag):
    document = PolicyDocumentFactory(published=True, title="徐泾镇2024年政务公开工作要点", tags=[housing_tag])

    response = citizen.get("/feeds/latest.atom")
    [entry] = atom_entries(response)

    assert response["Content-Type"] == "application/xml; charset=utf-8"  # shown as a page by browsers
    assert entry.findtext(f"{ATOM}title") == "徐泾镇2024年政务公开工作要点"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/documents/{document.pk}/"
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/documents/{document.pk}/"
    assert entry.findtext(f"{ATOM}published") == "2024-02-29T09:00:00+00:00"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["住房保障"]


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_a_tag_feed_lists_only_documents_with_that_tag(citizen, housing_tag, suffix):
    PolicyDocumentFactory(published=True, title="住房保障文件", tags=[housing_tag])
    PolicyDocumentFactory(published=True, title="其他文件", tags=[CatalogTagFactory(slug="transport")])

    response = citizen.get(f"/feeds/tags/housing.{suffix}")

    assert response.status_code == 200
    assert "住房保障文件" in response.content.decode()
    assert "其他文件" not in response.content.decode()
    assert "标签“住房保障”" in response.content.decode()


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_an_unknown_tag_feed_is_not_found(citizen, suffix):
    assert citizen.get(f"/feeds/tags/no-such-tag.{suffix}").status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_the_feed_runs_the_same_queries_whatever_its_length(citizen, housing_tag, django_assert_max_num_queries):
    for _ in range(30):
        PolicyDocumentFactory(published=True, tags=[housing_tag, CatalogTagFactory()])

    with django_assert_max_num_queries(3):
        assert citizen.get("/feeds/tags/housing.rss").status_code == 200


# --- Readable in a browser, valid for readers --------------------------------------------

FEEDS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/tags/housing.rss",
    "/feeds/tags/housing.atom",
    "/feeds/organisations/government.rss",
    "/feeds/organisations/government.atom",
]
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def government(db):
    return OrganisationFactory(name="徐泾镇人民政府", slug="government")


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_parses_cleanly_in_a_feed_reader(citizen, housing_tag, government, path):
    document = PolicyDocumentFactory(
        published=True, title="徐泾镇住房保障实施办法", tags=[housing_tag], organisation=government
    )

    parsed = feedparser.parse(citizen.get(path).content)

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version in {"rss20", "atom10"}
    [entry] = parsed.entries
    assert entry.title == "徐泾镇住房保障实施办法"
    assert entry.link == f"http://testserver/documents/{document.pk}/"


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_is_served_as_xml_with_the_portal_stylesheet(citizen, housing_tag, government, path):
    response = citizen.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    head = response.content.decode()[:300]
    assert '<?xml-stylesheet href="/static/feeds/feed.css" media="screen" type="text/css"?>' in head
    assert finders.find("feeds/feed.css")


def test_a_browser_sees_a_note_with_a_link_to_the_subscribe_page_and_a_link_per_item(citizen, housing_tag):
    document = PolicyDocumentFactory(published=True, title="徐泾镇住房保障实施办法", tags=[housing_tag])

    channel = ET.fromstring(citizen.get("/feeds/latest.rss").content).find("channel")

    about = channel.find(f"{XHTML}div")
    assert "RSS 阅读器" in "".join(about.itertext())
    assert [a.get("href") for a in about.iter(f"{XHTML}a")] == ["/subscribe/", "http://testserver/documents/"]
    link = channel.find(f"item/{XHTML}div/{XHTML}a")
    assert (link.text, link.get("href")) == ("徐泾镇住房保障实施办法", f"http://testserver/documents/{document.pk}/")
    assert "2024年2月29日发布" in "".join(channel.find(f"item/{XHTML}div").itertext())


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_an_organisation_feed_lists_only_what_that_organisation_issued(citizen, government, suffix):
    office = OrganisationFactory(name="徐泾镇经济发展办公室", slug="economy")
    PolicyDocumentFactory(published=True, title="镇政府印发的文件", organisation=government)
    PolicyDocumentFactory(published=True, title="经发办印发的文件", organisation=office)
    PolicyDocumentFactory(
        published=True, title="经发办起草、以镇政府名义印发", organisation=office, issuing_organisation=government
    )

    parsed = feedparser.parse(citizen.get(f"/feeds/organisations/government.{suffix}").content)

    assert sorted(e.title for e in parsed.entries) == ["经发办起草、以镇政府名义印发", "镇政府印发的文件"]
    assert parsed.feed.title == "徐泾镇政务公开 · 徐泾镇人民政府的政策文件"


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_an_organisation_feed_never_carries_hidden_documents(citizen, government, suffix):
    PolicyDocumentFactory(published=True, title="镇政府的通知", organisation=government)
    PolicyDocumentFactory(status=Status.DRAFT, title="草稿", organisation=government)
    PolicyDocumentFactory(
        published=True, title="定向公开的文件", organisation=government, disclosure_scope=DisclosureScope.TARGETED
    )

    text = citizen.get(f"/feeds/organisations/government.{suffix}").content.decode()

    assert "镇政府的通知" in text
    assert "草稿" not in text and "定向公开的文件" not in text


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_an_unknown_organisation_feed_is_not_found(citizen, suffix):
    assert citizen.get(f"/feeds/organisations/nobody.{suffix}").status_code == 404
