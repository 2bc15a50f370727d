"""The consultation message board (items 5, 6, 14, 15).

A Message is a question from a citizen, an enterprise or a social organisation,
whichever channel it came in by. Its asker's name, phone and e-mail are private:
they live only on this model and are never copied to a public surface. The
public copy (留言选登) is a separate set of `public_*` fields, masked when staff
prepare it and published only after a staff member confirms it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

import privacy
from documents.models import PolicyDocument, Topic
from organisations import access
from organisations.models import Organisation
from privacy.citizen import mask_citizen_text
from xujing_portal.append_only import AppendOnlyModel

DEADLINE_KIND = "consultation_answer"
TITLE_MAX = 100
QUESTION_MAX = 5000
ANSWER_MAX = 20000


class Channel(models.TextChoices):
    ONLINE = "online", "网上留言板"
    HOTLINE = "hotline", "12345市民服务热线"
    LEADER_MAILBOX = "leader_mailbox", "领导信箱"
    OPINION_MAILBOX = "opinion_mailbox", "意见征集信箱"
    STATE_COUNCIL = "state_council", "国务院网站转办"
    WINDOW = "window", "服务窗口"


class AskerType(models.TextChoices):
    CITIZEN = "citizen", "市民"
    ENTERPRISE = "enterprise", "企业"
    ORGANISATION = "organisation", "社会组织"


class EverydayTopic(models.TextChoices):
    """The topics citizens ask about (咨询类别), each filed under one topic of the
    national classification (documents.Topic) by NATIONAL_TOPIC."""

    ELDERLY = "elderly", "养老服务"
    JOBS = "jobs", "就业创业"
    SOCIAL_INSURANCE = "social_insurance", "社保医保"
    HEALTH = "health", "医疗卫生"
    HOUSING = "housing", "住房"
    EDUCATION = "education", "教育"
    TRANSPORT = "transport", "交通出行"
    BUSINESS = "business", "企业服务"
    ENVIRONMENT = "environment", "环境"
    COMMUNITY = "community", "社区治理"
    OTHER = "other", "其他"


# Where each everyday topic sits in the State Council's topic classification.
NATIONAL_TOPIC: dict[str, str] = {
    EverydayTopic.ELDERLY: Topic.CIVIL,
    EverydayTopic.JOBS: Topic.LABOUR,
    EverydayTopic.SOCIAL_INSURANCE: Topic.LABOUR,
    EverydayTopic.HEALTH: Topic.HEALTH,
    EverydayTopic.HOUSING: Topic.URBAN,
    EverydayTopic.EDUCATION: Topic.SCIENCE,
    EverydayTopic.TRANSPORT: Topic.INDUSTRY,
    EverydayTopic.BUSINESS: Topic.ECONOMY,
    EverydayTopic.ENVIRONMENT: Topic.URBAN,
    EverydayTopic.COMMUNITY: Topic.CIVIL,
    EverydayTopic.OTHER: Topic.GENERAL,
}


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ChannelLimit(models.Model):
    """How many working days a channel's messages have for an answer, and whether
    a leader reviews the answer before it goes out."""

    channel = models.CharField("渠道", max_length=20, choices=Channel.choices, unique=True)
    answer_working_days = models.PositiveSmallIntegerField("答复时限（工作日）")
    remind_before = models.PositiveSmallIntegerField("提前提醒（工作日）", default=2)
    leader_review = models.BooleanField("答复须经领导审核", default=False)

    class Meta:
        verbose_name = "渠道答复时限"
        verbose_name_plural = "渠道答复时限"
        ordering = ["channel"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}：{self.answer_working_days} 个工作日"

    @classmethod
    def for_channel(cls, channel: str) -> ChannelLimit:
        """The stored limit, or the default from settings (unsaved) when staff set none."""
        found = cls.objects.filter(channel=channel).first()
        if found is not None:
            return found
        days = settings.CONSULTATION_ANSWER_WORKING_DAYS.get(channel, settings.CONSULTATION_DEFAULT_WORKING_DAYS)
        return cls(channel=channel, answer_working_days=days)


def _of_each_message(deadlines):
    """The answer deadlines (of `deadlines`) of the message in the outer query."""
    return deadlines.filter(
        content_type=ContentType.objects.get_for_model(Message), kind=DEADLINE_KIND, object_id=OuterRef("pk")
    )


class MessageQuerySet(models.QuerySet):
    def published(self) -> MessageQuerySet:
        """Messages whose masked public copy a staff member confirmed (留言选登)."""
        return self.filter(publication=Message.Publication.PUBLISHED, status=Message.Status.ANSWERED)

    def open(self) -> MessageQuerySet:
        return self.exclude(status__in=[Message.Status.ANSWERED, Message.Status.REJECTED])

    def answered(self) -> MessageQuerySet:
        return self.filter(status=Message.Status.ANSWERED)

    def visible_to(self, user) -> MessageQuerySet:
        """Staff see the messages of their own organisation; dispatchers see all; leaders
        also see every answer waiting for their review."""
        if access.is_staff_member(user) and user.has_perm("consultations.dispatch_message"):
            return self  # as permissions.can_dispatch
        organisation = access.organisation_of(user)
        mine = Q(organisation=organisation) if organisation is not None else Q(pk__in=[])
        if user.has_perm("consultations.review_answer"):
            mine |= Q(status=Message.Status.IN_REVIEW)  # leaders review answers of every unit
        return self.filter(mine)

    def overdue(self, today: dt.date | None = None) -> MessageQuerySet:
        """Open messages whose answer deadline has passed (the deadline engine's rule: dates, not times)."""
        from deadlines.models import Deadline

        return self.open().filter(Exists(_of_each_message(Deadline.objects.overdue(today))))

    def due_soon(self, today: dt.date | None = None) -> MessageQuerySet:
        """Open messages due today or within their deadline's reminder window (working days)."""
        from deadlines.models import Deadline

        return self.open().filter(Exists(_of_each_message(Deadline.objects.due_soon(today))))

    def with_deadline(self, today: dt.date | None = None) -> MessageQuerySet:
        """Each message with `answer_due` (due date of its running answer deadline, else of the
        latest closed one) and 1/0 flags `is_open`, `is_overdue` (as overdue()), `is_due_soon`."""
        from deadlines.models import Deadline

        running_first = Case(When(state__in=Deadline.ACTIVE_STATES, then=Value(0)), default=Value(1))
        current = _of_each_message(Deadline.objects.all()).order_by(running_first, "-id").values("due_date")[:1]
        late = Exists(_of_each_message(Deadline.objects.overdue(today)))
        soon = Exists(_of_each_message(Deadline.objects.due_soon(today)))
        open_ = ~Q(status__in=[Message.Status.ANSWERED, Message.Status.REJECTED])

        def flag(condition: Q) -> Case:
            return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

        return self.annotate(
            answer_due=Subquery(current, output_field=models.DateField()),
            is_open=flag(open_),
            is_overdue=flag(Q(late) & open_),
            is_due_soon=flag(Q(soon) & open_),
        )

    def received_between(self, start: dt.date, end: dt.date) -> MessageQuerySet:
        return self.filter(received_on__gte=start, received_on__lte=end)

    def search(self, q: str) -> MessageQuerySet:
        """Published messages whose public copy contains every word of `q`."""
        qs = self
        for word in q.split()[:8]:
            qs = qs.filter(Q(public_title__icontains=word) | Q(public_question__icontains=word))
        return qs


class Message(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "待分派"
        ASSIGNED = "assigned", "办理中"
        IN_REVIEW = "in_review", "待领导审核"
        ANSWERED = "answered", "已答复"
        REJECTED = "rejected", "不予受理"

    class Publication(models.TextChoices):
        NONE = "none", "未选登"
        PENDING = "pending", "待确认"
        PUBLISHED = "published", "已选登"

    tracking_number = models.CharField("查询号", max_length=20, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    asker_type = models.CharField("留言人类型", max_length=20, choices=AskerType.choices, default=AskerType.CITIZEN)
    enterprise_name = models.CharField("企业或组织名称", max_length=100, blank=True)
    asker_name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", max_length=254, blank=True)
    everyday_topic = models.CharField(
        "咨询类别",
        max_length=20,
        choices=EverydayTopic.choices,
        blank=True,
        help_text="留言人选择的类别；主题分类随之按国家分类确定，工作人员可调整。",
    )
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices)
    related_policy = models.ForeignKey(
        PolicyDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="相关政策",
    )
    title = models.CharField("标题", max_length=TITLE_MAX)
    question = models.TextField("留言内容", max_length=QUESTION_MAX)
    consent_to_publish = models.BooleanField("同意公开（隐去个人信息）", default=False)
    received_on = models.DateField("收到日期", default=timezone.localdate)
    created_at = models.DateTimeField("提交时间", default=timezone.now, editable=False)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="承办机构",
    )
    answer_draft = models.TextField("答复草稿", blank=True, max_length=ANSWER_MAX)
    needs_leader_review = models.BooleanField("答复须经领导审核", default=False)
    answer = models.TextField("答复内容", blank=True, editable=False)
    answered_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="审核领导",
    )

    rating = models.CharField("满意度", max_length=20, choices=Rating.choices, blank=True, editable=False)
    rating_comment = models.TextField("评价意见", blank=True, max_length=1000, editable=False)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True, editable=False)
    is_typical_case = models.BooleanField("典型案例", default=False)

    publication = models.CharField(
        "选登状态", max_length=20, choices=Publication.choices, default=Publication.NONE, editable=False
    )
    public_asker = models.CharField("公开的留言人", max_length=30, blank=True)
    public_title = models.CharField("公开标题", max_length=TITLE_MAX, blank=True)
    public_question = models.TextField("公开的留言内容", blank=True)
    public_answer = models.TextField("公开的答复内容", blank=True)
    published_at = models.DateTimeField("选登时间", null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("dispatch_message", "分派、转办和选登留言"),
            ("review_answer", "审核留言答复（领导）"),
            ("view_statistics", "查看留言统计与问题聚类"),
        ]
        indexes = [
            models.Index(fields=["publication", "topic"]),
            models.Index(fields=["received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:published_detail", args=[self.pk])

    def get_public_url(self) -> str:
        """The published copy's page (404 until staff confirm the publication)."""
        return self.get_absolute_url()

    @property
    def is_answered(self) -> bool:
        return self.status == self.Status.ANSWERED

    @property
    def topic_label(self) -> str:
        """The everyday topic the asker chose, else the national one (messages from before)."""
        return self.get_everyday_topic_display() if self.everyday_topic else self.get_topic_display()

    @property
    def citizen_status(self) -> str:
        """The status in the asker's words (receipt, tracking page)."""
        return CITIZEN_STATUS[self.status][0]

    @property
    def citizen_status_note(self) -> str:
        """What happens next, in the asker's words; an open message past its promised date says so."""
        due = self.promised_answer_date if self.status not in (self.Status.ANSWERED, self.Status.REJECTED) else None
        if due is not None and due < timezone.localdate():
            return "已超过承诺答复日期，我们已提醒承办部门抓紧答复，请您谅解。"
        return CITIZEN_STATUS[self.status][1]

    @cached_property
    def answer_deadline(self):
        """The answer's Deadline (running, else the latest closed one), or None."""
        from deadlines import services as deadline_services

        return deadline_services.deadline_for(self, DEADLINE_KIND) if self.pk else None

    @property
    def promised_answer_date(self) -> dt.date | None:
        """The date the asker is promised an answer by (None while the calendar is unconfirmed)."""
        deadline = self.answer_deadline
        return deadline.due_date if deadline is not None else None

    @property
    def promised_answer_label(self) -> str:
        """承诺答复日期 as the asker reads it: a date, or the working days while the date is unknown."""
        due = self.promised_answer_date
        if due is not None:
            return f"{due.year}年{due.month}月{due.day}日前"
        deadline = self.answer_deadline
        days = (
            deadline.working_days
            if deadline is not None
            else ChannelLimit.for_channel(self.channel).answer_working_days
        )
        return f"收到留言后 {days} 个工作日内"

    @property
    def can_be_published(self) -> bool:
        return self.is_answered and self.consent_to_publish


# What each status means to the asker: (short label, what happens next).
CITIZEN_STATUS: dict[str, tuple[str, str]] = {
    Message.Status.RECEIVED: ("已收到，正在转交承办部门", "我们已收到您的留言，正在确定由哪个部门答复您。"),
    Message.Status.ASSIGNED: ("正在办理", "承办部门正在办理您的留言，将在承诺答复日期前答复。"),
    Message.Status.IN_REVIEW: ("正在办理", "答复已拟好，正在由负责人审核，审核后即答复您。"),
    Message.Status.ANSWERED: ("已答复", "答复见下方，欢迎您对答复作出评价。"),
    Message.Status.REJECTED: ("不予受理", "该留言不予受理。如有疑问，请拨打 12345 市民服务热线。"),
}


class MessageEvent(AppendOnlyModel):
    """Append-only log of what happened to a message (who, when, what)."""

    class Action(models.TextChoices):
        RECEIVED = "received", "收到留言"
        ASSIGNED = "assigned", "分派"
        TRANSFERRED = "transferred", "转办"
        DRAFTED = "drafted", "保存答复草稿"
        SUBMITTED = "submitted", "提交领导审核"
        SENT_BACK = "sent_back", "退回修改"
        ANSWERED = "answered", "答复"
        REJECTED = "rejected", "不予受理"
        RATED = "rated", "留言人评价"
        VISITED = "visited", "回访"
        PREPARED = "prepared", "生成选登稿"
        PUBLISHED = "published", "确认选登"
        UNPUBLISHED = "unpublished", "撤下选登"
        CODE_RESET = "code_reset", "重新发送查询码"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events", verbose_name="留言")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="操作人"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="机构"
    )
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class ReturnVisit(models.Model):
    """A call or message back to the asker after the answer (回访, item 15)."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话"
        SMS = "sms", "短信"
        EMAIL = "email", "电子邮件"
        IN_PERSON = "in_person", "上门"

    class Result(models.TextChoices):
        RESOLVED = "resolved", "问题已解决"
        PARTLY = "partly", "部分解决"
        UNRESOLVED = "unresolved", "未解决"
        UNREACHABLE = "unreachable", "未能联系上"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="return_visits", verbose_name="留言")
    visited_on = models.DateField("回访日期", default=timezone.localdate)
    method = models.CharField("回访方式", max_length=20, choices=Method.choices)
    result = models.CharField("回访结果", max_length=20, choices=Result.choices)
    note = models.TextField("回访记录", blank=True, max_length=2000)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="回访人"
    )

    class Meta:
        verbose_name = "回访记录"
        verbose_name_plural = "回访记录"
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_result_display()}"


class WindowQuestion(models.Model):
    """A question gathered at a service window (item 6), logged so it counts in the clusters."""

    question = models.CharField("问题", max_length=500)
    topic = models.CharField("主题", max_length=20, choices=Topic.choices)
    related_policy = models.ForeignKey(
        PolicyDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="相关政策"
    )
    asked_on = models.DateField("日期", default=timezone.localdate)
    times = models.PositiveIntegerField("被问次数", default=1)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="窗口所属机构"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="登记人"
    )

    class Meta:
        verbose_name = "窗口咨询记录"
        verbose_name_plural = "窗口咨询记录"
        ordering = ["-asked_on", "-id"]

    def __str__(self) -> str:
        return self.question[:40]


class FAQQuerySet(models.QuerySet):
    def published(self) -> FAQQuerySet:
        return self.filter(is_published=True)

    def most_asked_first(self) -> FAQQuerySet:
        return self.order_by("-asked_count", "-updated_at", "id")


class FAQ(models.Model):
    """A frequently asked question with its answer: the knowledge base shared with
    the 12345 hotline and 一网通办 (items 5, 6)."""

    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答", max_length=ANSWER_MAX)
    everyday_topic = models.CharField(
        "咨询类别", max_length=20, choices=EverydayTopic.choices, blank=True, help_text="留言板上按此类别分组显示。"
    )
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices)
    related_policies = models.ManyToManyField(PolicyDocument, blank=True, related_name="faqs", verbose_name="相关政策")
    asked_count = models.PositiveIntegerField("被问次数", default=0, help_text="来自问题聚类的相似问题数量。")
    is_published = models.BooleanField("已发布", default=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = FAQQuerySet.as_manager()

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题（知识库）"
        ordering = ["-asked_count", "id"]

    def __str__(self) -> str:
        return self.question

    @property
    def topic_label(self) -> str:
        """The everyday topic it is filed under on the board, else the national one."""
        return self.get_everyday_topic_display() if self.everyday_topic else self.get_topic_display()

    @property
    def public_question(self) -> str:
        """The question as the board, the API, the CSV export and search show it. Staff write
        it from citizens' questions, so whatever of theirs is left is hidden, landline-like
        numbers included."""
        return mask_citizen_text(self.question)

    @property
    def public_answer(self) -> str:
        """The answer as the public sees it: what the privacy scan finds is hidden; office
        landlines (021-59740000) stay."""
        return privacy.mask(self.answer)
