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
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from documents.models import PolicyDocument, Topic
from organisations.models import Organisation

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
        from . import permissions

        if permissions.can_dispatch(user):
            return self
        from organisations.roles import organisation_of

        organisation = organisation_of(user)
        mine = Q(organisation=organisation) if organisation is not None else Q(pk__in=[])
        if user.has_perm("consultations.review_answer"):
            mine |= Q(status=Message.Status.IN_REVIEW)  # leaders review answers of every unit
        return self.filter(mine)

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
    topic = models.CharField("主题", max_length=20, choices=Topic.choices)
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
    def can_be_published(self) -> bool:
        return self.is_answered and self.consent_to_publish


class MessageEvent(models.Model):
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

    def search(self, q: str) -> FAQQuerySet:
        qs = self
        for word in q.split()[:8]:
            qs = qs.filter(Q(question__icontains=word) | Q(answer__icontains=word))
        return qs


class FAQ(models.Model):
    """A frequently asked question with its answer: the knowledge base shared with
    the 12345 hotline and 一网通办 (items 5, 6)."""

    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答", max_length=ANSWER_MAX)
    topic = models.CharField("主题", max_length=20, choices=Topic.choices)
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
