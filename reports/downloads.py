"""The report as PDF (WeasyPrint, from the same tables as the page, in WenQuanYi Micro Hei)
and as DOCX (python-docx), both in the format's layout: the six parts in order, the three
tables with the format's rows and columns."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string

from . import format as fmt
from . import tables
from .models import AnnualReport
from .templatetags.report_cells import cell_text


def render_pdf(report: AnnualReport) -> bytes:
    import weasyprint  # loaded on demand: it pulls in Pango

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # its step-by-step INFO lines

    from .views import report_context

    html = render_to_string("reports/annual_pdf.html", report_context(report))
    return weasyprint.HTML(string=html).write_pdf()


def _paragraphs(document, text: str) -> None:
    from docx.shared import Pt

    for line in (text or "").splitlines():
        if line.strip():
            paragraph = document.add_paragraph(line.strip())
            paragraph.paragraph_format.first_line_indent = Pt(24)


def _table(document, header_rows: list[list[str]], body: list[list[str]], merges=()):
    """A grid table; ``merges`` are (row, first column, last row, last column) spans, as the
    format merges its header cells."""
    width = max(len(row) for row in header_rows + body)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in header_rows + body:
        cells = table.add_row().cells
        for index, text in enumerate(row):
            cells[index].text = text
    for top, left, bottom, right in merges:
        text = table.cell(top, left).text
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        merged.text = text
    return table


def render_docx(report: AnnualReport) -> bytes:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "WenQuanYi Micro Hei"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    document.add_heading(report.title, level=0)
    document.add_heading(fmt.PART_OVERVIEW, level=1)
    _paragraphs(document, report.overview)

    document.add_heading(fmt.PART_PROACTIVE, level=1)
    rows = tables.proactive_rows(report)
    for section in dict.fromkeys(row["section"] for row in rows):
        mine = [row for row in rows if row["section"] == section]
        columns = list(mine[0]["cells"])
        header = [[section, "", "", ""], ["信息内容", *columns]]
        body = [[row["label"], *map(cell_text, row["cells"].values())] for row in mine]
        merges = [(0, 0, 0, 3)] + ([(r, 1, r, 3) for r in range(1, len(mine) + 2)] if len(columns) == 1 else [])
        _table(document, header, body, merges=merges)
    for row in rows:
        if row.get("source"):
            document.add_paragraph(f"{row['label']}数据来源：{row['source']}")

    document.add_heading(fmt.PART_APPLICATIONS, level=1)
    columns = list(fmt.APPLICATION_COLUMNS)
    body, levels = [], []
    for row in tables.application_rows(report):
        levels.append(2 if row.get("group", "") not in ("", fmt.RESULTS) else 1 if row.get("group") else 0)
        body.append([row["label"], *(cell_text(row["cells"].get(c)) if row["cells"] else "" for c in columns)])
    header = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["", columns[0], fmt.ORGANISATIONS_GROUP, "", "", "", "", fmt.TOTAL],
        ["", "", *columns[1:6], ""],
    ]
    table = _table(
        document, header, body, merges=[(0, 0, 2, 0), (0, 1, 0, 7), (1, 1, 2, 1), (1, 2, 1, 6), (1, 7, 2, 7)]
    )
    for index, level in enumerate(levels):
        if level:
            table.cell(len(header) + index, 0).paragraphs[0].paragraph_format.left_indent = Pt(10 * level)
    checks = tables.checks(report)
    if checks:
        verdict = "通过" if tables.cross_check_holds(report) else "未通过"
        document.add_paragraph(f"勾稽关系校验（{fmt.CROSS_CHECK}）：{verdict}。")

    document.add_heading(fmt.PART_REVIEWS, level=1)
    reviews = tables.review_rows(report)
    review_columns = list(fmt.REVIEW_COLUMNS)
    _table(
        document,
        [
            [fmt.RECONSIDERATION, *[""] * 4, fmt.LITIGATION],
            ["", *[""] * 4, *(label for r in reviews[1:] for label in [r["label"], "", "", "", ""])],
            review_columns * len(reviews),
        ],
        [[cell_text(r["cells"].get(c)) for r in reviews for c in review_columns]],
        merges=[(0, 0, 1, 4), (0, 5, 0, 14), (1, 5, 1, 9), (1, 10, 1, 14)],
    )

    document.add_heading(fmt.PART_PROBLEMS, level=1)
    _paragraphs(document, report.problems)
    document.add_heading(fmt.PART_OTHER, level=1)
    _paragraphs(document, report.other_matters)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
