"""/xxgk/: the four standard sub-columns and the entries to 依申请公开 and 工作要点."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from factories import CatalogueItemFactory, PolicyDocumentFactory
from xxgk import column

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def standard(db):
    work = CatalogueItemFactory(code="09", name="政务公开工作")
    items = {
        "work": work,
        "points": CatalogueItemFactory(code="0901", name="工作要点", parent=work),
        "reports": CatalogueItemFactory(code="0902", name="年度报告", parent=work),
        "rules": CatalogueItemFactory(code="0903", name="政府信息公开制度", parent=work),
        "finance": CatalogueItemFactory(code="05", name="财政信息"),
    }
    items["accounts"] = CatalogueItemFactory(code="0502", name="决算", parent=items["finance"])
    return items


def test_it_shows_the_four_sub_columns(citizen, standard):
    page = citizen.get("/xxgk/").content.decode()

    for title in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]:
        assert f">{title}</h2>" in page
    assert 'href="/applications/"' in page


def test_the_rules_column_lists_the_published_documents_of_the_rules_item(citizen, organisation, standard):
    PolicyDocumentFactory(
        published=True, organisation=organisation, catalogue_item=standard["rules"], title="保密审查制度"
    )
    PolicyDocumentFactory(organisation=organisation, catalogue_item=standard["rules"], title="尚未发布的制度")

    page = citizen.get("/xxgk/").content.decode()

    assert "保密审查制度" in page
    assert "尚未发布的制度" not in page
    assert 'href="/catalogue/items/0903/"' in page


def test_each_statutory_category_links_its_item_with_its_last_update(citizen, organisation, standard):
    PolicyDocumentFactory(
        published=True,
        organisation=organisation,
        catalogue_item=standard["accounts"],
        published_at=at(dt.date(2025, 4, 8)),
    )

    response = citizen.get("/xxgk/")

    finance = next(row for row in response.context["statutory"] if row.category.codes == ("05",))
    assert finance.total == 1
    assert finance.last_updated == dt.date(2025, 4, 8)
    page = response.content.decode()
    assert f'<a href="/catalogue/items/05/">{finance.category.label}</a>' in page
    assert "2025年4月8日" in page
    absent = next(row for row in response.context["statutory"] if row.category.codes == ("01",))
    assert absent.item is None and absent.last_updated is None  # not in this catalogue: named, unlinked


def test_annual_reports_are_listed_newest_first(citizen, organisation, standard):
    for year in (2023, 2025, 2024):
        PolicyDocumentFactory(
            published=True,
            organisation=organisation,
            catalogue_item=standard["reports"],
            title=f"徐泾镇人民政府{year}年政府信息公开工作年度报告",
            published_at=at(dt.date(year + 1, 1, 20)),
        )

    response = citizen.get("/xxgk/")

    assert [entry.title[7:11] for entry in response.context["reports"]] == ["2025", "2024", "2023"]


def test_it_links_the_annual_reports_and_the_work_points_columns(citizen, standard):
    response = citizen.get("/xxgk/")

    assert response.context["reports_url"] == column.ANNUAL_REPORTS_PATH == "/reports/annual/"
    assert response.context["work_points_url"] == column.WORK_POINTS_PATH == "/workpoints/"
    assert citizen.get(response.context["reports_url"]).status_code == 200
    assert citizen.get(response.context["work_points_url"]).status_code == 200


def test_the_header_and_footer_link_the_column(citizen, standard):
    page = citizen.get("/").content.decode()

    assert page.count('href="/xxgk/"') == 2


def test_it_runs_a_fixed_number_of_queries(citizen, organisation, standard, django_assert_max_num_queries):
    for _ in range(30):
        PolicyDocumentFactory(published=True, organisation=organisation, catalogue_item=standard["rules"])
    with django_assert_max_num_queries(15):
        assert citizen.get("/xxgk/").status_code == 200
