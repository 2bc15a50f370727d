"""The rules of the compliance self-check (what the inspections check, issue 15).

Each rule is one small function over live data: given the day it checks, it returns
its findings, the objects that break it, each with a link to fix it in the admin.
A rule with no findings is green; otherwise its line is the worst level among its
findings (compliance.models.worst): red for what the website inspections treat as
a breach or a single-item veto (单项否决), amber for what is late but done, or about
to fall due. Every rule works on an empty database, and a rule counted in working
days uses the working-day calendar (workdays); a date the calendar does not cover is
skipped, never guessed.

Findings name objects by their numbers and titles of published things only: a
message is its tracking number, an application its registration number, never the
asker's or applicant's name or contact.

The runner is compliance.services.compliance_run; RULES is the list it runs, in the
dashboard's order.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

import workdays
from applications import clock as application_clock
from applications import deadline_rules as application_deadlines
from applications.models import Application
from consultations.models import Message
from deadlines.models import Deadline
from decisions.models import Catalogue, Decision, RepresentativeMeeting
from documents import deadline_rules as document_deadlines
from documents.models import (
    CatalogueItem,
    DisclosureAttribute,
    DocumentTransition,
    DocumentType,
    PolicyDocument,
)
from documents.selectors import catalogue_tree
from documents.validity import Validity
from interpretations.selectors import compliance_gaps
from organisations.models import Organisation
from reports.models import AnnualReport

from .models import Level

HOME_STALE_DAYS = 14  # the home page's latest policies: updated within 2 weeks
COLUMN_STALE_MONTHS = 6  # a 政策文件 or 通知公告 column: something new within 6 months
COLUMN_ROOTS = ("政策文件", "通知公告")  # catalogue items whose columns are watched
UNANSWERED_VETO_MONTHS = 3  # a message unanswered this long is a single-item veto
EXPIRY_REVIEW_MONTHS = 6  # a normative document expiring this soon needs a review
LOOK_BACK_DAYS = 365  # late-but-done findings are shown for the last 12 months
ANNUAL_REPORT = "年度报告"


@dataclass(frozen=True)
class Finding:
    """One object that breaks a rule: what it is, why, and where to fix it."""

    label: str
    url: str
    detail: str = ""
    level: str = Level.RED.value

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    basis: str  # where the requirement comes from, as staff know it
    check: Callable[[dt.date], list[Finding]]


# --- dates ---------------------------------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def _ymd(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else "—"


def _admin(name: str, *args, query: str = "") -> str:
    url = reverse(f"admin:{name}", args=args)
    return f"{url}?{query}" if query else url


def _document_change(document: PolicyDocument) -> str:
    return _admin("documents_policydocument_change", document.pk)


def _deadline_subjects(model, kind: str, deadlines) -> dict[int, Deadline]:
    content_type = ContentType.objects.get_for_model(model)
    return {d.object_id: d for d in deadlines.filter(content_type=content_type, kind=kind).order_by("id")}


# --- the message board ---------------------------------------------------------------


def _message_finding(message: Message, detail: str, level: str) -> Finding:
    # The tracking number and the organisation only: the title is the asker's own words.
    organisation = message.organisation.name if message.organisation_id else "未分派"
    return Finding(
        label=f"留言 {message.tracking_number}",
        url=_admin("consultations_message_change", message.pk),
        detail=f"{message.get_channel_display()} · {organisation} · {_ymd(message.received_on)}收到；{detail}",
        level=level,
    )


def messages_overdue(today: dt.date) -> list[Finding]:
    """Open messages past their answer deadline (the channel's limit in working days)."""
    messages = Message.objects.overdue(today).with_deadline(today).select_related("organisation")
    return [
        _message_finding(m, f"应于{_ymd(m.answer_due)}前答复，已逾期", Level.AMBER)
        for m in messages.order_by("received_on", "pk")
    ]


def messages_unanswered_three_months(today: dt.date) -> list[Finding]:
    """Any message still unanswered 3 months after it arrived: a single-item veto."""
    limit = months_before(today, UNANSWERED_VETO_MONTHS)
    messages = Message.objects.open().filter(received_on__lte=limit).select_related("organisation")
    return [
        _message_finding(m, f"超过{UNANSWERED_VETO_MONTHS}个月未答复", Level.RED)
        for m in messages.order_by("received_on", "pk")
    ]


# --- the home page and the columns ---------------------------------------------------


def home_latest_stale(today: dt.date) -> list[Finding]:
    """The home page's latest policies (the newest public documents) updated within 2 weeks."""
    latest = PolicyDocument.objects.public().order_by("-published_at", "-id").first()
    if latest is None:
        return [Finding("首页“最新政策”尚无公开文件", _admin("documents_policydocument_add"), "请发布文件")]
    published_on = _day(latest.published_at)
    age = (today - published_on).days
    if age <= HOME_STALE_DAYS:
        return []
    return [
        Finding(
            f"首页“最新政策”已{age}天未更新",
            _admin("documents_policydocument_add"),
            f"最近一次发布：{_ymd(published_on)}《{latest.title}》；应每{HOME_STALE_DAYS}天内有更新",
        )
    ]


def _columns() -> list[tuple[str, Q, str]]:
    """(name, which public documents are in it, where to add one) of every watched column:
    the children (or the item itself, when it has none) of the catalogue items named in
    COLUMN_ROOTS, and the document type 通知公告."""
    columns = []
    for root in CatalogueItem.objects.filter(name__in=COLUMN_ROOTS).order_by("code"):
        children = list(root.children.order_by("order", "code")) or [root]
        for item in children:
            inside = Q(catalogue_item=item) | Q(catalogue_item__parent=item)
            columns.append(
                (str(item), inside, _admin("documents_policydocument_add", query=f"catalogue_item={item.pk}"))
            )
    notice = DocumentType.NOTICE
    columns.append(
        (
            f"{notice.label}（文件类型）",
            Q(doc_type=notice),
            _admin("documents_policydocument_add", query=f"doc_type={notice.value}"),
        )
    )
    return columns


def columns_stale(today: dt.date) -> list[Finding]:
    """Any 政策文件 or 通知公告 column with nothing new for 6 months."""
    limit = months_before(today, COLUMN_STALE_MONTHS)
    findings = []
    public = PolicyDocument.objects.public()
    for name, inside, url in _columns():
        latest = public.filter(inside).order_by("-published_at").values_list("published_at", flat=True).first()
        latest_on = _day(latest)
        if latest_on is not None and latest_on >= limit:
            continue
        detail = f"最近更新：{_ymd(latest_on)}" if latest_on else "栏目内尚无公开内容"
        findings.append(Finding(f"栏目“{name}”超过{COLUMN_STALE_MONTHS}个月未更新", url, detail))
    return findings


# --- documents -----------------------------------------------------------------------


def documents_published_late(today: dt.date) -> list[Finding]:
    """Art. 26: a 主动公开 document published later than 20 working days after its 成文日期
    (those published in the last 12 months, amber), and any still unpublished past that
    limit (red, from the Art. 26 deadline documents/deadline_rules.py keeps)."""
    calendar_ = workdays.WorkingCalendar()
    findings = []
    since = timezone.now() - dt.timedelta(days=LOOK_BACK_DAYS)
    published = (
        PolicyDocument.objects.published()
        .filter(disclosure_attribute=DisclosureAttribute.PROACTIVE, published_at__gte=since)
        .order_by("published_at", "pk")
        .only("pk", "title", "doc_number", "written_date", "published_at")
    )
    limit = document_deadlines.WORKING_DAYS
    for document in published:
        published_on = _day(document.published_at)
        if (published_on - document.written_date).days <= limit:
            continue  # fewer calendar days than working days: on time whatever the calendar says
        try:
            due = calendar_.add_working_days(document.written_date, limit)
        except workdays.CalendarUnavailable:
            continue
        if published_on > due:
            late = calendar_.working_days_between(due, published_on)
            detail = f"成文日期{_ymd(document.written_date)}，应于{_ymd(due)}前公开，{_ymd(published_on)}发布，晚{late}个工作日"
            findings.append(Finding(str(document), _document_change(document), detail, Level.AMBER))
    overdue = _deadline_subjects(PolicyDocument, document_deadlines.KIND, Deadline.objects.overdue(today))
    for document in PolicyDocument.objects.filter(pk__in=overdue).order_by("written_date", "pk"):
        detail = f"成文日期{_ymd(document.written_date)}，应于{_ymd(overdue[document.pk].due_date)}前公开，尚未发布"
        findings.append(Finding(str(document), _document_change(document), detail, Level.RED))
    return findings


def normative_expired_still_valid(today: dt.date) -> list[Finding]:
    """Normative documents past their expiry date whose stored validity is still 有效."""
    documents = (
        PolicyDocument.objects.published()
        .normative()
        .filter(validity=Validity.VALID, expiry_date__lt=today)
        .order_by("expiry_date", "pk")
    )
    return [
        Finding(str(d), _document_change(d), f"有效期至{_ymd(d.expiry_date)}，仍标注为“有效”", Level.RED)
        for d in documents
    ]


def normative_expiring_unreviewed(today: dt.date) -> list[Finding]:
    """Normative documents expiring within 6 months with no review recorded. A review is
    recorded when a document replacing it exists (in any state: a draft successor is a
    review under way), or when it was edited after publication (its validity, expiry date
    or text) within the 6 months before its expiry."""
    documents = (
        PolicyDocument.objects.published()
        .normative()
        .expiring_between(today, months_after(today, EXPIRY_REVIEW_MONTHS))
        .exclude(replaced_by__isnull=False)
        .order_by("expiry_date", "pk")
    )
    findings = []
    for document in documents:
        window_start = months_before(document.expiry_date, EXPIRY_REVIEW_MONTHS)
        reviewed = DocumentTransition.objects.filter(
            document=document, action=DocumentTransition.Action.EDIT, at__date__gte=window_start
        ).exists()
        if not reviewed:
            detail = f"有效期至{_ymd(document.expiry_date)}，尚无评估或修订记录"
            findings.append(Finding(str(document), _document_change(document), detail, Level.AMBER))
    return findings


def interpretations_missing(today: dt.date) -> list[Finding]:
    """三同步: published policies that need an interpretation and have none (red), or got
    one only after they were published (amber, the last 12 months)."""
    since = today - dt.timedelta(days=LOOK_BACK_DAYS)
    findings = []
    for gap in compliance_gaps():
        document = gap.document
        if gap.missing:
            url = _admin("interpretations_interpretation_add", query=f"document={document.pk}")
            detail = f"{_ymd(_day(document.published_at))}发布，已{gap.gap_days}天无政策解读"
            findings.append(Finding(str(document), url, detail, Level.RED))
        elif _day(document.published_at) >= since:
            detail = f"解读晚于文件{gap.gap_days}天发布"
            findings.append(Finding(str(document), _document_change(document), detail, Level.AMBER))
    return findings


# --- major decisions -----------------------------------------------------------------


def decision_catalogue_late(today: dt.date) -> list[Finding]:
    """This year's decision catalogue published by March 31 (amber in March while it is not)."""
    due = dt.date(today.year, 3, 31)
    catalogue = Catalogue.objects.filter(year=today.year).first()
    published_on = _day(catalogue.published_at) if catalogue and catalogue.is_public else None
    url = _admin("decisions_catalogue_change", catalogue.pk) if catalogue else _admin("decisions_catalogue_add")
    label = f"{today.year}年度重大行政决策事项目录"
    if published_on is not None:
        if published_on <= due:
            return []
        return [Finding(label, url, f"{_ymd(published_on)}公布，晚于3月31日", Level.AMBER)]
    if today > due:
        return [Finding(label, url, "3月31日前未公布", Level.RED)]
    if today.month == 3:
        return [Finding(label, url, "尚未公布，须于3月31日前公布", Level.AMBER)]
    return []


def feedback_reports_late(today: dt.date) -> list[Finding]:
    """Feedback reports (意见采纳情况) not published by their due date, 10 working days after
    the decision (red), or published after it in the last 12 months (amber)."""
    findings = []
    for decision in Decision.objects.feedback_overdue(today).order_by("feedback_due_on", "pk"):
        url = _admin("decisions_decision_change", decision.pk)
        findings.append(Finding(decision.title, url, f"应于{_ymd(decision.feedback_due_on)}前公开反馈报告，尚未公开"))
    since = timezone.now() - dt.timedelta(days=LOOK_BACK_DAYS)
    published = (
        Decision.objects.filter(feedback_due_on__isnull=False, feedback_report__published_at__gte=since)
        .select_related("feedback_report")
        .order_by("feedback_due_on", "pk")
    )
    for decision in published:
        published_on = _day(decision.feedback_report.published_at)
        if published_on > decision.feedback_due_on:
            url = _admin("decisions_decision_change", decision.pk)
            detail = f"应于{_ymd(decision.feedback_due_on)}前公开，{_ymd(published_on)}公开"
            findings.append(Finding(decision.title, url, detail, Level.AMBER))
    return findings


def representative_meetings_missing(today: dt.date) -> list[Finding]:
    """At least one decision meeting with public representatives this year (amber while the
    year runs, red in December)."""
    held = RepresentativeMeeting.objects.filter(
        held_on__year=today.year, held_on__lte=today, representatives__isnull=False
    ).exists()
    if held:
        return []
    level = Level.RED if today.month == 12 else Level.AMBER
    url = _admin("decisions_representativemeeting_add")
    return [Finding(f"{today.year}年尚无公众代表列席的决策会议", url, "每年至少邀请公众代表列席一次", level)]


# --- disclosure on application -------------------------------------------------------


def _application_finding(application: Application, detail: str, level: str) -> Finding:
    organisation = application.organisation.name if application.organisation_id else "未分办"
    return Finding(
        label=f"申请 {application.number}",
        url=_admin("applications_application_change", application.pk),
        detail=f"{organisation} · {_ymd(application.received_on)}收到；{detail}",
        level=level,
    )


def applications_answered_late(today: dt.date) -> list[Finding]:
    """Applications answered after their legal reply date (replied_on > due_on, the last 12
    months, amber), and open ones whose reply deadline has passed (red)."""
    since = today - dt.timedelta(days=LOOK_BACK_DAYS)
    late = (
        Application.objects.answered_late()
        .filter(replied_on__gte=since)
        .select_related("organisation")
        .order_by("replied_on", "pk")
    )
    findings = [
        _application_finding(a, f"应于{_ymd(a.due_on)}前答复，{_ymd(a.replied_on)}答复", Level.AMBER) for a in late
    ]
    overdue = _deadline_subjects(Application, application_deadlines.REPLY_KIND, Deadline.objects.overdue(today))
    for application in Application.objects.open().filter(pk__in=overdue).select_related("organisation"):
        due = overdue[application.pk].due_date
        findings.append(_application_finding(application, f"应于{_ymd(due)}前答复，已逾期未答复", Level.RED))
    return findings


def correction_notices_late(today: dt.date) -> list[Finding]:
    """补正 notices sent more than 7 working days after the application was received
    (Art. 30; the notice's day is when its deadline was met), in the last 12 months."""
    since = today - dt.timedelta(days=LOOK_BACK_DAYS)
    notices = _deadline_subjects(
        Application,
        application_deadlines.CORRECTION_NOTICE_KIND,
        Deadline.objects.filter(state=Deadline.State.MET, closed_on__gte=since),
    )
    findings = []
    applications = Application.objects.filter(pk__in=notices, received_on__isnull=False).select_related("organisation")
    for application in applications.order_by("received_on", "pk"):
        sent_on = notices[application.pk].closed_on
        try:
            due = application_clock.correction_notice_due_on(application.received_on)
        except workdays.CalendarUnavailable:
            continue
        if sent_on > due:
            detail = f"补正告知应于{_ymd(due)}前发出，{_ymd(sent_on)}发出"
            findings.append(_application_finding(application, detail, Level.AMBER))
    return findings


# --- the annual report and the catalogue ---------------------------------------------


def _annual_report_filter() -> Q:
    """Documents that are an annual report: a document type, or a catalogue item, whose name
    says 年度报告 (a report published as a document, before or beside the reports app)."""
    types = [value for value, label in DocumentType.choices if ANNUAL_REPORT in label]
    return Q(doc_type__in=types) | Q(catalogue_item__name__contains=ANNUAL_REPORT)


def annual_report_missing(today: dt.date) -> list[Finding]:
    """Last year's 政府信息公开工作年度报告 published by January 31 (Art. 49): a published
    annual-report document whose title names the year (“2025年”). Amber in January while
    it is not, red after; amber when it came late."""
    year = today.year - 1
    due = dt.date(today.year, 1, 31)
    label = f"{year}年政府信息公开工作年度报告"
    # The town government's report published by the reports app, else one filed as a document.
    generated = (
        AnnualReport.objects.published()
        .filter(year=year, organisation__kind=Organisation.Kind.GOVERNMENT)
        .order_by("published_at")
        .first()
    )
    report = (
        PolicyDocument.objects.published()
        .filter(_annual_report_filter(), title__contains=f"{year}年")
        .order_by("published_at")
        .first()
    )
    published = [(generated.published_at, _admin("reports_annualreport_change", generated.pk))] if generated else []
    if report is not None:
        published.append((report.published_at, _document_change(report)))
    add_url = _admin("reports_annualreport_changelist")
    if published:
        published_at, url = min(published)
        published_on = _day(published_at)
        if published_on <= due:
            return []
        return [Finding(label, url, f"{_ymd(published_on)}发布，晚于1月31日", Level.AMBER)]
    if today > due:
        return [Finding(label, add_url, "1月31日前未发布", Level.RED)]
    return [Finding(label, add_url, "尚未发布，须于1月31日前发布", Level.AMBER)]


def catalogue_items_empty(today: dt.date) -> list[Finding]:
    """Items of the standard catalogue with nothing public under them (documents, or the
    other kinds registered in documents.catalogue: interpretations, decision catalogues …);
    the leaves only, since an empty branch is named by its empty leaves."""
    _, nodes = catalogue_tree(PolicyDocument.objects.public(), today)
    return [
        Finding(
            f"目录“{node.item}”（{node.item.code}）无内容",
            _admin("documents_policydocument_add", query=f"catalogue_item={node.item.pk}"),
            "标准目录中的事项尚无公开文件或信息",
            Level.AMBER,
        )
        for node in sorted(nodes.values(), key=lambda n: n.item.code)
        if not node.children and node.total == 0
    ]


RULES: list[Rule] = [
    Rule("messages_overdue", "留言超过答复时限未答复", "各渠道答复时限（工作日）", messages_overdue),
    Rule(
        "messages_three_months",
        "留言超过3个月未答复（单项否决）",
        "政府网站检查指标：互动回应",
        messages_unanswered_three_months,
    ),
    Rule("home_latest", "首页“最新政策”2周内有更新", "政府网站检查指标：首页更新", home_latest_stale),
    Rule("columns_stale", "政策文件、通知公告栏目6个月内有更新", "政府网站检查指标：栏目更新", columns_stale),
    Rule("published_late", "成文后20个工作日内公开", "《条例》第二十六条", documents_published_late),
    Rule("expired_valid", "过期规范性文件仍标注有效", "规范性文件有效期管理", normative_expired_still_valid),
    Rule(
        "expiring_unreviewed",
        "6个月内到期的规范性文件已评估",
        "规范性文件有效期管理",
        normative_expiring_unreviewed,
    ),
    Rule("interpretations", "需解读的政策同步解读（三同步）", "工作要点第4项", interpretations_missing),
    Rule("decision_catalogue", "3月31日前公布年度决策事项目录", "工作要点第10项", decision_catalogue_late),
    Rule("feedback_reports", "决策后10个工作日内公开意见采纳情况", "工作要点第11项", feedback_reports_late),
    Rule(
        "representatives",
        "本年度邀请公众代表列席决策会议",
        "工作要点第13项",
        representative_meetings_missing,
    ),
    Rule("applications_late", "依申请公开按期答复", "《条例》第三十三条", applications_answered_late),
    Rule("corrections_late", "收到申请后7个工作日内一次性告知补正", "《条例》第三十条", correction_notices_late),
    Rule("annual_report", "1月31日前公布上年度年度报告", "《条例》第四十九条", annual_report_missing),
    Rule("catalogue_empty", "标准目录事项均有内容", "工作要点第21项", catalogue_items_empty),
]

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
