"""The public statistics page at /applications/statistics/: the figures of a year in tables,
the year chosen safely, a fixed number of queries, and no applicant's data."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from applications.models import Outcome
from applications.tests.conftest import APPLICANT
from applications.tests.statistics_sample import ORGANISATION_NAMES, at

pytestmark = pytest.mark.django_db

URL = "/applications/statistics/"


def _table(page: str, table_id: str) -> str:
    return page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def test_it_shows_the_latest_year_with_its_figures(citizen, sample):
    response = citizen.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "2026年政府信息公开申请办理情况" in page
    assert re.search(r'id="figure-received">8<', page)
    assert re.search(r'id="figure-answered">6<', page)
    assert re.search(r'id="figure-share">83\.3%<', page)
    assert re.search(r'id="figure-median">12\.0<', page)


def test_the_outcome_table_has_the_annual_reports_rows_and_columns(citizen, sample):
    table = _table(citizen.get(URL).content.decode(), "outcomes")

    assert "<caption" in table
    for column in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"):
        assert f'<th scope="col">{column}</th>' in table
    for row in ("本年新收政府信息公开申请数量", "予以公开", "属于国家秘密", "本机关不掌握相关政府信息", "重复申请"):
        assert f'<th scope="row">{row}</th>' in table
    received = re.search(r"本年新收政府信息公开申请数量</th>((?:<td>\d+</td>)+)", table).group(1)
    assert re.findall(r"\d+", received) == ["3", "1", "1", "1", "1", "1", "8"]


def test_it_shows_reviews_by_result(citizen, sample):
    table = _table(citizen.get(URL).content.decode(), "reviews")

    assert '<th scope="col">维持</th>' in table and '<th scope="col">尚未审结</th>' in table
    row = re.search(r"行政复议</th>((?:<td>\d+</td>)+)", table).group(1)
    assert re.findall(r"\d+", row) == ["1", "0", "0", "0", "1"]


def test_a_year_is_chosen_from_the_years_with_applications(citizen, sample):
    page = citizen.get(URL, {"year": "2025"}).content.decode()

    assert "2025年政府信息公开申请办理情况" in page
    assert '<option value="2025" selected>' in page
    assert '<option value="2026">' in page
    assert re.search(r'id="figure-received">1<', page)


@pytest.mark.parametrize("value", ["abc", "二〇二五", "-1", "9" * 4301, "2025\x00", "２０２５", "20255", "%s"])
def test_a_bad_year_gets_a_chinese_notice_and_the_latest_year(citizen, sample, value):
    response = citizen.get(URL, {"year": value})

    page = response.content.decode()
    assert response.status_code == 200
    assert "无效" in page and "已显示2026年的统计" in page
    assert "2026年政府信息公开申请办理情况" in page
    assert "\x00" not in page


def test_a_year_without_applications_says_so_and_shows_the_latest(citizen, sample):
    page = citizen.get(URL, {"year": "2019"}).content.decode()

    assert "2019年没有收到政府信息公开申请的记录，已显示2026年的统计。" in page


def test_without_any_application_the_page_says_there_is_none_yet(citizen):
    response = citizen.get(URL)

    assert response.status_code == 200
    assert "尚无政府信息公开申请的记录" in response.content.decode()


def test_no_applicants_data_is_on_the_page(citizen, sample):
    for year in ("2026", "2025"):
        page = citizen.get(URL, {"year": year}).content.decode()

        for private in (
            APPLICANT["applicant_name"],
            APPLICANT["phone"],
            APPLICANT["id_number"],
            APPLICANT["email"],
            APPLICANT["postal_address"],
            "91310118MA1JL0000X",
            *ORGANISATION_NAMES,
        ):
            assert private not in page
        assert sample["disclosed"].number not in page  # not even a registration number


def test_it_answers_only_safe_methods(citizen):
    assert citizen.post(URL).status_code == 405
    assert citizen.head(URL).status_code == 200


# The years, the grouped counts, the reply dates, the reviews, and two calendar queries for
# each of 2025 and 2026.
def test_the_number_of_queries_does_not_grow_with_the_applications(
    citizen, sample, new_application, organisation, answer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        citizen.get(URL)
    for day in (3, 4, 5):
        answer(new_application(organisation=organisation).application, Outcome.DISCLOSED, dt.date(2026, 3, day))
        new_application(organisation=organisation, submitted_at=at(dt.date(2025, 12, day + 20)))

    with django_assert_max_num_queries(8):
        citizen.get(URL)


def test_the_guide_links_to_the_statistics(citizen):
    page = citizen.get("/applications/").content.decode()

    assert 'href="/applications/statistics/"' in page


def test_the_sitemap_lists_the_guide_the_form_and_the_statistics(citizen):
    sitemap = citizen.get("/sitemap-applications.xml").content.decode()

    for path in ("/applications/", "/applications/new/", "/applications/statistics/"):
        assert f"<loc>http://testserver{path}</loc>" in sitemap
