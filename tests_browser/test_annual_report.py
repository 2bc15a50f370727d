"""Staff finish the 2025 annual report and the head publishes it; a citizen opens it, reads
its tables and downloads the PDF."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.format import APPLICATION_COLUMNS
from reports.models import AnnualReport

from .test_staff_workflow import log_in

pytestmark = pytest.mark.browser

TITLE = "徐泾镇人民政府2025年政府信息公开工作年度报告"
OVERVIEW = "2025年，徐泾镇人民政府认真贯彻《中华人民共和国政府信息公开条例》（浏览器测试改写）。"


@pytest.fixture
def reports_site(demo_site) -> str:
    for command in ["load_demo_applications", "load_demo_reports"]:
        call_command(command, stdout=io.StringIO())
    return demo_site


def test_staff_edit_the_head_publishes_and_a_citizen_reads_the_report(reports_site, new_page, screenshot):
    report = AnnualReport.objects.get(year=2025)
    change = f"{reports_site}/admin/reports/annualreport/{report.pk}/change/"

    drafter = new_page()
    log_in(drafter, reports_site, "drafter")
    drafter.goto(change)
    expect(drafter.locator("#cross-check")).to_contain_text("通过")
    drafter.locator("#id_overview").fill(OVERVIEW)
    drafter.get_by_role("button", name="保存并继续编辑").click()
    expect(drafter.locator("#id_overview")).to_have_value(OVERVIEW)
    screenshot(drafter, "annual-report-admin")

    head = new_page()
    log_in(head, reports_site, "signer")
    head.goto(change)
    head.get_by_role("button", name="审签发布").click()
    expect(head.get_by_text(f"{TITLE}已审签发布")).to_be_visible()

    citizen = new_page()
    citizen.goto(reports_site + "/")
    citizen.get_by_role("contentinfo").get_by_role("link", name="政府信息公开工作年度报告").click()
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.get_by_text(OVERVIEW)).to_be_visible()
    table = citizen.get_by_role("table", name="三、收到和处理政府信息公开申请情况")
    # The carried-over row shows, cell by cell, the figures the report was published with.
    published = AnnualReport.objects.get(year=2025)
    carried = next(r for r in published.figures["applications"] if r["label"] == "四、结转下年度继续办理")
    assert carried["cells"]["总计"] >= 1  # the demo's December application answered in January
    cells = table.get_by_role("row", name=re.compile("四、结转下年度继续办理")).get_by_role("cell")
    expect(cells).to_have_text([str(carried["cells"][column]) for column in APPLICATION_COLUMNS])
    screenshot(citizen, "annual-report-public")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载 PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
