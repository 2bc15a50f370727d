"""RSS and Atom feeds of the latest public documents, overall and per tag."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from documents.tests.factories import CatalogTagFactory, PolicyDocumentFactory, TagDimensionFactory

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
    assert item.findtext("description") == "明确住房保障的对象和申请程序。"
    assert item.findtext("pubDate") == "Thu, 29 Feb 2024 09:00:00 +0000"
    assert [c.text for c in item.findall("category")] == ["住房保障"]


def test_without_a_summary_the_description_is_the_start_of_the_body_as_plain_text(citizen):
    PolicyDocumentFactory(
        published=True, summary="", body="<p>第一条　<strong>为规范</strong>管理。</p>" + "<p>条文</p>" * 200
    )

    [item] = rss_items(citizen.get("/feeds/latest.rss"))

    description = item.findtext("description")
    assert description.startswith("第一条　为规范管理。")
    assert "<" not in description
    assert len(description) <= 200


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

    assert response["Content-Type"].startswith("application/atom+xml")
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


def test_the_feed_runs_the_same_queries_whatever_its_length(citizen, housing_tag, django_assert_max_num_queries):
    for _ in range(30):
        PolicyDocumentFactory(published=True, tags=[housing_tag, CatalogTagFactory()])

    with django_assert_max_num_queries(3):
        assert citizen.get("/feeds/tags/housing.rss").status_code == 200
