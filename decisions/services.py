"""Writes of the decisions app: stage changes, comments, dispositions, the
feedback report and the catalogue. Keyword-only, atomic, `full_clean()` first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

import workdays
from deadlines import services as deadline_services
from notifications import outbox
from organisations import access
from privacy.citizen import mask_citizen_text
from xujing_portal import pagecache

from . import permissions, similarity
from .models import (
    FEEDBACK_REMIND_BEFORE,
    FEEDBACK_WORKING_DAYS,
    LEGAL_BASIS_CATALOGUE,
    LEGAL_BASIS_FEEDBACK,
    PRELIMINARY_MARK,
    STAGE_ORDER,
    Activity,
    Catalogue,
    Decision,
    DecisionMaterial,
    DraftArticle,
    FeedbackReport,
    Opinion,
    OpinionGroup,
    Representative,
    RepresentativeCall,
    RepresentativeMeeting,
    Stage,
    StageChange,
)
from .models import Disposition as D
from .search_sync import sync_decision

logger = logging.getLogger(__name__)

FEEDBACK_KIND = "feedback_report"
CATALOGUE_KIND = "decision_catalogue"
WIDELY_HELD_MIN = 2  # a group of at least this many near-identical opinions is "widely held"


class StageBlocked(Exception):
    """A stage change that the rules do not allow; the message is Chinese and says what to do."""


class ReportBlocked(Exception):
    """The feedback report cannot be drafted or published yet; the message says why."""


def _check(user: AbstractBaseUser, action: str, decision: Decision) -> None:
    """Refuse (PermissionDenied, a 403 in any view) unless decisions.permissions allows it."""
    refused = permissions.denial(user, action, decision)
    if refused is not None:
        raise PermissionDenied(refused.message)


def _date(day: dt.date) -> str:
    return f"{day:%Y年%-m月%-d日}"


# --- Stages -----------------------------------------------------------------------------------


def _stage_label(stage: str) -> str:
    return Stage(stage).label


def decision_check_advance(*, decision: Decision, to_stage: str, today: dt.date | None = None) -> None:
    """Raise StageBlocked unless `decision` may move to `to_stage` now."""
    today = today or timezone.localdate()
    current, target = STAGE_ORDER.index(decision.stage), STAGE_ORDER.index(to_stage)
    if target != current + 1:
        raise StageBlocked(
            f"不能从“{_stage_label(decision.stage)}”直接进入“{_stage_label(to_stage)}”："
            f"请先完成“{_stage_label(STAGE_ORDER[min(current + 1, len(STAGE_ORDER) - 1)])}”阶段。"
            if target > current
            else f"决策已处于“{_stage_label(decision.stage)}”阶段，不能退回到“{_stage_label(to_stage)}”。"
        )
    if to_stage == Stage.CONSULTATION:
        if not decision.draft_text.strip() or not decision.drafting_explanation.strip():
            raise StageBlocked("公开征求意见前，请先填写征求意见稿和起草说明。")
        if not (decision.comment_opens_on and decision.comment_closes_on):
            raise StageBlocked("公开征求意见前，请先设定征求意见的开始和截止日期。")
    if to_stage == Stage.REVIEW and decision.comment_closes_on and today <= decision.comment_closes_on:
        raise StageBlocked(f"征求意见期到 {decision.comment_closes_on:%Y年%-m月%-d日} 才结束，结束后才能进入论证评估。")
    if to_stage == Stage.DELIBERATION and decision.concerns_enterprises and not decision.has_enterprise_opinions():
        raise StageBlocked(
            "这是涉企决策：进入集体讨论前，必须先记录企业和行业协会、商会的意见"
            "（在“意见”中录入提出者类型为企业或行业协会的意见）。"
        )
    if to_stage == Stage.DECIDED:
        if not (decision.result_document_id and decision.issued_on):
            raise StageBlocked("作出决定前，请先关联决策结果文件并填写决策作出日期。")
        if not decision.result_document.is_public:
            raise StageBlocked("所选决策结果文件尚未公开发布：请先在政策文件库中发布该文件，或改选已发布的文件。")
    if to_stage == Stage.FEEDBACK:
        report = FeedbackReport.objects.filter(decision=decision, published_at__isnull=False).first()
        if report is None:
            raise StageBlocked("意见采纳情况反馈报告发布后，决策才进入“意见采纳反馈”阶段。")


@transaction.atomic
def decision_advance(
    *,
    decision: Decision,
    to_stage: str,
    user: AbstractBaseUser,
    comment: str = "",
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> StageChange:
    """Move the decision one stage on, record who, when and why; issuing starts the feedback
    clock. `at` back-dates the record (the demo's history); the rules are checked as of then."""
    at = at or timezone.now()
    today = today or timezone.localdate(at)
    given, decision = (
        decision,
        Decision.objects.select_for_update(of=("self",)).select_related("result_document").get(pk=decision.pk),
    )
    _check(user, permissions.ADVANCE, decision)
    try:
        decision.full_clean()
    except ValidationError as exc:
        raise StageBlocked(f"决策事项信息有误，请先修改再推进：{'；'.join(exc.messages)}") from exc
    decision_check_advance(decision=decision, to_stage=to_stage, today=today)
    change = StageChange.objects.create(
        decision=decision, from_stage=decision.stage, to_stage=to_stage, actor=user, at=at, comment=comment[:500]
    )
    decision.stage = to_stage
    fields = ["stage", "updated_at"]
    if to_stage == Stage.DECIDED:
        decision.feedback_due_on = _start_feedback_deadline(decision)
        fields.append("feedback_due_on")
    decision.save(update_fields=fields)
    for name in fields:  # the caller's copy says where the decision is now
        setattr(given, name, getattr(decision, name))
    sync_decision(decision)
    pagecache.changed()  # the catalogue and the sitemap show where it stands
    return change


def next_stage(decision: Decision) -> str | None:
    """The stage after the decision's current one; None at the last."""
    index = STAGE_ORDER.index(decision.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def decision_advance_next(*, decision: Decision, user: AbstractBaseUser, comment: str = "") -> StageChange:
    """The "推进到下一阶段" button: one step on from where the decision is now."""
    target = next_stage(decision)
    if target is None:
        raise StageBlocked(f"决策已处于最后阶段“{_stage_label(decision.stage)}”，不能再推进。")
    return decision_advance(decision=decision, to_stage=target, user=user, comment=comment)


def _start_feedback_deadline(decision: Decision) -> dt.date | None:
    deadline = deadline_services.deadline_start(
        subject=decision,
        kind=FEEDBACK_KIND,
        purpose=f"公开《{decision.title}》的意见采纳情况",
        legal_basis=LEGAL_BASIS_FEEDBACK,
        start=decision.issued_on,
        working_days=FEEDBACK_WORKING_DAYS,
        organisation=decision.organisation,
        remind_before=FEEDBACK_REMIND_BEFORE,
    )
    return deadline.due_date


# --- Public comment ---------------------------------------------------------------------------


class CommentClosed(Exception):
    pass


@transaction.atomic
def opinion_submit(
    *,
    decision: Decision,
    body: str,
    author_name: str = "",
    submitter_type: str = Opinion.SubmitterType.CITIZEN,
    contact_email: str = "",
    contact_phone: str = "",
    article: DraftArticle | None = None,
    at: dt.datetime | None = None,
) -> Opinion:
    """Store a public comment. Nothing else happens in this transaction, so it is never lost
    to a failure elsewhere. `at` back-dates it (the demo)."""
    at = at or timezone.now()
    if not decision.is_open_for_comment(timezone.localdate(at)):
        raise CommentClosed("征求意见期已结束或尚未开始，不能再提交意见。")
    opinion = Opinion(
        decision=decision,
        channel=Opinion.Channel.ONLINE,
        article=article if article and article.decision_id == decision.pk else None,
        submitter_type=submitter_type,
        author_name=author_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        body=body.strip(),
        submitted_at=at,
    )
    opinion.full_clean()
    opinion.save()
    logger.info("decision %s: opinion %s stored", decision.pk, opinion.pk)  # never the contact
    return opinion


@transaction.atomic
def opinion_record(*, opinion: Opinion, user: AbstractBaseUser) -> Opinion:
    """Staff enter an opinion heard elsewhere (座谈会, 听证会, 书面意见 ...), built but not saved.
    Once stored it is a record: its text, author and time are not edited afterwards, only its
    disposition."""
    _check(user, permissions.CHANGE, opinion.decision)
    if opinion.pk is not None:
        raise ValidationError("意见一经录入即作为记录保存，不能修改内容：如有误，请另行录入一条并在处理理由中说明。")
    opinion.body, opinion.author_name = opinion.body.strip(), opinion.author_name.strip()
    opinion.contact_email, opinion.contact_phone = opinion.contact_email.strip(), opinion.contact_phone.strip()
    opinion.disposition, opinion.disposition_reason = D.PENDING, ""
    opinion.full_clean()
    opinion.save()
    logger.info("decision %s: opinion %s recorded by staff", opinion.decision_id, opinion.pk)  # never the contact
    return opinion


# --- Grouping and dispositions ----------------------------------------------------------------


@transaction.atomic
def opinion_group_similar(
    *, decision: Decision, user: AbstractBaseUser, threshold: float = similarity.THRESHOLD
) -> list[OpinionGroup]:
    """Put near-identical opinions that are not yet decided into groups, joining existing groups
    where a member is similar. Returns the groups that were created or grew."""
    _check(user, permissions.CHANGE, decision)
    candidates = list(decision.opinions.filter(group__isnull=True, disposition="").only("id", "body").order_by("id"))
    grouped = list(decision.opinions.filter(group__isnull=False).only("id", "body", "group_id").order_by("id"))
    texts = [o.body for o in grouped] + [o.body for o in candidates]
    clusters = similarity.clusters(texts, threshold=threshold)
    touched: list[OpinionGroup] = []
    offset = len(grouped)
    for cluster in clusters:
        existing = {grouped[i].group_id for i in cluster if i < offset}
        new_members = [candidates[i - offset] for i in cluster if i >= offset]
        if not new_members or (not existing and len(new_members) < 2):
            continue
        if existing:
            group = OpinionGroup.objects.get(pk=min(existing))
        else:
            group = OpinionGroup.objects.create(decision=decision, summary=new_members[0].body[:500])
        Opinion.objects.filter(pk__in=[o.pk for o in new_members]).update(group=group)
        touched.append(group)
    return touched


@transaction.atomic
def opinion_dispose(*, opinion: Opinion, disposition: str, reason: str, user: AbstractBaseUser) -> Opinion:
    """Decide one opinion; 不予采纳 needs a reason (it is published in the feedback report)."""
    _check(user, permissions.DISPOSE, opinion.decision)
    if opinion.group_id is not None:
        raise ValidationError(
            {"disposition": f"这条意见已归入相似意见组{opinion.group_id}：请在该意见组中统一处理。"}, code="grouped"
        )
    opinion.disposition, opinion.disposition_reason = disposition, reason.strip()
    opinion.disposed_by, opinion.disposed_at = user, timezone.now()
    opinion.full_clean()
    opinion.save(update_fields=["disposition", "disposition_reason", "disposed_by", "disposed_at"])
    return opinion


@transaction.atomic
def opinion_group_dispose(
    *, group: OpinionGroup, disposition: str, reason: str, user: AbstractBaseUser
) -> OpinionGroup:
    """Decide a whole group at once; members follow the group's decision."""
    _check(user, permissions.DISPOSE, group.decision)
    group.disposition, group.reason = disposition, reason.strip()
    group.disposed_by, group.disposed_at = user, timezone.now()
    group.full_clean()
    group.save(update_fields=["disposition", "reason", "disposed_by", "disposed_at"])
    return group


@transaction.atomic
def opinion_group_summarise(*, group: OpinionGroup, summary: str, user: AbstractBaseUser) -> OpinionGroup:
    """Staff reword what a group of similar opinions says (it heads the group in the report)."""
    _check(user, permissions.CHANGE, group.decision)
    group.summary = summary
    group.full_clean()
    group.save(update_fields=["summary"])
    return group


def undisposed_opinions(decision: Decision):
    return decision.opinions.filter(
        Q(group__isnull=True, disposition="") | Q(group__isnull=False, group__disposition="")
    )


# --- The feedback report ----------------------------------------------------------------------


def _excerpt(text: str, opinions: list[Opinion], limit: int = 100) -> str:
    """An opinion's words for the public report, one line, cut short, with the personal data
    of the commenters in `opinions` (their names, their contacts however written) and
    anything else the privacy scan finds hidden, landline-like numbers too: in a citizen's
    words a number is theirs."""
    names = [o.author_name for o in opinions]
    contacts = [value for o in opinions for value in (o.contact_phone, o.contact_email)]
    text = " ".join(mask_citizen_text(text, names=names, contacts=contacts).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def feedback_figures(decision: Decision) -> dict:
    """The numbers the report states, computed from the dispositions and activities."""
    opinions = list(decision.opinions.select_related("group"))
    by_channel: dict[str, dict[str, int]] = {}
    totals = {"total": 0, D.ADOPTED: 0, D.PARTLY: 0, D.NOT_ADOPTED: 0, "pending": 0}
    for opinion in opinions:
        label = opinion.get_channel_display()
        row = by_channel.setdefault(label, {"total": 0, D.ADOPTED: 0, D.PARTLY: 0, D.NOT_ADOPTED: 0, "pending": 0})
        outcome = opinion.effective_disposition or "pending"
        for counter in (row, totals):
            counter["total"] += 1
            counter[outcome] += 1
    rejected_groups = (
        decision.opinion_groups.annotate(n=Count("opinions"))
        .filter(disposition=D.NOT_ADOPTED, n__gte=1)
        .order_by("-n", "id")
    )
    widely_held = [g for g in rejected_groups if g.n >= WIDELY_HELD_MIN]
    members: dict[int, list[Opinion]] = {}
    for opinion in opinions:
        members.setdefault(opinion.group_id, []).append(opinion)
    others = [
        {"summary": _excerpt(g.summary, members.get(g.pk, [])), "count": g.n, "reason": g.reason}
        for g in rejected_groups
        if g.n < WIDELY_HELD_MIN
    ] + [
        {"summary": _excerpt(o.body, [o]), "count": 1, "reason": o.disposition_reason}
        for o in opinions
        if o.group_id is None and o.disposition == D.NOT_ADOPTED
    ]
    return {
        "totals": totals,
        "by_channel": by_channel,
        "groups": decision.opinion_groups.filter(opinions__isnull=False).distinct().count(),
        "widely_held_not_adopted": [
            {"summary": _excerpt(g.summary, members.get(g.pk, []), 200), "count": g.n, "reason": g.reason}
            for g in widely_held
        ],
        "other_not_adopted": others,
        "activities": list(decision.activities.all()),
    }


def feedback_draft_text(decision: Decision) -> str:
    """The report drafted from the dispositions. Lists are written "- item" / "1. item", one a
    line, which the public page shows as lists (FeedbackReport.blocks)."""
    f = feedback_figures(decision)
    t = f["totals"]
    lines = []
    if t["pending"]:
        lines += [f"{PRELIMINARY_MARK}尚有{t['pending']}条意见未处理：全部处理后请重新生成，再核对发布）", ""]
    lines += [f"《{decision.title}》公众意见采纳情况", ""]
    if decision.comment_opens_on and decision.comment_closes_on:
        lines.append(
            f"{decision.organisation.name}于{_date(decision.comment_opens_on)}至{_date(decision.comment_closes_on)}"
            "通过徐泾镇政务公开门户公开征求意见。"
        )
    lines += ["", "一、意见收集情况", f"共收到意见{t['total']}条" + ("，其中：" if f["by_channel"] else "。")]
    lines += [f"- {channel}：{row['total']}条" for channel, row in f["by_channel"].items()]
    if f["activities"]:
        lines += ["", "此外，通过以下方式听取了意见："]
        lines += [
            f"- {_date(a.held_on)}{a.get_kind_display()}，{a.participants}人参加"
            + (f"（{a.public_participants_description}）" if a.participants_description else "")
            + (f"：{a.public_opinions_summary}" if a.opinions_summary else "")
            for a in f["activities"]
        ]
    lines += [
        "",
        "二、意见采纳情况",
        f"采纳{t[D.ADOPTED]}条，部分采纳{t[D.PARTLY]}条，不予采纳{t[D.NOT_ADOPTED]}条"
        + (f"，尚未处理{t['pending']}条" if t["pending"] else "")
        + "。"
        + (f"内容相同或相近的意见已归并为{f['groups']}组统一处理。" if f["groups"] else ""),
        "",
        "三、较为集中但未予采纳的意见及理由",
    ]
    lines += _rejected_lines(f["widely_held_not_adopted"], "无。")
    if f["other_not_adopted"]:
        lines += ["", "四、其他未予采纳的意见及理由"]
        lines += _rejected_lines(f["other_not_adopted"], "")
    lines += ["", "感谢社会各界对本项决策的关心和支持。"]
    return "\n".join(lines)


def _rejected_lines(items: list[dict], empty: str) -> list[str]:
    if not items:
        return [empty]
    lines = []
    for i, item in enumerate(items, 1):
        lines.append(f"{i}. {item['summary']}" + (f"（共{item['count']}条）" if item["count"] > 1 else ""))
        lines.append(f"   未予采纳的理由：{item['reason']}")
    return lines


def _check_can_draft(decision: Decision, today: dt.date) -> None:
    """No report while the public may still comment: it would say the consultation is over."""
    state = decision.comment_state(today)
    if state == "open":
        raise ReportBlocked(
            f"征求意见期到 {_date(decision.comment_closes_on)} 才结束：征求意见结束后才能生成反馈报告草稿。"
        )
    if state == "not_open" or decision.stage_index < STAGE_ORDER.index(Stage.CONSULTATION):
        raise ReportBlocked("这项决策还没有公开征求意见：征求意见结束后才能生成反馈报告草稿。")


@transaction.atomic
def feedback_report_draft(
    *, decision: Decision, user: AbstractBaseUser, replace: bool = False, today: dt.date | None = None
) -> FeedbackReport:
    """Create the draft from the dispositions; with replace=True, redraft an unpublished one.
    Refused while the comment window is open; labelled 初稿 while opinions are undisposed."""
    _check(user, permissions.DRAFT_REPORT, decision)
    report = FeedbackReport.objects.select_for_update().filter(decision=decision).first()
    if report is not None and (report.is_published or not replace):
        return report
    _check_can_draft(decision, today or timezone.localdate())
    report = report or FeedbackReport(decision=decision)
    report.body = feedback_draft_text(decision)
    report.drafted_at = timezone.now()
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def feedback_report_publish(
    *, report: FeedbackReport, user: AbstractBaseUser, at: dt.datetime | None = None
) -> FeedbackReport:
    """Publish the report, meet the deadline, move the decision on, and tell the commenters.
    `at` back-dates it (the demo's history)."""
    at = at or timezone.now()
    report = FeedbackReport.objects.select_for_update(of=("self",)).select_related("decision").get(pk=report.pk)
    decision = report.decision
    _check(user, permissions.PUBLISH_REPORT, decision)
    if report.is_published:
        raise ReportBlocked("反馈报告已经发布。")
    if STAGE_ORDER.index(decision.stage) < STAGE_ORDER.index(Stage.DECIDED):
        raise ReportBlocked("决策尚未作出（未进入“决定”阶段），不能发布意见采纳情况反馈报告。")
    pending = undisposed_opinions(decision).count()
    if pending:
        raise ReportBlocked(f"还有 {pending} 条意见没有处理结果：请逐条或按组处理后再发布反馈报告。")
    if not report.body.strip():
        raise ReportBlocked("反馈报告正文为空：请先生成或填写报告内容。")
    if report.is_preliminary:
        raise ReportBlocked("报告仍标注为“初稿”：意见已全部处理，请重新生成反馈报告草稿，核对后再发布。")
    report.published_at, report.published_by = at, user
    report.save(update_fields=["published_at", "published_by"])

    deadline_services.deadline_meet(subject=decision, kind=FEEDBACK_KIND, on=timezone.localdate(at))
    if decision.stage == Stage.DECIDED:
        decision_advance(
            decision=decision, to_stage=Stage.FEEDBACK, user=user, comment="发布意见采纳情况反馈报告", at=at
        )
    _notify_commenters(decision)
    sync_decision(decision)
    pagecache.changed()
    return report


@transaction.atomic
def feedback_report_edit(*, report: FeedbackReport, body: str, user: AbstractBaseUser) -> FeedbackReport:
    """Staff correct the drafted text before it is published; a published report is fixed."""
    _check(user, permissions.DRAFT_REPORT, report.decision)
    if FeedbackReport.objects.filter(pk=report.pk, published_at__isnull=False).exists():
        raise ReportBlocked("反馈报告已经发布，不能再修改。")
    report.body = body.strip()
    report.full_clean()
    report.save(update_fields=["body"])
    return report


def _notify_commenters(decision: Decision) -> int:
    """One e-mail per address that commented; the outbox key makes a repeat a no-op."""
    emails = sorted(
        {e.strip().lower() for e in decision.opinions.exclude(contact_email="").values_list("contact_email", flat=True)}
    )
    url = settings.SITE_URL + reverse("decisions:detail", args=[decision.catalogue.year, decision.pk]) + "#feedback"
    body = (
        f"您好：\n\n您曾对《{decision.title}》提出意见。{decision.organisation.name}已公开意见采纳情况，"
        f"请访问以下地址查看：\n{url}\n\n感谢您的参与。\n徐泾镇人民政府"
    )
    for email in emails:
        digest = hashlib.sha256(email.encode()).hexdigest()[:16]
        outbox.notify(
            recipients=[email],
            subject=f"意见采纳情况已公开：{decision.title}"[:200],
            body=body,
            key=f"decisions:feedback:{decision.pk}:{digest}",
        )
    return len(emails)


# --- The yearly catalogue ---------------------------------------------------------------------


def _catalogue_deadline_span(year: int, start: dt.date) -> tuple[int, int]:
    """Working days from `start` to March 31, and the working days after March 1 up to March 31:
    reminding that many working days before the due date starts the reminders on March 1.

    Raises workdays.CalendarUnavailable when the year's working-day calendar is missing:
    as everywhere else, working days are never guessed.
    """
    import workdays

    due = dt.date(year, 3, 31)
    total = workdays.working_days_between(start, due) if start < due else 0
    march = workdays.working_days_between(dt.date(year, 3, 1), due)
    return max(total, 0), min(march, max(total, 0))


@transaction.atomic
def catalogue_ensure(*, year: int, organisation=None, introduction: str = "") -> Catalogue:
    """The year's catalogue, created (unpublished) if missing, with its March 31 deadline running
    once the year's working-day calendar is there (``_start_catalogue_deadline``)."""
    from organisations.models import Organisation

    catalogue = Catalogue.objects.filter(year=year).first()
    if catalogue is None:
        organisation = organisation or Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT).first()
        if organisation is None:
            raise ValueError("没有镇人民政府机构，无法建立年度目录。")
        catalogue = Catalogue(year=year, organisation=organisation, introduction=introduction)
        catalogue.full_clean()
        catalogue.save()
    _start_catalogue_deadline(catalogue)
    return catalogue


@transaction.atomic
def catalogue_save(*, catalogue: Catalogue) -> str:
    """Store a yearly catalogue staff entered or edited in the admin; a new one starts its
    March 31 deadline. Returns why that deadline waits ('' if it runs or was not due to start)."""
    new = catalogue.pk is None
    catalogue.full_clean()
    catalogue.save()
    return _start_catalogue_deadline(catalogue) if new else ""


def _start_catalogue_deadline(catalogue: Catalogue) -> str:
    """Start an unpublished catalogue's March 31 deadline (starting it again is harmless).

    Returns '' once it runs, else why it waits: the year's working-day calendar is missing.
    Working days are never guessed; the catalogue is kept, and the daily task
    (tasks.ensure_catalogue_deadline) starts the deadline once the calendar is imported."""
    if catalogue.published_at is not None:
        return ""
    year = catalogue.year
    start = min(timezone.localdate(), dt.date(year, 3, 30))
    start = max(start, dt.date(year - 1, 12, 31))
    try:
        with transaction.atomic():
            working_days, remind_before = _catalogue_deadline_span(year, start)
            deadline_services.deadline_start(
                subject=catalogue,
                kind=CATALOGUE_KIND,
                purpose=f"公布徐泾镇{year}年度重大行政决策事项目录",
                legal_basis=LEGAL_BASIS_CATALOGUE,
                start=start,
                working_days=max(working_days, 1),
                organisation=catalogue.organisation,
                remind_before=remind_before,
            )
    except workdays.CalendarUnavailable as exc:
        logger.warning("Catalogue deadline for %s not started: %s", year, exc)
        return str(exc)
    return ""


@transaction.atomic
def catalogue_publish(*, catalogue: Catalogue, user: AbstractBaseUser, at: dt.datetime | None = None) -> Catalogue:
    """Publish the year's catalogue (its decisions become public); `at` back-dates it (the demo)."""
    if not (access.is_staff_member(user) and user.has_perm("decisions.publish_catalogue")):
        raise PermissionDenied("只有审签负责人或管理员可以公布年度重大行政决策事项目录。")
    at = at or timezone.now()
    catalogue = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    if catalogue.published_at is not None:
        return catalogue
    if not catalogue.decisions.exists():
        raise StageBlocked("目录中还没有决策事项，不能公布。")
    catalogue.published_at = at
    catalogue.save(update_fields=["published_at"])
    deadline_services.deadline_meet(subject=catalogue, kind=CATALOGUE_KIND, on=timezone.localdate(at))
    for decision in catalogue.decisions.all():
        sync_decision(decision)
    pagecache.changed()  # the standard catalogue and the sitemap list it
    return catalogue


# --- Catalogue items and their records (staff in the admin, the demo loader) -----------------


@transaction.atomic
def decision_create(
    *, catalogue: Catalogue, user: AbstractBaseUser, articles: list[tuple[str, str]] = (), **fields
) -> Decision:
    """A new catalogue item, with its draft's articles (heading, text) numbered from 1."""
    decision = Decision(catalogue=catalogue, **fields)
    _check(user, permissions.CHANGE, decision)
    decision.full_clean()
    decision.save()
    for number, (heading, text) in enumerate(articles, 1):
        article = DraftArticle(decision=decision, number=number, heading=heading, text=text)
        article.full_clean()
        article.save()
    sync_decision(decision)
    return decision


@transaction.atomic
def decision_set_result(*, decision: Decision, user: AbstractBaseUser, result_document, issued_on: dt.date) -> Decision:
    """Link the result document and the date the decision was made (before 决定)."""
    _check(user, permissions.CHANGE, decision)
    decision.result_document, decision.issued_on = result_document, issued_on
    decision.full_clean()
    decision.save(update_fields=["result_document", "issued_on", "updated_at"])
    return decision


@transaction.atomic
def material_add(*, decision: Decision, user: AbstractBaseUser, **fields) -> DecisionMaterial:
    _check(user, permissions.CHANGE, decision)
    material = DecisionMaterial(decision=decision, **fields)
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def activity_record(*, decision: Decision, user: AbstractBaseUser, **fields) -> Activity:
    """A 座谈会, 听证会, 实地走访 or 民意调查 held on the decision (item 11)."""
    _check(user, permissions.CHANGE, decision)
    activity = Activity(decision=decision, **fields)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def meeting_record(
    *,
    organisation,
    user: AbstractBaseUser,
    title: str,
    held_on: dt.date,
    decision: Decision | None = None,
    representatives: list[tuple[str, str, bool]] = (),
) -> RepresentativeMeeting:
    """A decision meeting and the public representatives (kind, name, consent) who attended (item 13)."""
    if not access.in_scope(user, organisation.pk):
        raise PermissionDenied("只能记录本单位召开的会议。")
    meeting = RepresentativeMeeting(organisation=organisation, decision=decision, title=title, held_on=held_on)
    meeting.full_clean()
    meeting.save()
    for kind, name, consent in representatives:
        person = Representative(meeting=meeting, kind=kind, name=name, consent_to_publish_name=consent)
        person.full_clean()
        person.save()
    return meeting


@transaction.atomic
def representative_call_open(*, organisation, user: AbstractBaseUser, **fields) -> RepresentativeCall:
    """An open call for public representatives (item 13)."""
    if not access.in_scope(user, organisation.pk):
        raise PermissionDenied("只能为本单位发布公众代表征集。")
    call = RepresentativeCall(organisation=organisation, **fields)
    call.full_clean()
    call.save()
    return call
