"""Events of the government open month and policy coaching (items 8, 16): an event with its
sessions, the registrations of people without an account (their name, phone and e-mail are
private) and the wait list. The status a reader sees is derived (``Event.status``)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from documents.models import PolicyDocument
from organisations.models import Organisation


class Kind(models.TextChoices):
    OPEN_DAY = "open_day", "政府开放活动"
    COACHING = "coaching", "政策宣讲/辅导"
    FORUM = "forum", "座谈会"


class EventStatus(models.TextChoices):
    SOLICITING = "soliciting", "征集中"
    OPEN = "open", "报名中"
    FULL = "full", "已满"
    ENDED = "ended", "已结束"
    CANCELLED = "cancelled", "已取消"


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        return self.filter(published=True)


class Event(models.Model):
    title = models.CharField("活动名称", max_length=200)
    organiser = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name="主办单位")
    kind = models.CharField("活动类型", max_length=20, choices=Kind.choices)
    summary = models.TextField("活动简介", blank=True)
    venue = models.CharField("活动地点", max_length=200)
    map_url = models.URLField("地图链接", blank=True)
    documents = models.ManyToManyField(PolicyDocument, blank=True, verbose_name="涉及的政策文件")
    accessibility_notes = models.TextField("无障碍说明", blank=True, help_text="如轮椅通道、手语翻译、助听设备等。")
    soliciting = models.BooleanField("议题征集中", default=False, help_text="勾选时尚未开放报名。")
    cancelled = models.BooleanField("已取消", default=False)
    published = models.BooleanField("已发布", default=False)
    minutes = models.TextField(
        "活动纪要", blank=True, help_text="活动结束后发布在活动页面上：议程、问答要点、后续安排。"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    def status(self, now: dt.datetime | None = None) -> str:
        """The one rule of an event's status: cancelled, soliciting, ended when every session
        has started, full when no open session has seats left, otherwise open."""
        now = now or timezone.now()
        if self.cancelled:
            return EventStatus.CANCELLED
        if self.soliciting:
            return EventStatus.SOLICITING
        sessions = list(self.sessions.all())
        coming = [s for s in sessions if s.starts_at() > now]
        if not coming:
            return EventStatus.ENDED
        if any(s.accepting(now) and s.seats_left() > 0 for s in coming):
            return EventStatus.OPEN
        return EventStatus.FULL

    def status_label(self) -> str:
        return EventStatus(self.status()).label


class EventPhoto(models.Model):
    """A photo of the record, published on the event page; the alt text is required."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name="活动")
    image = models.ImageField("照片", upload_to="events/photos/%Y/")
    alt_text = models.CharField("替代文字", max_length=200, help_text="向看不到图片的读者描述照片内容。")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "活动照片"
        verbose_name_plural = "活动照片"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name="活动")
    date = models.DateField("日期")
    start_time = models.TimeField("开始时间")
    end_time = models.TimeField("结束时间")
    capacity = models.PositiveIntegerField("名额")
    max_party = models.PositiveSmallIntegerField("每次报名最多人数", default=3)
    registration_closes_at = models.DateTimeField("报名截止", null=True, blank=True, help_text="留空则开始前截止。")

    class Meta:
        verbose_name = "场次"
        verbose_name_plural = "场次"
        ordering = ["date", "start_time"]

    def __str__(self) -> str:
        return f"{self.event.title} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    def closes_at(self) -> dt.datetime:
        return self.registration_closes_at or self.starts_at()

    def accepting(self, now: dt.datetime | None = None) -> bool:
        event = self.event
        return not event.cancelled and not event.soliciting and (now or timezone.now()) < self.closes_at()

    def seats_taken(self) -> int:
        return self.registrations.filter(state=RegistrationState.CONFIRMED).aggregate(n=Sum("party_size"))["n"] or 0

    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken(), 0)

    def attendance(self) -> int:
        return (
            self.registrations.filter(state=RegistrationState.CONFIRMED, checked_in_at__isnull=False).aggregate(
                n=Sum("party_size")
            )["n"]
            or 0
        )


class RegistrationState(models.TextChoices):
    CONFIRMED = "confirmed", "报名成功"
    WAITING = "waiting", "候补中"
    CANCELLED = "cancelled", "已取消"


class Registration(models.Model):
    """One registration. Name, phone and e-mail are private: staff see them at the door,
    no public page, feed, API or log does."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations", verbose_name="场次")
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("手机号码", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    party_size = models.PositiveSmallIntegerField("人数", default=1)
    state = models.CharField("状态", max_length=20, choices=RegistrationState.choices)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("报名时间", default=timezone.now)
    promoted_at = models.DateTimeField("候补转正时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    reminded_at = models.DateTimeField("提醒时间", null=True, blank=True)
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)

    class Meta:
        verbose_name = "报名"
        verbose_name_plural = "报名"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(state="cancelled"),
                name="events_one_live_registration_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"报名 #{self.pk}"


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", "征集中"
    SELECTED = "selected", "已列入议程"
    MERGED = "merged", "已合并"
    HIDDEN = "hidden", "不予展示"


class Topic(models.Model):
    """A topic (and venue) the public proposes before the month; what is shown is the
    masked copy of what was typed. Nobody's identity is stored."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="topics", verbose_name="活动")
    title = models.CharField("议题", max_length=100)
    venue = models.CharField("建议地点", max_length=100, blank=True)
    status = models.CharField("状态", max_length=20, choices=TopicStatus.choices, default=TopicStatus.PROPOSED)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged", verbose_name="合并到"
    )
    by_staff = models.BooleanField("工作人员提出", default=False)
    created_at = models.DateTimeField("提出时间", default=timezone.now)

    class Meta:
        verbose_name = "议题"
        verbose_name_plural = "议题"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class TopicVote(models.Model):
    """One vote: the voter is known only by two keyed hashes (a cookie, the address with the
    browser), each allowed once per topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes", verbose_name="议题")
    voter_key = models.CharField(max_length=64)
    network_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        constraints = [
            models.UniqueConstraint(fields=["topic", "voter_key"], name="events_one_vote_per_voter"),
            models.UniqueConstraint(fields=["topic", "network_key"], name="events_one_vote_per_network_key"),
        ]

    def __str__(self) -> str:
        return f"投票 #{self.pk}"


class EventQuestionAnswer(models.Model):
    """A question asked at the event and its answer, entered by staff and published with the
    record. Staff write it as it should be read: the asker is never named."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions_answered", verbose_name="活动")
    question = models.TextField("问题")
    answer = models.TextField("答复")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "现场问答"
        verbose_name_plural = "现场问答"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.question[:40]


# --- The questionnaire after the event ---------------------------------------------------


class Questionnaire(models.Model):
    """The questionnaire of an event, answered once per registration that was checked in
    (see ``services.questionnaire_answer``). Its results are shown on the event page once
    the event has ended; free-text answers are read by staff only (the page shows their count)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="questionnaire", verbose_name="活动")
    intro = models.TextField("问卷说明", blank=True)
    accepting = models.BooleanField("开放填写", default=False, help_text="勾选后，已签到的参加者可凭报名码填写。")
    closes_at = models.DateTimeField(
        "填写截止", null=True, blank=True, help_text="留空则一直开放，直到取消“开放填写”。"
    )

    class Meta:
        verbose_name = "活动问卷"
        verbose_name_plural = "活动问卷"

    def __str__(self) -> str:
        return f"{self.event.title} 问卷"

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.accepting and (self.closes_at is None or now < self.closes_at)


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    RATING = "rating", "评分题（1-5分）"
    TEXT = "text", "文字题"


RATING_SCALE = [1, 2, 3, 4, 5]


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name="问卷"
    )
    text = models.CharField("题目", max_length=200)
    kind = models.CharField("题型", max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField("必答", default=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "问卷题目"
        verbose_name_plural = "问卷题目"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class QuestionOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options", verbose_name="题目")
    text = models.CharField("选项", max_length=100)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "选项"
        verbose_name_plural = "选项"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class QuestionnaireResponse(models.Model):
    """One answer set; one per registration (the unique registration is the once-only rule).
    The registration links it to a name and phone for staff only; no public page shows who answered."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses", verbose_name="问卷"
    )
    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="questionnaire_response", verbose_name="报名"
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    class Meta:
        verbose_name = "问卷答卷"
        verbose_name_plural = "问卷答卷"
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"答卷 #{self.pk}"


class QuestionnaireAnswer(models.Model):
    """The answer to one question: one row per chosen option (a multiple choice has several),
    a rating, or a text (private: staff only)."""

    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers", verbose_name="答卷"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name="题目")
    option = models.ForeignKey(
        QuestionOption, on_delete=models.PROTECT, null=True, blank=True, related_name="answers", verbose_name="选项"
    )
    rating = models.PositiveSmallIntegerField("评分", null=True, blank=True)
    text = models.TextField("文字回答", blank=True)

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "option"], name="events_answer_option_once"),
            models.UniqueConstraint(
                fields=["response", "question"], condition=Q(option__isnull=True), name="events_answer_once"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="events_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"回答 #{self.pk}"
