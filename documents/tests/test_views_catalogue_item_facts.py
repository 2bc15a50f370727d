"""A catalogue item's page says what it holds, on which legal basis, and when it was last
updated (最近更新): the newest public item in its subtree, of any kind."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from factories import CatalogueItemFactory, InterpretationFactory, PolicyDocumentFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)


def test_it_shows_the_description_legal_basis_and_newest_public_date(citizen, organisation):
    finance = CatalogueItemFactory(code="05", name="财政信息")
    accounts = CatalogueItemFactory(code="0502", name="决算", parent=finance)
    PolicyDocumentFactory(
        published=True, organisation=organisation, catalogue_item=accounts, published_at=at(dt.date(2025, 3, 4))
    )
    PolicyDocumentFactory(
        published=True, organisation=organisation, catalogue_item=finance, published_at=at(dt.date(2024, 6, 1))
    )
    PolicyDocumentFactory(organisation=organisation, catalogue_item=accounts)  # a draft: not an update

    page = citizen.get("/catalogue/items/05/").content.decode()

    assert "公开内容" in page and "镇级财政预算、决算和“三公”经费。" in page
    assert "《中华人民共和国政府信息公开条例》第二十条第（七）项" in page
    assert '最近更新</dt><dd><time datetime="2025-03-04">2025年3月4日</time>' in page


def test_an_item_with_nothing_public_says_so(citizen, organisation):
    item = CatalogueItemFactory(code="0903", name="政府信息公开制度")
    PolicyDocumentFactory(organisation=organisation, catalogue_item=item)  # unpublished

    page = citizen.get("/catalogue/items/0903/").content.decode()

    assert "最近更新</dt><dd>暂无已公开信息" in page
    assert "《中华人民共和国政府信息公开条例》第四条、第十七条" in page


def test_an_interpretation_counts_as_an_update_of_its_item(citizen, organisation):
    CatalogueItemFactory(code="03", name="政策解读")
    document = PolicyDocumentFactory(published=True, organisation=organisation, published_at=at(dt.date(2025, 1, 2)))
    InterpretationFactory(document=document, published=True, published_at=at(dt.date(2025, 2, 10)))

    page = citizen.get("/catalogue/items/03/").content.decode()

    assert '<time datetime="2025-02-10">2025年2月10日</time>' in page


def test_an_item_outside_the_standard_shows_only_its_update(citizen, organisation):
    item = CatalogueItemFactory(code="X1", name="专题")
    PolicyDocumentFactory(
        published=True, organisation=organisation, catalogue_item=item, published_at=at(dt.date(2025, 5, 6))
    )

    page = citizen.get("/catalogue/items/X1/").content.decode()

    assert "公开依据" not in page
    assert "2025年5月6日" in page
