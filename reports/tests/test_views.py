"""The public pages: the list, a report with real tables, its JSON, PDF and DOCX; only
published reports, and no applicant anywhere."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import docx
import pypdf
import pytest
from django.test import Client

from reports import services
from reports.models import AnnualReport

from .conftest import PRIVATE_NAME

pytestmark = pytest.mark.django_db

TABLE_3_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _make(year_2025, town, drafter, signer, *, publish=True) -> AnnualReport:
    report = services.report_generate(year=2025, organisation=town, user=drafter)
    report.licensing_count = 0
    report.penalty_count = 4321
    report.enforcement_not_applicable = True
    report.fee_amount = Decimal("1.25")
    report.licensing_source = "区政务服务平台统计"
    report.overview = "2025年，徐泾镇人民政府认真落实政务公开各项工作。"
    report.problems = "问题与改进。"
    report.other_matters = "本年度未收取信息处理费。"
    report = services.report_save(report=report, user=drafter)
    return services.report_publish(report=report, user=signer) if publish else report


@pytest.fixture
def published(year_2025, town, drafter, signer):
    return _make(year_2025, town, drafter, signer)


def test_the_list_shows_published_reports_newest_first(published, town, drafter, signer, citizen):
    older = AnnualReport.objects.create(
        year=2023, organisation=town, status=AnnualReport.Status.PUBLISHED, published_at=published.published_at
    )
    AnnualReport.objects.create(year=2024, organisation=town)  # a draft

    page = citizen.get("/reports/annual/").content.decode()

    assert page.index(published.title) < page.index(older.title)
    assert "2024年政府信息公开工作年度报告" not in page


def test_a_draft_is_not_online(year_2025, town, drafter, signer, citizen):
    _make(year_2025, town, drafter, signer, publish=False)

    for url in ["/reports/annual/2025/", "/reports/annual/2025.json", "/reports/annual/2025.pdf"]:
        assert citizen.get(url).status_code == 404


def test_the_page_has_the_tables_as_html_tables(published, citizen):
    page = citizen.get("/reports/annual/2025/").content.decode()

    assert page.count("<caption") == 3
    assert '<th scope="row">（七）总计</th>' in page
    assert '<th scope="col">法律服务机构</th>' in page
    assert "勾稽关系校验（一 + 二 = 三 + 四）：<strong>通过</strong>" in page


def test_zero_blank_and_not_applicable_read_differently(year_2025, town, drafter, signer, citizen):
    report = _make(year_2025, town, drafter, signer, publish=False)
    report.penalty_count = None
    services.report_save(report=report, user=drafter)
    rows = {row["label"]: row for row in services.tables.proactive_rows(report)}

    assert rows["行政许可"]["cells"] == {"本年处理决定数量": 0}
    assert rows["行政处罚"]["cells"] == {"本年处理决定数量": None}
    assert rows["行政强制"]["cells"] == {"本年处理决定数量": "不适用"}
    assert rows["规章"]["cells"] == {"本年制发件数": "不适用", "本年废止件数": "不适用", "现行有效件数": "不适用"}


def test_the_json_copy_uses_the_formats_own_labels(published, citizen):
    response = citizen.get("/reports/annual/2025.json")
    data = json.loads(response.content)

    assert response["Content-Type"].startswith("application/json")
    assert data["year"] == 2025 and data["organ"] == "徐泾镇人民政府"
    assert list(data["text"]) == ["一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    table_3 = data["tables"]["三、收到和处理政府信息公开申请情况"]
    assert [row["label"] for row in table_3] == TABLE_3_LABELS
    assert all(list(row["cells"]) in (COLUMNS, []) for row in table_3)
    new = table_3[0]
    assert new == {
        "label": "一、本年新收政府信息公开申请数量",
        "cells": dict(zip(COLUMNS, [3, 1, 1, 1, 1, 0, 7], strict=True)),
    }
    assert table_3[6]["group"] == "（三）不予公开"
    table_4 = data["tables"]["四、政府信息公开行政复议、行政诉讼情况"]
    assert [(row["label"], row.get("group", "")) for row in table_4] == [
        ("行政复议", ""),
        ("未经复议直接起诉", "行政诉讼"),
        ("复议后起诉", "行政诉讼"),
    ]
    assert list(table_4[0]["cells"]) == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    table_2 = {row["label"]: row for row in data["tables"]["二、主动公开政府信息情况"]}
    assert table_2["行政处罚"]["cells"] == {"本年处理决定数量": 4321}
    assert table_2["行政事业性收费"]["cells"] == {"本年收费金额（单位：万元）": 1.25}
    assert table_2["行政许可"]["source"] == "区政务服务平台统计"
    assert all(check["holds"] for check in data["checks"]) and len(data["checks"]) == 7


def test_an_organ_reporting_on_its_own_has_its_own_pages(year_2025, separate_office, drafter, signer, citizen):
    from factories import make_staff
    from organisations import roles

    writer = make_staff(roles.DRAFTER, separate_office, "writer-separate")
    head = make_staff(roles.SIGNER, separate_office, "head-separate")
    report = services.report_generate(year=2025, organisation=separate_office, user=writer)
    report.licensing_not_applicable = report.penalty_not_applicable = True
    report.enforcement_not_applicable = report.fee_not_applicable = True
    report.overview, report.problems, report.other_matters = "总体。", "问题。", "其他。"
    services.report_save(report=report, user=writer)
    services.report_publish(report=report, user=head)

    data = json.loads(citizen.get("/reports/annual/2025/separate.json").content)
    assert data["organ"] == "徐泾镇单独报告办公室"
    assert citizen.get("/reports/annual/2025/separate/").status_code == 200
    assert citizen.get("/reports/annual/2025/separate.docx").status_code == 200


def test_the_pdf_opens_and_holds_the_title_and_the_figures(published, citizen):
    response = citizen.get("/reports/annual/2025.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)

    assert response["Content-Type"] == "application/pdf"
    assert "徐泾镇人民政府2025年政府信息公开工作年度报告" in text
    assert "4321" in text
    assert "结转下年度继续办理" in text


def test_the_docx_holds_the_six_parts_and_the_tables(published, citizen):
    response = citizen.get("/reports/annual/2025.docx")
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}

    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert {"（七）总计", "四、结转下年度继续办理", "法律服务机构", "尚未审结", "4321", "不适用"} <= cells


def test_no_applicant_appears_on_any_public_copy(published):
    client = Client()
    for url in ["/reports/annual/", "/reports/annual/2025/", "/reports/annual/2025.json"]:
        body = client.get(url).content.decode()
        assert PRIVATE_NAME not in body and "13912345678" not in body
    pdf = client.get("/reports/annual/2025.pdf").content
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert PRIVATE_NAME not in text


def test_a_published_report_is_listed_under_the_catalogues_annual_reports(published, citizen):
    from documents.models import CatalogueItem

    parent = CatalogueItem.objects.create(code="09", name="政务公开工作")
    CatalogueItem.objects.create(code="0902", name="年度报告", parent=parent)

    page = citizen.get("/catalogue/items/0902/").content.decode()

    assert published.title in page and 'href="/reports/annual/2025/"' in page


def test_the_sitemap_lists_the_published_reports(published, citizen):
    sitemap = citizen.get("/sitemap-reports.xml").content.decode()

    assert "/reports/annual/</loc>" in sitemap and "/reports/annual/2025/</loc>" in sitemap
