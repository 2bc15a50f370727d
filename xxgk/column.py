"""The four sub-columns every government site carries under 政府信息公开, read from the
standard disclosure catalogue: 政府信息公开指南 (the applications app's guide),
政府信息公开制度 (the catalogue item named 制度), 法定主动公开内容 (the categories of
Art. 19-21 of the Regulations for a town, each on its catalogue items) and
政府信息公开年报 (the item named 年度报告, and the reports app's pages once installed).

Items are found by name (制度, 年度报告) or by the standard's codes, so a catalogue
staff renamed or left out shows its sub-column empty rather than failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import Resolver404, resolve

from documents import catalogue_items, selectors
from documents.catalogue import CatalogueEntry
from documents.models import CatalogueItem

RULES_NAME = "制度"
ANNUAL_REPORT_NAME = "年度报告"  # as compliance.rules finds the annual report
WORK_POINTS_CODE = "0901"
ANNUAL_REPORTS_PATH = "/reports/annual/"  # the reports app (issue 15), when installed
WORK_POINTS_PATH = "/workpoints/"  # the workpoints app, when installed
LISTED = 5


@dataclass(frozen=True)
class StatutoryCategory:
    """A category of information a town discloses proactively, and where it is filed."""

    label: str
    basis: str
    codes: tuple[str, ...]  # catalogue items holding it; the first is linked


STATUTORY: list[StatutoryCategory] = [
    StatutoryCategory("机构职能、机构设置、办公地址、联系方式、负责人", "第二十条第（二）项", ("01",)),
    StatutoryCategory("行政规范性文件", "第二十条第（一）项", ("0201",)),
    StatutoryCategory("其他政策文件", "第二十条第（一）项、第十九条", ("0202",)),
    StatutoryCategory("发展规划、专项规划及相关政策", "第二十条第（三）项", ("06",)),
    StatutoryCategory("财政预算、决算和“三公”经费", "第二十条第（七）项", ("05",)),
    StatutoryCategory("需要公众参与的重大行政决策", "第十九条", ("04",)),
    StatutoryCategory("养老、住房保障、促进就业等政策措施及实施情况", "第二十条第（十一）项", ("0702", "0704", "0705")),
    StatutoryCategory("生态环境、安全生产的监督检查情况", "第二十条第（十三）项", ("0706", "0703")),
    StatutoryCategory("农业农村政策落实、土地和房屋征收、社会救助等乡镇信息，村务居务公开", "第二十一条", ("08",)),
]


@dataclass(frozen=True)
class CategoryRow:
    category: StatutoryCategory
    item: CatalogueItem | None
    total: int
    last_updated: dt.date | None


def live_path(path: str) -> str | None:
    """`path` when this installation serves it (an app that lands later), else None."""
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def landing(documents: QuerySet, today: dt.date) -> dict:
    """Everything /xxgk/ shows: a fixed number of queries, whatever the catalogue's size."""
    _, nodes = selectors.catalogue_tree(documents, today)
    by_code = {node.item.code: node for node in nodes.values()}
    latest = catalogue_items.latest_updates(documents, today)
    rules = _named(nodes, RULES_NAME)
    reports = _named(nodes, ANNUAL_REPORT_NAME)
    work_points = by_code.get(WORK_POINTS_CODE)
    return {
        "rules_node": rules,
        "rules": _entries(rules, documents, today),
        "statutory": [_row(category, by_code, latest) for category in STATUTORY],
        "reports_node": reports,
        "reports": _entries(reports, documents, today),
        "reports_url": live_path(ANNUAL_REPORTS_PATH) or (reports.item.get_absolute_url() if reports else None),
        "work_points_url": live_path(WORK_POINTS_PATH)
        or (work_points.item.get_absolute_url() if work_points else None),
    }


def _named(nodes: dict[int, selectors.CatalogueNode], word: str) -> selectors.CatalogueNode | None:
    found = sorted((n for n in nodes.values() if word in n.item.name), key=lambda n: n.item.code)
    return found[0] if found else None


def _entries(node: selectors.CatalogueNode | None, documents: QuerySet, today: dt.date) -> list[CatalogueEntry]:
    """The node's newest public items (its subtree, newest first)."""
    if node is None or not node.total:
        return []
    return selectors.CatalogueListing(node, documents, today)[0:LISTED]


def _row(category: StatutoryCategory, by_code: dict, latest: dict[int, dt.date]) -> CategoryRow:
    nodes = [by_code[code] for code in category.codes if code in by_code]
    # a parent listed after its children counts once: the subtree of each distinct node
    subtree = {n.item.pk: n for node in nodes for n in node.subtree()}
    total = sum(n.own_count for n in subtree.values())
    return CategoryRow(
        category=category,
        item=nodes[0].item if nodes else None,
        total=total,
        last_updated=catalogue_items.subtree_latest(list(subtree), latest),
    )
