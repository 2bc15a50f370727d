"""The report's tables as the format lays them out, and its machine-readable copy.

Every table is a list of rows ``{"label": ..., "cells": {column label: value}}`` (with
``group``, ``section`` or ``source`` where the format gives a row one). A value is a number
(0 is a zero), ``null`` (blank: not yet entered) or ``"不适用"``. Tables 3 and 4 and the
normative-document figures of table 2 come from the figures stored when the draft was
generated (frozen at publication); the other rows of table 2 are the figures staff entered.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from . import format as fmt
from .models import STAFF_FIGURES, AnnualReport

_SECTIONS = {
    "licensing": fmt.SECTION_LICENSING,
    "penalty": fmt.SECTION_PENALTIES,
    "enforcement": fmt.SECTION_PENALTIES,
    "fee": fmt.SECTION_FEES,
}


def proactive_rows(report: AnnualReport) -> list[dict]:
    rules = fmt.RULES_FOR_A_TOWN if report.is_town_government else fmt.NOT_APPLICABLE
    normative = report.figures.get("normative") or dict.fromkeys(fmt.DOCUMENT_COLUMNS)
    rows = [
        fmt.Row(fmt.RULES, dict.fromkeys(fmt.DOCUMENT_COLUMNS, rules), section=fmt.SECTION_RULES),
        fmt.Row(fmt.NORMATIVE, {c: normative.get(c) for c in fmt.DOCUMENT_COLUMNS}, section=fmt.SECTION_RULES),
    ]
    for name, label in STAFF_FIGURES:
        column = fmt.FEES_COLUMN if name == "fee" else fmt.DECISIONS_COLUMN
        value = report.staff_figure(name)
        if isinstance(value, Decimal):
            value = float(value)
        rows.append(fmt.Row(label, {column: value}, section=_SECTIONS[name], source=getattr(report, f"{name}_source")))
    return [row.as_json() for row in rows]


def _in_order(rows: list[dict], columns: tuple[str, ...]) -> list[dict]:
    """Stored rows with their cells in the format's column order (PostgreSQL's jsonb keeps
    no key order), and their keys in one order."""
    ordered = []
    for row in rows:
        cells = row["cells"]
        again = {"label": row["label"], "cells": {c: cells[c] for c in columns if c in cells}}
        again.update({key: row[key] for key in ("group", "section", "source") if row.get(key)})
        ordered.append(again)
    return ordered


def application_rows(report: AnnualReport) -> list[dict]:
    return _in_order(report.figures.get("applications") or [], fmt.APPLICATION_COLUMNS)


def review_rows(report: AnnualReport) -> list[dict]:
    return _in_order(report.figures.get("reviews") or [], fmt.REVIEW_COLUMNS)


def checks(report: AnnualReport) -> list[dict]:
    keys = ("column", "left", "right", "holds")
    return [{key: check[key] for key in keys} for check in report.figures.get("checks") or []]


def cross_check_holds(report: AnnualReport) -> bool:
    found = checks(report)
    return bool(found) and all(check["holds"] for check in found) and not report.figures.get("unrecorded")


def blank_staff_figures(report: AnnualReport) -> list[str]:
    """The staff-entered rows still blank (neither a number nor 不适用)."""
    return [label for name, label in STAFF_FIGURES if report.staff_figure(name) is None]


def as_json(report: AnnualReport) -> dict:
    """The machine-readable copy of a published report (README: 年度报告)."""
    return {
        "title": report.title,
        "year": report.year,
        "organ": report.organisation.name,
        "format": "国办公开办函〔2021〕30号",
        "published_at": timezone.localtime(report.published_at).isoformat() if report.published_at else None,
        "figures_generated_at": timezone.localtime(report.generated_at).isoformat() if report.generated_at else None,
        "text": {
            fmt.PART_OVERVIEW: report.overview,
            fmt.PART_PROBLEMS: report.problems,
            fmt.PART_OTHER: report.other_matters,
        },
        "tables": {
            fmt.PART_PROACTIVE: proactive_rows(report),
            fmt.PART_APPLICATIONS: application_rows(report),
            fmt.PART_REVIEWS: review_rows(report),
        },
        "columns": {
            fmt.PART_APPLICATIONS: list(fmt.APPLICATION_COLUMNS),
            fmt.PART_REVIEWS: list(fmt.REVIEW_COLUMNS),
        },
        "checks": [{"rule": fmt.CROSS_CHECK, **check} for check in checks(report)],
    }
