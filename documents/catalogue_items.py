"""What a page of the standard disclosure catalogue says about its item: what the item
holds, on which legal basis it is published, and when it was last updated (最近更新),
so a citizen (and an inspector) sees whether a column is alive.

The description and legal basis are the standard's own words for each item, keyed by
its code (the codes of documents/demo/reference.json, the town's standard catalogue);
an item staff add under another code has neither and shows only its update date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.utils import timezone

from . import catalogue
from .models import CatalogueItem

REGULATIONS = "《中华人民共和国政府信息公开条例》"
WORK_POINTS = "《徐泾镇2023年政务公开工作要点》（徐府发〔2023〕32号）"


@dataclass(frozen=True)
class ItemStandard:
    description: str
    legal_basis: str


STANDARD: dict[str, ItemStandard] = {
    "01": ItemStandard(
        "镇人民政府的职能、机构设置、办公地址、办公时间、联系方式和负责人姓名。", f"{REGULATIONS}第二十条第（二）项"
    ),
    "0101": ItemStandard("镇域概况、镇人民政府的主要职能、办公地址和办公时间。", f"{REGULATIONS}第二十条第（二）项"),
    "0102": ItemStandard("镇人民政府领导的姓名、职务和工作分工。", f"{REGULATIONS}第二十条第（二）项"),
    "0103": ItemStandard("内设机构和所属事业单位的名称及主要职责。", f"{REGULATIONS}第二十条第（二）项"),
    "02": ItemStandard("镇人民政府及其部门、村居委发布的政策文件。", f"{REGULATIONS}第二十条第（一）项"),
    "0201": ItemStandard(
        "行政规范性文件，标明有效性和有效期；现行有效的另见“现行有效行政规范性文件”清单。",
        f"{REGULATIONS}第二十条第（一）项；{WORK_POINTS}第2项",
    ),
    "0202": ItemStandard("行政规范性文件以外的其他主动公开文件。", f"{REGULATIONS}第二十条第（一）项、第十九条"),
    "03": ItemStandard(
        "政策文件的解读：文字解读、图解、问答和办事指引，与文件同步公开。", f"{WORK_POINTS}第4项（“三同步”）"
    ),
    "04": ItemStandard(
        "重大行政决策的事项目录、征求意见、意见采纳情况和决策结果。",
        f"{REGULATIONS}第十九条；《重大行政决策程序暂行条例》；{WORK_POINTS}第9—13项",
    ),
    "0401": ItemStandard("年度重大行政决策事项目录，每年3月31日前公布。", f"{WORK_POINTS}第10项"),
    "0402": ItemStandard("公开征求意见的决策草案及其起草说明。", f"{REGULATIONS}第十九条；{WORK_POINTS}第11项"),
    "0403": ItemStandard("重大行政决策的决定和意见采纳情况反馈。", f"{WORK_POINTS}第11—12项"),
    "05": ItemStandard("镇级财政预算、决算和“三公”经费。", f"{REGULATIONS}第二十条第（七）项、第二十一条"),
    "0501": ItemStandard("镇级财政预算及其说明。", f"{REGULATIONS}第二十条第（七）项"),
    "0502": ItemStandard("镇级财政决算及其说明。", f"{REGULATIONS}第二十条第（七）项"),
    "0503": ItemStandard("因公出国（境）、公务用车购置及运行、公务接待费用。", f"{REGULATIONS}第二十条第（七）项"),
    "06": ItemStandard(
        "国民经济和社会发展规划、专项规划及相关政策，镇土地利用规划。", f"{REGULATIONS}第二十条第（三）项、第二十一条"
    ),
    "0601": ItemStandard("镇国民经济和社会发展规划。", f"{REGULATIONS}第二十条第（三）项"),
    "0602": ItemStandard("专项规划和镇土地利用总体规划。", f"{REGULATIONS}第二十条第（三）项、第二十一条"),
    "07": ItemStandard(
        "营商环境、养老、生态环境、住房保障、就业创业、安全生产等重点领域的政策、措施及实施情况。",
        f"{REGULATIONS}第二十条第（十一）项、第（十三）项",
    ),
    "0701": ItemStandard("优化营商环境的政策措施和企业服务。", f"{REGULATIONS}第十九条"),
    "0702": ItemStandard("养老服务的政策、措施及实施情况。", f"{REGULATIONS}第二十条第（十一）项"),
    "0703": ItemStandard("生态环境保护的监督检查情况。", f"{REGULATIONS}第二十条第（十三）项"),
    "0704": ItemStandard("住房保障和房屋征收信息。", f"{REGULATIONS}第二十条第（十一）项、第二十一条"),
    "0705": ItemStandard("促进就业创业的政策、措施及实施情况。", f"{REGULATIONS}第二十条第（十一）项"),
    "0706": ItemStandard("安全生产的监督检查情况。", f"{REGULATIONS}第二十条第（十三）项"),
    "08": ItemStandard(
        "村民委员会、居民委员会的村务、居务公开，以及农业农村政策落实、土地征收、社会救助等乡镇信息。",
        f"{REGULATIONS}第二十一条；《中华人民共和国村民委员会组织法》第三十条；{WORK_POINTS}第22项",
    ),
    "0801": ItemStandard("村民委员会的村务公开。", "《中华人民共和国村民委员会组织法》第三十条"),
    "0802": ItemStandard("居民委员会的居务公开。", f"{WORK_POINTS}第22项"),
    "09": ItemStandard("政务公开工作的要点、年度报告和制度。", f"{REGULATIONS}第四条、第四十九条"),
    "0901": ItemStandard("年度政务公开工作要点及其落实情况。", WORK_POINTS),
    "0902": ItemStandard(
        "政府信息公开工作年度报告，每年1月31日前公布上一年度的报告。", f"{REGULATIONS}第四十九条、第五十条"
    ),
    "0903": ItemStandard(
        "本机关的政府信息公开工作制度：公开审查、保密审查、依申请公开办理等。", f"{REGULATIONS}第四条、第十七条"
    ),
}


def standard_of(item: CatalogueItem) -> ItemStandard | None:
    return STANDARD.get(item.code)


def latest_updates(documents: QuerySet, today: dt.date | None = None) -> dict[int, dt.date]:
    """Catalogue item id → the day its newest public item was published (最近更新), counting
    its own documents and the registered kinds filed under it; items with nothing public are
    absent. A subtree's date is the newest of its nodes' (subtree_latest). One query for the
    documents and one per registered kind."""
    today = today or timezone.localdate()
    latest: dict[int, dt.date] = {}
    rows = (
        documents.order_by()
        .filter(catalogue_item__isnull=False, published_at__isnull=False)
        .values_list("catalogue_item_id")
        .annotate(newest=Max("published_at"))
        .values_list("catalogue_item_id", "newest")
    )
    for item_id, newest in rows:
        latest[item_id] = timezone.localdate(newest)
    items = {item.code: item.pk for item in CatalogueItem.objects.only("pk", "code")}
    for source in catalogue.sources():
        if source.code not in items:
            continue
        newest = source.items(today).order_by().aggregate(newest=Max(source.day()))["newest"]
        if newest is None:
            continue
        day = _as_date(newest)
        pk = items[source.code]
        latest[pk] = max(day, latest.get(pk, day))
    return latest


def subtree_latest(item_ids: list[int], latest: dict[int, dt.date]) -> dt.date | None:
    days = [latest[pk] for pk in item_ids if pk in latest]
    return max(days) if days else None


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, str):  # SQLite may answer an aggregate over a date expression as text
        return dt.date.fromisoformat(value[:10])
    return value
