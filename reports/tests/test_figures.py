"""Table 3, table 4 and the normative documents of table 2 on a fixed data set, against
the answer counted by hand (conftest.year_2025)."""

from __future__ import annotations

import pytest

from reports import figures
from reports import format as fmt

pytestmark = pytest.mark.django_db

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _table(organisation, year=2025) -> dict[str, list[int]]:
    rows = figures.application_table(figures.coverage(organisation, year), year).rows
    return {row.label: [row.cells[c] for c in COLUMNS] if row.cells else [] for row in rows}


def test_table_3_of_the_town_government_is_the_hand_counted_answer(year_2025, town):
    table = _table(town)

    # Received in 2025 by the town, its offices and not yet dispatched: 5, 9, 11 (natural),
    # 4 (business), 7 (research), 9 (public interest), 6 (legal); not 10 (separate office), not 12 (2026).
    assert table["一、本年新收政府信息公开申请数量"] == [3, 1, 1, 1, 1, 0, 7]
    # 2 (answered January 2025) and 3 (still open); not 1, answered in 2024.
    assert table["二、上年结转政府信息公开申请数量"] == [1, 1, 0, 0, 0, 0, 2]
    assert table["（一）予以公开"] == [1, 0, 0, 0, 0, 0, 1]  # 2, not 8 (answered 2026)
    assert table["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == [0, 1, 0, 0, 0, 0, 1]
    assert table["1.属于国家秘密"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["1.本机关不掌握相关政府信息"] == [0, 0, 0, 1, 0, 0, 1]
    assert table["2.重复申请"] == [0, 0, 0, 0, 1, 0, 1]
    assert table["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] == [0, 0, 1, 0, 0, 0, 1]
    assert table["（七）总计"] == [2, 1, 1, 1, 1, 0, 6]
    # 3 (open since 2024), 8 (received December, answered January), 11 (not dispatched).
    assert table["四、结转下年度继续办理"] == [2, 1, 0, 0, 0, 0, 3]
    assert table["2.其他法律行政法规禁止公开"] == [0] * 7


def test_an_application_received_in_december_counts_as_new_then_as_carried_into_the_next_year(year_2025, town):
    assert _table(town, 2025)["四、结转下年度继续办理"][0] == 2
    table_2026 = _table(town, 2026)
    assert table_2026["二、上年结转政府信息公开申请数量"] == [2, 1, 0, 0, 0, 0, 3]  # the same three
    assert table_2026["（一）予以公开"][0] == 1  # 8, answered in January 2026


def test_an_application_counts_once_over_the_years(year_2025, town):
    answered = sum(_table(town, year)["（七）总计"][-1] for year in (2024, 2025, 2026))
    still_open = _table(town, 2026)["四、结转下年度继续办理"][-1]

    assert answered + still_open == 11  # every application of the town but the separate office's


def test_the_cross_check_holds_for_every_column(year_2025, town):
    rows = [row.as_json() for row in figures.application_table(figures.coverage(town, 2025), 2025).rows]
    checks = figures.cross_check(rows)

    assert [c["column"] for c in checks] == COLUMNS
    assert all(c["holds"] for c in checks)
    assert checks[-1] == {"column": "总计", "left": 9, "right": 9, "holds": True}
    assert figures.outcome_sum_check(rows)


def test_an_application_ended_without_an_outcome_breaks_the_cross_check_and_is_named(year_2025, town, organisation):
    import datetime as dt

    from applications.models import Status

    from .conftest import make_application

    odd = make_application(organisation, dt.date(2025, 2, 2), status=Status.CLOSED, closed_at=dt.date(2025, 2, 20))
    table = figures.application_table(figures.coverage(town, 2025), 2025)
    checks = figures.cross_check([row.as_json() for row in table.rows])

    assert table.unrecorded == [odd.number]
    assert not checks[0]["holds"]


def test_an_office_reporting_on_its_own_counts_only_its_own(year_2025, separate_office):
    table = _table(separate_office)

    assert table["一、本年新收政府信息公开申请数量"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["（一）予以公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["四、结转下年度继续办理"] == [0] * 7


def test_table_3_has_the_formats_rows_in_order(year_2025, town):
    labels = list(_table(town))

    assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果"]
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert labels.index("（三）不予公开") < labels.index("8.属于行政查询事项") < labels.index("（四）无法提供")
    assert (
        labels.index("（五）不予处理")
        < labels.index("5.要求行政机关确认或重新出具已获取信息")
        < labels.index("（六）其他处理")
    )
    assert labels[labels.index("（六）其他处理") + 3] == "3.其他"
    assert len(labels) == 3 + 2 + 1 + 8 + 1 + 3 + 1 + 5 + 1 + 3 + 2


def test_table_4_counts_the_years_reviews_by_their_result_at_year_end(year_2025, town):
    rows = {row.label: row.cells for row in figures.review_table(figures.coverage(town, 2025), 2025)}

    assert rows["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    # Corrected in February 2026: pending on December 31, 2025.
    assert rows["未经复议直接起诉"] == {"结果维持": 0, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 1}
    assert rows["复议后起诉"] == {"结果维持": 0, "结果纠正": 0, "其他结果": 1, "尚未审结": 0, "总计": 1}


def test_normative_documents_issued_repealed_and_in_force_on_31_december(normative_2025, town):
    found = figures.normative_documents(figures.coverage(town, 2025), 2025)

    # Issued: the 2025 one (the draft is not counted). Repealed: the 2022 one, replaced from
    # April 2025. In force on December 31: the 2025 one and the 2020 one (the 2021 one expired in June).
    assert found == {fmt.ISSUED: 1, fmt.REPEALED: 1, fmt.IN_FORCE: 2}


def test_the_2024_figures_had_the_repealed_document_in_force(normative_2025, town):
    found = figures.normative_documents(figures.coverage(town, 2024), 2024)

    assert found == {fmt.ISSUED: 0, fmt.REPEALED: 0, fmt.IN_FORCE: 3}
