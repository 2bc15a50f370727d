"""Major administrative decisions (重大行政决策, items 9-13 of the work points).

The yearly catalogue, the life of each decision through its stages, public
comment and other participation channels, dispositions of every opinion,
public representatives, and the feedback report due 10 working days after
the decision is issued.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

import privacy
from documents.models import PolicyDocument
from organisations.models import Organisation
from privacy.citizen import mask_citizen_text, name_only
from xujing_portal.append_only import AppendOnlyModel

MIN_COMMENT_WINDOW_DAYS = 30
FEEDBACK_WORKING_DAYS = 10
FEEDBACK_REMIND_BEFORE = 3
LEGAL_BASIS_FEEDBACK = (
    "《徐泾镇2023年政务公开工作要点》（徐府发〔2023〕32号）第十一项：决策作出后10个工作日内公开意见采纳情况"
)
LEGAL_BASIS_CATALOGUE = (
    "《徐泾镇2023年政务公开工作要点》（徐府发〔2023〕32号）第十项：3月31日前公布年度重大行政决策事项目录"
)


class CatalogueQuerySet(models.QuerySet):
    def public(self, now: dt.datetime | None = None) -> CatalogueQuerySet:
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())


class Catalogue(models.Model):
    """重大行政决策事项目录: one per year, public by March 31 (item 10)."""

    year = models.PositiveIntegerField("年度", unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_catalogues", verbose_name="编制机关"
    )
    introduction = models.TextField("说明", blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True, editable=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = "年度重大行政决策事项目录"
        verbose_name_plural = "年度重大行政决策事项目录"
        ordering = ["-year"]
        permissions = [("publish_catalogue", "可公布年度重大行政决策事项目录")]

    def __str__(self) -> str:
        return f"徐泾镇{self.year}年度重大行政决策事项目录"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalogue", args=[self.year])

    @property
    def due_on(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    def published_late(self) -> bool:
        return self.published_at is not None and timezone.localdate(self.published_at) > self.due_on


class Stage(models.TextChoices):
    CATALOGUE = "catalogue", "目录"
    DRAFTING = "drafting", "起草"
    CONSULTATION = "consultation", "征求意见"
    REVIEW = "review", "论证评估"
    DELIBERATION = "deliberation", "集体讨论"
    DECIDED = "decided", "决定"
    FEEDBACK = "feedback", "意见采纳反馈"
    EVALUATION = "evaluation", "执行评估"


STAGE_ORDER: list[str] = [choice.value for choice in Stage]


class DecisionQuerySet(models.QuerySet):
    def public(self, now: dt.datetime | None = None) -> DecisionQuerySet:
        """Decisions whose catalogue has been published."""
        return self.filter(catalogue__in=Catalogue.objects.public(now))

    def open_for_comment(self, today: dt.date | None = None) -> DecisionQuerySet:
        today = today or timezone.localdate()
        return self.filter(stage=Stage.CONSULTATION, comment_opens_on__lte=today, comment_closes_on__gte=today)

    def feedback_overdue(self, today: dt.date | None = None) -> DecisionQuerySet:
        today = today or timezone.localdate()
        return self.filter(feedback_due_on__lt=today).exclude(feedback_report__published_at__isnull=False)

    def for_listing(self) -> DecisionQuerySet:
        return self.select_related("organisation", "catalogue")


class Decision(models.Model):
    """A catalogue item and its life through the stages (items 9-12)."""

    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.PROTECT, related_name="decisions", verbose_name="年度目录"
    )
    number = models.PositiveIntegerField("目录序号", default=1)
    title = models.CharField("决策事项名称", max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decisions", verbose_name="承办单位"
    )
    legal_basis = models.TextField("决策依据")
    planned_schedule = models.CharField("计划完成时间", max_length=100, help_text="例如：2026年第三季度。")
    plans_public_comment = models.BooleanField("计划公开征求意见", default=True)
    plans_hearing = models.BooleanField("计划举行听证", default=False)
    plans_expert_argumentation = models.BooleanField("计划专家论证", default=False)
    plans_risk_assessment = models.BooleanField("计划风险评估", default=False)
    concerns_enterprises = models.BooleanField(
        "涉企决策", default=False, help_text="涉及企业切身利益：进入集体讨论前必须记录企业和行业协会的意见。"
    )
    stage = models.CharField("当前阶段", max_length=20, choices=Stage.choices, default=Stage.CATALOGUE, editable=False)

    summary = models.CharField("简介", max_length=300, blank=True)
    draft_text = models.TextField(
        "征求意见稿", blank=True, help_text="按条分段；条文另在“条文”中逐条录入，便于公众针对某一条提意见。"
    )
    drafting_explanation = models.TextField("起草说明", blank=True)
    comment_opens_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_closes_on = models.DateField("征求意见截止日期", null=True, blank=True)
    short_window_reason = models.TextField(
        "征求意见期少于30日的理由", blank=True, help_text="征求意见期少于30日时必须说明理由，并向社会公开。"
    )

    result_document = models.ForeignKey(
        PolicyDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="决策结果文件",
    )
    issued_on = models.DateField("决策作出日期", null=True, blank=True)
    feedback_due_on = models.DateField(
        "意见采纳反馈应公开日期", null=True, blank=True, editable=False, help_text="决策作出后第10个工作日。"
    )

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "重大行政决策事项"
        verbose_name_plural = "重大行政决策事项"
        ordering = ["catalogue", "number", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.catalogue.year, self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        opens, closes = self.comment_opens_on, self.comment_closes_on
        if bool(opens) != bool(closes):
            errors["comment_closes_on"] = "请同时填写征求意见的开始日期和截止日期。"
        elif opens and closes:
            if closes < opens:
                errors["comment_closes_on"] = "征求意见截止日期不能早于开始日期。"
            elif self.comment_window_days < MIN_COMMENT_WINDOW_DAYS and not self.short_window_reason.strip():
                errors["short_window_reason"] = (
                    f"征求意见期只有 {self.comment_window_days} 日，少于30日：请填写缩短期限的理由。"
                )
        if self.issued_on and self.issued_on > timezone.localdate():
            errors["issued_on"] = "决策作出日期不能晚于今天。"
        if errors:
            raise ValidationError(errors)

    @property
    def comment_window_days(self) -> int:
        """Calendar days of the window, both ends included."""
        if not (self.comment_opens_on and self.comment_closes_on):
            return 0
        return (self.comment_closes_on - self.comment_opens_on).days + 1

    def comment_state(self, today: dt.date | None = None) -> str:
        """not_set, not_open, open or closed."""
        today = today or timezone.localdate()
        if not (self.comment_opens_on and self.comment_closes_on) or STAGE_ORDER.index(self.stage) < 2:
            return "not_set"
        if today < self.comment_opens_on:
            return "not_open"
        if self.stage == Stage.CONSULTATION and today <= self.comment_closes_on:
            return "open"
        return "closed"

    def is_open_for_comment(self, today: dt.date | None = None) -> bool:
        return self.comment_state(today) == "open"

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)

    @property
    def draft_is_public(self) -> bool:
        return self.stage_index >= STAGE_ORDER.index(Stage.CONSULTATION)

    @property
    def planned_participation(self) -> list[str]:
        plans = [
            (self.plans_public_comment, "公开征求意见"),
            (self.plans_hearing, "听证"),
            (self.plans_expert_argumentation, "专家论证"),
            (self.plans_risk_assessment, "风险评估"),
        ]
        return [label for planned, label in plans if planned]

    def feedback_state(self, today: dt.date | None = None) -> str:
        """none (not issued), pending, late (due date passed, not published), published, published_late."""
        today = today or timezone.localdate()
        report = getattr(self, "feedback_report", None)
        published_on = timezone.localdate(report.published_at) if report and report.published_at else None
        if published_on:
            return "published_late" if self.feedback_due_on and published_on > self.feedback_due_on else "published"
        if not self.issued_on:
            return "none"
        if self.feedback_due_on and today > self.feedback_due_on:
            return "late"
        return "pending"

    def has_enterprise_opinions(self) -> bool:
        return self.opinions.filter(submitter_type__in=Opinion.ENTERPRISE_TYPES).exists()

    def commenters(self) -> tuple[list[str], list[str]]:
        """The names and the contacts (phones, e-mails) of everyone whose opinion is recorded:
        none of them is published, wherever staff or the commenters themselves wrote them."""
        names, contacts = [], []
        for name, phone, email in self.opinions.values_list("author_name", "contact_phone", "contact_email"):
            names.append(name)
            contacts += [phone, email]
        return names, contacts


class DraftArticle(models.Model):
    """One article (条) of the draft, so the public can comment on it."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="articles", verbose_name="决策事项")
    number = models.PositiveIntegerField("条号")
    heading = models.CharField("条文标题", max_length=100, blank=True)
    text = models.TextField("条文内容")

    class Meta:
        verbose_name = "征求意见稿条文"
        verbose_name_plural = "征求意见稿条文"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="unique_decision_article")]

    def __str__(self) -> str:
        return f"第{self.number}条" + (f" {self.heading}" if self.heading else "")


class StageChange(AppendOnlyModel):
    """Append-only record of every stage change (who, when), shown on the public timeline."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField("原阶段", max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField("新阶段", max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    comment = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "阶段变更记录"
        verbose_name_plural = "阶段变更记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"

    @property
    def public_actor(self) -> str:
        """Whom the public timeline credits: the decision's organising unit (承办单位), whoever
        of its staff (or of the town government) pressed the button. Staff names are not shown."""
        return self.decision.organisation.name


class Activity(models.Model):
    """Another participation channel (item 11): 座谈会, 听证会, 实地走访, 民意调查."""

    class Kind(models.TextChoices):
        FORUM = "forum", "座谈会"
        HEARING = "hearing", "听证会"
        VISIT = "visit", "实地走访"
        POLL = "poll", "民意调查"
        EXPERT = "expert", "专家论证会"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="activities", verbose_name="决策事项")
    kind = models.CharField("形式", max_length=20, choices=Kind.choices)
    held_on = models.DateField("日期")
    participants = models.PositiveIntegerField("参加人数")
    participants_description = models.CharField(
        "参加对象", max_length=200, blank=True, help_text="例如：企业代表8人、行业协会2人、居民代表5人。"
    )
    opinions_summary = models.TextField("收集到的意见概要", blank=True)

    class Meta:
        verbose_name = "公众参与活动"
        verbose_name_plural = "公众参与活动"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.held_on:%Y-%m-%d}）"

    @property
    def public_participants_description(self) -> str:
        return privacy.mask(self.participants_description)

    @property
    def public_opinions_summary(self) -> str:
        """The summary as the page, the API and the feedback report show it: it retells what
        participants said, so their personal data is hidden (landline-like numbers too), and
        so are the names and contacts of the decision's commenters."""
        names, contacts = self.decision.commenters()
        return mask_citizen_text(self.opinions_summary, names=names, contacts=contacts)


class Disposition(models.TextChoices):
    PENDING = "", "待处理"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"


class OpinionGroup(models.Model):
    """Near-identical opinions, detected by similarity and decided together."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="opinion_groups", verbose_name="决策事项"
    )
    summary = models.TextField("意见归纳")
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition.choices, blank=True)
    reason = models.CharField("处理理由", max_length=500, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )
    disposed_at = models.DateTimeField("处理时间", null=True, blank=True)
    created_at = models.DateTimeField("归并时间", default=timezone.now)

    class Meta:
        verbose_name = "相似意见组"
        verbose_name_plural = "相似意见组"
        ordering = ["decision", "id"]

    def __str__(self) -> str:
        return f"意见组{self.pk}：{self.summary[:30]}"

    def clean(self) -> None:
        if self.disposition == Disposition.NOT_ADOPTED and not self.reason.strip():
            raise ValidationError({"reason": "不予采纳必须说明理由。"}, code="reason_required")


class Opinion(models.Model):
    """One opinion: commented online, or gathered by staff in an activity or in writing.

    The contact fields are private: never on a public page, feed, API or log line.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", "网上征求意见"
        FORUM = "forum", "座谈会"
        HEARING = "hearing", "听证会"
        VISIT = "visit", "实地走访"
        POLL = "poll", "民意调查"
        EXPERT = "expert", "专家论证"
        LETTER = "letter", "书面意见"

    class SubmitterType(models.TextChoices):
        CITIZEN = "citizen", "市民"
        ENTERPRISE = "enterprise", "企业"
        ASSOCIATION = "association", "行业协会、商会"
        ORGANISATION = "organisation", "其他社会组织"
        EXPERT = "expert", "专家学者"

    ENTERPRISE_TYPES = (SubmitterType.ENTERPRISE, SubmitterType.ASSOCIATION)

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="opinions", verbose_name="决策事项")
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="opinions", verbose_name="参与活动"
    )
    article = models.ForeignKey(
        DraftArticle, on_delete=models.SET_NULL, null=True, blank=True, related_name="opinions", verbose_name="针对条文"
    )
    submitter_type = models.CharField(
        "提出者类型", max_length=20, choices=SubmitterType.choices, default=SubmitterType.CITIZEN
    )
    author_name = models.CharField("姓名或单位名称", max_length=100, blank=True)
    contact_email = models.EmailField("电子邮箱（不公开）", blank=True)
    contact_phone = models.CharField("联系电话（不公开）", max_length=30, blank=True)
    body = models.TextField("意见内容")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    group = models.ForeignKey(
        OpinionGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="相似意见组",
    )
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition.choices, blank=True)
    disposition_reason = models.CharField("处理理由", max_length=500, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )
    disposed_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["decision", "submitted_at", "id"]
        indexes = [models.Index(fields=["decision", "channel"])]

    def __str__(self) -> str:
        return f"意见{self.pk}（{self.get_channel_display()}）"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.disposition == Disposition.NOT_ADOPTED and not self.disposition_reason.strip():
            errors["disposition_reason"] = ValidationError("不予采纳必须说明理由。", code="reason_required")
        if self.activity_id and self.decision_id and self.activity.decision_id != self.decision_id:
            errors["activity"] = ValidationError(
                "所选参与活动属于另一项决策：请选择本决策事项的座谈会、听证会等活动，或留空。", code="other_decision"
            )
        if self.article_id and self.decision_id and self.article.decision_id != self.decision_id:
            errors["article"] = ValidationError(
                "所选条文属于另一项决策的征求意见稿：请选择本决策事项的条文，或留空。", code="other_decision"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def receipt_number(self) -> str:
        """意见回执编号, told to the commenter: the day it arrived and the opinion's number."""
        return f"YJ{timezone.localdate(self.submitted_at):%Y%m%d}-{self.pk:06d}"

    @property
    def effective_disposition(self) -> str:
        """The group's decision for a grouped opinion, else the opinion's own."""
        if self.group_id is not None:
            return self.group.disposition
        return self.disposition


class FeedbackReport(models.Model):
    """意见采纳情况反馈: drafted from the dispositions, edited and published by staff."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="feedback_report", verbose_name="决策事项"
    )
    body = models.TextField("反馈报告正文")
    drafted_at = models.DateTimeField("生成时间", default=timezone.now)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发布人",
    )

    class Meta:
        verbose_name = "意见采纳情况反馈报告"
        verbose_name_plural = "意见采纳情况反馈报告"
        permissions = [("publish_feedbackreport", "可发布意见采纳情况反馈报告")]

    def __str__(self) -> str:
        return f"《{self.decision.title}》意见采纳情况"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_preliminary(self) -> bool:
        """Drafted while opinions were still undisposed: not fit to publish until redrafted."""
        return self.body.lstrip().startswith(PRELIMINARY_MARK)

    @property
    def public_body(self) -> str:
        """The body as the public sees it (page, API, search): quoted opinions may carry
        what citizens typed, so whatever the privacy scan finds is masked, and so are the
        commenters' names and contacts, whoever edited the text. Landline-like numbers stay:
        in the report's own words they are the office's."""
        names, contacts = self.decision.commenters()
        return mask_citizen_text(self.body, names=names, contacts=contacts, landlines=False)

    @property
    def blocks(self) -> list[dict]:
        return report_blocks(self.public_body)


PRELIMINARY_MARK = "初稿（"
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_BULLET = re.compile(r"^[-•·]\s+")
_NUMBERED = re.compile(r"^(\d+)(?:[.．]\s+|、)")


def report_blocks(text: str) -> list[dict]:
    """The report's plain text as blocks for the page: section headings (一、...), paragraphs,
    and lists, written one item a line as "- item" or "1. item", an indented line under an
    item belonging to it. Staff edit the text; the page shows real lists, never the markers."""
    blocks: list[dict] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blocks.append({"kind": "break"})
            continue
        last = blocks[-1] if blocks else None
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if raw[:1].isspace() and last and last["kind"] in ("ul", "ol"):
            last["items"][-1]["notes"].append(line)
        elif bullet or numbered:
            kind = "ul" if bullet else "ol"
            item = {"text": line[(bullet or numbered).end() :], "notes": []}
            if last and last["kind"] == kind:
                last["items"].append(item)
            else:
                blocks.append({"kind": kind, "items": [item], "start": int(numbered.group(1)) if numbered else 1})
        elif _HEADING.match(line):
            blocks.append({"kind": "heading", "text": line})
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return [block for block in blocks if block["kind"] != "break"]


class DecisionMaterial(models.Model):
    """Background, interpretation, risk assessment, expert argumentation, legality review
    or effect evaluation; public only when marked disclosed (item 12)."""

    class Kind(models.TextChoices):
        BACKGROUND = "background", "背景材料"
        INTERPRETATION = "interpretation", "政策解读"
        RISK = "risk", "风险评估"
        EXPERT = "expert", "专家论证"
        LEGALITY = "legality", "合法性审查"
        EVALUATION = "evaluation", "执行效果评估"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="materials", verbose_name="决策事项")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.URLField("链接", blank=True, help_text="例如本站的政策解读页面地址。")
    disclosed = models.BooleanField("向社会公开", default=True)
    added_on = models.DateField("日期", default=timezone.localdate)

    class Meta:
        verbose_name = "决策材料"
        verbose_name_plural = "决策材料"
        ordering = ["kind", "added_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    @property
    def public_title(self) -> str:
        return privacy.mask(self.title)

    @property
    def public_body(self) -> str:
        """The body as the page and the API show it: a risk assessment or a hearing record may
        quote a petitioner, so what the privacy scan finds is masked."""
        return privacy.mask(self.body)


class RepresentativeType(models.TextChoices):
    CITIZEN = "citizen", "市民代表"
    ENTERPRISE = "enterprise", "企业代表"
    SMALL_BUSINESS = "small_business", "小微企业代表"
    ASSOCIATION = "association", "行业协会代表"
    EXPERT = "expert", "专家学者"
    DEPUTY = "deputy", "人大代表、政协委员"


class RepresentativeMeeting(models.Model):
    """A decision meeting that public representatives attended (item 13)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="representative_meetings", verbose_name="召开单位"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name="决策事项"
    )
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")

    class Meta:
        verbose_name = "公众代表列席会议"
        verbose_name_plural = "公众代表列席会议"
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on:%Y-%m-%d}）"


class Representative(models.Model):
    meeting = models.ForeignKey(
        RepresentativeMeeting, on_delete=models.CASCADE, related_name="representatives", verbose_name="会议"
    )
    kind = models.CharField("代表类型", max_length=20, choices=RepresentativeType.choices)
    name = models.CharField("姓名", max_length=50)
    consent_to_publish_name = models.BooleanField("同意公开姓名", default=False)

    class Meta:
        verbose_name = "列席代表"
        verbose_name_plural = "列席代表"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_name}"

    @property
    def public_name(self) -> str:
        """The name, if the representative consented, without anything else typed into the field."""
        name = name_only(self.name) if self.consent_to_publish_name else ""
        return name or "（姓名未公开）"


class RepresentativeCall(models.Model):
    """An open call: citizens apply to attend decision meetings (item 13)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="representative_calls", verbose_name="发布单位"
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representative_calls",
        verbose_name="决策事项",
    )
    title = models.CharField("标题", max_length=200)
    description = models.TextField("说明")
    opens_on = models.DateField("报名开始日期")
    closes_on = models.DateField("报名截止日期")
    seats = models.PositiveIntegerField("名额", default=5)

    class Meta:
        verbose_name = "公众代表公开征集"
        verbose_name_plural = "公众代表公开征集"
        ordering = ["-opens_on", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "报名截止日期不能早于开始日期。"})

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class RepresentativeApplication(models.Model):
    """A citizen's application to attend; contact is private."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        ACCEPTED = "accepted", "已选定"
        DECLINED = "declined", "未选定"

    call = models.ForeignKey(
        RepresentativeCall, on_delete=models.PROTECT, related_name="applications", verbose_name="征集"
    )
    kind = models.CharField("代表类型", max_length=20, choices=RepresentativeType.choices)
    name = models.CharField("姓名", max_length=50)
    contact_phone = models.CharField("联系电话（不公开）", max_length=30)
    contact_email = models.EmailField("电子邮箱（不公开）", blank=True)
    statement = models.TextField("个人简介及参加理由")
    consent_to_publish_name = models.BooleanField("如被选定，同意公开姓名", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField("报名时间", default=timezone.now)

    class Meta:
        verbose_name = "公众代表报名"
        verbose_name_plural = "公众代表报名"
        ordering = ["-submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}报名 #{self.pk}"
