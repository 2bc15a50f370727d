"""Every write of the annual report: generating the draft, saving staff edits, publishing
(the head's sign-off), and keeping each reporting organ's January 31 deadline."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

import workdays
from deadlines import services as deadline_services
from organisations.access import Denial
from organisations.models import Organisation

from . import figures, permissions, tables
from .models import AnnualReport, ReportingOrgan

logger = logging.getLogger(__name__)

DEADLINE_KIND = "annual_report"
LEGAL_BASIS = "《中华人民共和国政府信息公开条例》第四十九条：每年1月31日前公布本行政机关的政府信息公开工作年度报告"
REMIND_FROM_DAY = 10  # January 10


class ReportRefused(Exception):
    """A refused step, with the Chinese reason and its HTTP status (403 or 409)."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.message)
        self.denial = denial

    @property
    def status(self) -> int:
        return self.denial.status


def _refuse_unless_allowed(user, action: str, report=None, *, organisation=None) -> None:
    refused = permissions.check(user, action, report, organisation=organisation)
    if refused is not None:
        raise ReportRefused(refused)


def reporting_organs(year: int) -> list[Organisation]:
    """The organs that publish a report for ``year``: the town government and the offices
    that report on their own."""
    town = list(Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT).order_by("order", "id")[:1])
    separate = [r.organisation for r in ReportingOrgan.objects.filter(since_year__lte=year).select_related()]
    return town + separate


# --- The draft -----------------------------------------------------------------------------------


def compute_figures(*, organisation: Organisation, year: int) -> dict:
    scope = figures.coverage(organisation, year)
    applications = figures.application_table(scope, year)
    rows = [row.as_json() for row in applications.rows]
    return {
        "normative": figures.normative_documents(scope, year),
        "applications": rows,
        "reviews": [row.as_json() for row in figures.review_table(scope, year)],
        "checks": figures.cross_check(rows),
        "outcomes_add_up": figures.outcome_sum_check(rows),
        "unrecorded": applications.unrecorded,
        "activity": figures.activity_summary(scope, year),
    }


def draft_overview(report: AnnualReport) -> str:
    a = report.figures.get("activity", {})
    normative = report.figures.get("normative", {})
    cells = {row["label"]: row["cells"] for row in report.figures.get("applications", [])}
    new = cells.get("一、本年新收政府信息公开申请数量", {}).get("总计", 0)
    ended = cells.get("（七）总计", {}).get("总计", 0)
    return (
        f"{report.year}年，{report.organisation.name}深入贯彻落实《中华人民共和国政府信息公开条例》，"
        "围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障等方面开展工作。\n"
        f"（一）主动公开。全年通过政务公开门户主动公开政府信息{a.get('documents', 0)}条，"
        f"其中行政规范性文件{a.get('normative', 0)}件；本年制发行政规范性文件{normative.get('本年制发件数', 0)}件，"
        f"截至12月31日现行有效{normative.get('现行有效件数', 0)}件。发布政策解读{a.get('interpretations', 0)}篇。\n"
        f"（二）依申请公开。本年新收政府信息公开申请{new}件，办结{ended}件（含上年结转）。\n"
        f"（三）政民互动。收到群众留言{a.get('messages_received', 0)}件，答复{a.get('messages_answered', 0)}件；"
        f"{a.get('comment_windows', 0)}项重大行政决策草案公开征求意见。\n"
        "（四）政府信息管理、平台建设与监督保障。（请工作人员补充。）"
    )


def draft_problems(report: AnnualReport) -> str:
    return f"{report.year}年存在的主要问题：（请工作人员填写。）\n{report.year + 1}年改进措施：（请工作人员填写。）"


def draft_other_matters(report: AnnualReport) -> str:
    a = report.figures.get("activity", {})
    fees = (
        f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{a['fees_count']}件，共计{a['fees_yuan']}元。"
        if a.get("fees_count")
        else "本年度未收取政府信息公开信息处理费。"
    )
    return f"{fees}\n（其他需要报告的事项，请工作人员补充。）"


@transaction.atomic
def report_generate(*, year: int, organisation: Organisation, user: AbstractBaseUser | None) -> AnnualReport:
    """Create the year's draft for the organ, or regenerate the tables of an existing draft.
    Text parts are drafted from the figures only where they are still empty, so what staff
    wrote is kept. ``user`` None: the system (the January task)."""
    report = AnnualReport.objects.select_for_update().filter(year=year, organisation=organisation).first()
    if user is not None:
        if report is None:
            _refuse_unless_allowed(user, permissions.GENERATE, organisation=organisation)
        else:
            _refuse_unless_allowed(user, permissions.EDIT, report)
    elif report is not None:  # the task: a draft staff may be working on is left alone
        _start_deadline(report)
        return report
    if report is None:
        report = AnnualReport(year=year, organisation=organisation)
    if year >= timezone.localdate().year + 1:
        raise ReportRefused(Denial(f"{year}年度尚未开始，不能生成年度报告。", forbidden=False, code="year"))
    report.figures = compute_figures(organisation=organisation, year=year)
    report.generated_at = timezone.now()
    report.overview = report.overview or draft_overview(report)
    report.problems = report.problems or draft_problems(report)
    report.other_matters = report.other_matters or draft_other_matters(report)
    if user is not None:
        report.drafted_by = user
    report.full_clean()
    report.save()
    _start_deadline(report)
    return report


@transaction.atomic
def report_save(*, report: AnnualReport, user: AbstractBaseUser) -> AnnualReport:
    """Store staff edits of the text parts and the staff-entered figures (the admin form)."""
    stored = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_unless_allowed(user, permissions.EDIT, stored)
    report.drafted_by = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_publish(*, report: AnnualReport, user: AbstractBaseUser, at: dt.datetime | None = None) -> AnnualReport:
    """The head signs the report off and it goes online (its tables frozen as generated).
    Refused while the cross-check fails or a staff-entered figure is blank."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_unless_allowed(user, permissions.PUBLISH, report)
    if not report.generated_at:
        raise ReportRefused(Denial("请先生成年度报告的统计表格。", forbidden=False, code="figures"))
    if not tables.cross_check_holds(report):
        raise ReportRefused(
            Denial("第三部分表格校验未通过（一 + 二 ≠ 三 + 四），请核实申请记录后重新生成。", forbidden=False)
        )
    blank = tables.blank_staff_figures(report)
    if blank:
        raise ReportRefused(
            Denial(f"以下数字尚未填写（可填0或选择“不适用”）：{'、'.join(blank)}。", forbidden=False, code="blank")
        )
    missing = [label for label, text in _text_parts(report) if not text.strip() or "（请工作人员" in text]
    if missing:
        raise ReportRefused(Denial(f"以下部分尚未写完：{'、'.join(missing)}。", forbidden=False, code="text"))
    at = at or timezone.now()
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = at
    report.published_by = user
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    deadline_services.deadline_meet(subject=report, kind=DEADLINE_KIND, on=timezone.localdate(at))
    return report


def _text_parts(report: AnnualReport) -> list[tuple[str, str]]:
    from . import format as fmt

    return [
        (fmt.PART_OVERVIEW, report.overview),
        (fmt.PART_PROBLEMS, report.problems),
        (fmt.PART_OTHER, report.other_matters),
    ]


# --- The January 31 deadline ------------------------------------------------------------------------


def _deadline_span(year: int, start: dt.date) -> tuple[int, int]:
    """Working days from ``start`` to January 31 of the next year, and the ``remind_before``
    that makes the first reminder fall on January 10 (or the first working day after it).
    Raises workdays.CalendarUnavailable without the calendar: working days are never guessed."""
    total = workdays.working_days_between(start, dt.date(year + 1, 1, 31))
    due = workdays.add_working_days(start, total)
    first = dt.date(year + 1, 1, REMIND_FROM_DAY)
    while not workdays.is_working_day(first) and first < due:
        first += dt.timedelta(days=1)
    return total, workdays.working_days_between(first, due) if first < due else 0


def _start_deadline(report: AnnualReport) -> str:
    """Start a draft's January 31 deadline (again is harmless); '' once it runs, else why it waits.
    The clock runs from January 1 whenever the draft is made, so the due date is the last
    working day on or before January 31, and a draft made later is simply late."""
    if report.is_published:
        return ""
    start = dt.date(report.year, 12, 31)
    try:
        with transaction.atomic():
            working_days, remind_before = _deadline_span(report.year, start)
            deadline_services.deadline_start(
                subject=report,
                kind=DEADLINE_KIND,
                purpose=f"公布{report.title}",
                legal_basis=LEGAL_BASIS,
                start=start,
                working_days=max(working_days, 1),
                organisation=report.organisation,
                remind_before=remind_before,
            )
    except workdays.CalendarUnavailable as exc:
        logger.warning("Annual report deadline for %s not started: %s", report, exc)
        return str(exc)
    return ""


def reports_ensure_due(*, today: dt.date | None = None) -> list[AnnualReport]:
    """From January 1: the previous year's draft for every reporting organ, with its January 31
    deadline running (the daily task; safe to run any number of times)."""
    today = today or timezone.localdate()
    if today.month != 1:
        return []
    year = today.year - 1
    return [report_generate(year=year, organisation=organ, user=None) for organ in reporting_organs(year)]
