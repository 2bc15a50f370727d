"""The State Council's format of the annual report (政府信息公开工作年度报告格式,
国办公开办函〔2021〕30号): its parts, its tables' rows and columns, in its own words.

Every label here is the format's; the public page, the PDF, the DOCX and the JSON copy all
read them from this one place, so that anyone can check the figures against the format.

A cell holds a number (0 is a zero), ``None`` (blank: not filled in) or ``NOT_APPLICABLE``
(不适用: the item cannot occur for this organ). The three are never folded into each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from applications.models import OUTCOME_REASONS, ApplicantCategory, Outcome, OutcomeReason, Review

NOT_APPLICABLE = "不适用"

PART_OVERVIEW = "一、总体情况"
PART_PROACTIVE = "二、主动公开政府信息情况"
PART_APPLICATIONS = "三、收到和处理政府信息公开申请情况"
PART_REVIEWS = "四、政府信息公开行政复议、行政诉讼情况"
PART_PROBLEMS = "五、存在的主要问题及改进情况"
PART_OTHER = "六、其他需要报告的事项"
TEXT_PARTS = (PART_OVERVIEW, PART_PROBLEMS, PART_OTHER)

# --- Table 2 (主动公开) -----------------------------------------------------------------

SECTION_RULES = "第二十条第（一）项"
SECTION_LICENSING = "第二十条第（五）项"
SECTION_PENALTIES = "第二十条第（六）项"
SECTION_FEES = "第二十条第（八）项"

ISSUED = "本年制发件数"
REPEALED = "本年废止件数"
IN_FORCE = "现行有效件数"
DOCUMENT_COLUMNS = (ISSUED, REPEALED, IN_FORCE)
DECISIONS_COLUMN = "本年处理决定数量"
FEES_COLUMN = "本年收费金额（单位：万元）"

RULES = "规章"
NORMATIVE = "行政规范性文件"
LICENSING = "行政许可"
PENALTIES = "行政处罚"
ENFORCEMENT = "行政强制"
FEES = "行政事业性收费"

# A town government has no power to make 规章 (《立法法》 Art. 93: only the governments of
# provinces and of cities with districts do): its row reads 不适用, not 0.
RULES_FOR_A_TOWN = NOT_APPLICABLE

# --- Table 3 (依申请) -------------------------------------------------------------------

NATURAL_PERSON = "自然人"
ORGANISATIONS_GROUP = "法人或其他组织"
TOTAL = "总计"
CATEGORY_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (value, str(label)) for value, label in ApplicantCategory.choices
)  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
APPLICATION_COLUMNS: tuple[str, ...] = (*(label for _, label in CATEGORY_COLUMNS), TOTAL)

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
RESULTS_TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"

# The result rows as the format words them (it numbers the sub-rows within each outcome).
OUTCOME_HEADINGS: dict[str, str] = {
    Outcome.DISCLOSED: "（一）予以公开",
    Outcome.PARTLY_DISCLOSED: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Outcome.WITHHELD: "（三）不予公开",
    Outcome.UNAVAILABLE: "（四）无法提供",
    Outcome.NOT_PROCESSED: "（五）不予处理",
    Outcome.OTHER: "（六）其他处理",
}
R = OutcomeReason
REASON_LABELS: dict[str, str] = {
    R.STATE_SECRET: "属于国家秘密",
    R.PROHIBITED_BY_LAW: "其他法律行政法规禁止公开",
    R.THREE_SAFETIES: "危及“三安全一稳定”",
    R.THIRD_PARTY_RIGHTS: "保护第三方合法权益",
    R.INTERNAL_AFFAIRS: "属于三类内部事务信息",
    R.PROCESS_INFORMATION: "属于四类过程性信息",
    R.ENFORCEMENT_FILE: "属于行政执法案卷",
    R.ADMINISTRATIVE_QUERY: "属于行政查询事项",
    R.NOT_HELD: "本机关不掌握相关政府信息",
    R.NEEDS_CREATION: "没有现成信息需要另行制作",
    R.STILL_UNCLEAR: "补正后申请内容仍不明确",
    R.PETITION: "信访举报投诉类申请",
    R.REPEATED: "重复申请",
    R.PUBLICATION: "要求提供公开出版物",
    R.EXCESSIVE: "无正当理由大量反复申请",
    R.CONFIRMATION: "要求行政机关确认或重新出具已获取信息",
    R.NO_CORRECTION: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    R.FEE_UNPAID: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    R.OTHER: "其他",
}
del R


def reason_label(outcome: str, reason: str) -> str:
    """A sub-row's label with the format's number: "1.属于国家秘密"."""
    return f"{OUTCOME_REASONS[outcome].index(reason) + 1}.{REASON_LABELS[reason]}"


# --- Table 4 (复议、诉讼) ------------------------------------------------------------------

RECONSIDERATION = "行政复议"
LITIGATION = "行政诉讼"
REVIEW_ROWS: tuple[tuple[str, str, str], ...] = (
    # (Review.Kind, the row's label, the group it sits under in the format)
    (Review.Kind.RECONSIDERATION, "行政复议", ""),
    (Review.Kind.LAWSUIT, "未经复议直接起诉", LITIGATION),
    (Review.Kind.LAWSUIT_AFTER_RECONSIDERATION, "复议后起诉", LITIGATION),
)
REVIEW_RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    (Review.Result.UPHELD, "结果维持"),
    (Review.Result.CORRECTED, "结果纠正"),
    (Review.Result.OTHER, "其他结果"),
    (Review.Result.PENDING, "尚未审结"),
)
REVIEW_COLUMNS: tuple[str, ...] = (*(label for _, label in REVIEW_RESULT_COLUMNS), TOTAL)

CROSS_CHECK = "一 + 二 = 三 + 四"


@dataclass(frozen=True)
class Row:
    """One row of a table: the format's label, its cells by column label, and where it sits.

    ``level`` 0 is a main row (一、…), 1 an outcome (（一）…), 2 a numbered sub-row;
    ``group`` names the row a sub-row belongs to (its outcome, or 行政诉讼)."""

    label: str
    cells: dict[str, int | str | None]
    level: int = 0
    group: str = ""
    section: str = ""
    source: str = ""

    def as_json(self) -> dict:
        data: dict = {"label": self.label, "cells": dict(self.cells)}
        for key in ("group", "section", "source"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data
