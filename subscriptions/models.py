"""E-mail subscriptions to new policy documents, interpretations and decision drafts open
for public comment (item 7).

A ``Subscriber`` is one e-mail address (private: shown to staff only, masked in lists);
its ``Subscription`` rows say what it follows and how often. Nothing is sent for a
subscription until its address confirmed it (double opt-in). ``Delivery`` is the
once-only rule: one row per (subscriber, item), whatever number of subscriptions
match; an item is a document, an interpretation or a decision opened for comment.
``MatchedDocument``, ``MatchedInterpretation`` and ``MatchedDecision`` mark an item as
matched, so the periodic scan looks at each once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from decisions.models import Decision
from documents.models import CatalogTag, DocumentType, PolicyDocument
from interpretations.models import Interpretation
from organisations.models import Organisation


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "即时（有新文件即发送）"
    DAILY = "daily", "每日摘要"
    WEEKLY = "weekly", "每周摘要"


# The most urgent first: a document matched by several subscriptions goes out with the first.
FREQUENCY_ORDER = [Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY]


class Kind(models.TextChoices):
    TAG = "tag", "标签"
    ORGANISATION = "organisation", "发文机关"
    DOC_TYPE = "doc_type", "文件类型"
    QUERY = "query", "关键词"
    INTERPRETATION = "interpretation", "政策解读"
    OPEN_FOR_COMMENT = "open_for_comment", "征求意见"


# The kinds that follow everything of their sort (no tag, organisation or query): their target.
ALL_TARGET = "all"


def mask_email(address: str) -> str:
    """a***@example.com: what staff lists show of an address."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class Subscriber(models.Model):
    email = models.EmailField("电子邮箱", max_length=254, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriber",
        verbose_name="账号",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "订阅人"
        verbose_name_plural = "订阅人"
        ordering = ["id"]

    def __str__(self) -> str:
        return mask_email(self.email)


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name="订阅人"
    )
    kind = models.CharField("订阅类别", max_length=20, choices=Kind.choices)
    # One string naming what is followed (the tag's or organisation's id, the type, the
    # query), so "the same subscription twice" is one unique constraint.
    target = models.CharField("订阅对象键", max_length=120)
    tag = models.ForeignKey(CatalogTag, on_delete=models.CASCADE, null=True, blank=True, verbose_name="标签")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, verbose_name="发文机关"
    )
    doc_type = models.CharField("文件类型", max_length=20, choices=DocumentType.choices, blank=True)
    query = models.CharField("关键词", max_length=100, blank=True)
    frequency = models.CharField("发送频率", max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "订阅"
        verbose_name_plural = "订阅"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "kind", "target"], name="subscription_once_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.label}"

    @property
    def label(self) -> str:
        if self.kind == Kind.TAG and self.tag:
            return f"{self.tag.dimension.name} · {self.tag.name}"
        if self.kind == Kind.ORGANISATION and self.organisation:
            return self.organisation.name
        if self.kind == Kind.DOC_TYPE:
            return self.get_doc_type_display()
        if self.kind == Kind.INTERPRETATION:
            return "新发布的政策解读"
        if self.kind == Kind.OPEN_FOR_COMMENT:
            return "公开征求意见的重大行政决策草案"
        return f"“{self.query}”"


class Delivery(models.Model):
    """An item owed to a subscriber (exactly one of document, interpretation, decision):
    written by the match, sent by a digest, once."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name="订阅人"
    )
    document = models.ForeignKey(
        PolicyDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="文件"
    )
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="政策解读"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="征求意见的决策"
    )
    frequency = models.CharField("发送频率", max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField("匹配时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True, help_text="发送前文件已撤回。")

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "document"], name="delivery_once_per_document"),
            models.UniqueConstraint(fields=["subscriber", "interpretation"], name="delivery_once_per_interpretation"),
            models.UniqueConstraint(fields=["subscriber", "decision"], name="delivery_once_per_decision"),
            models.CheckConstraint(
                condition=Q(document__isnull=False, interpretation__isnull=True, decision__isnull=True)
                | Q(document__isnull=True, interpretation__isnull=False, decision__isnull=True)
                | Q(document__isnull=True, interpretation__isnull=True, decision__isnull=False),
                name="delivery_one_item",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "sent_at", "cancelled_at"], name="delivery_pending")]

    def __str__(self) -> str:
        return f"{self.document_id or self.interpretation_id or self.decision_id} → {self.subscriber_id}"


class MatchedDocument(models.Model):
    document = models.OneToOneField(PolicyDocument, on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "已匹配文件"
        verbose_name_plural = "已匹配文件"

    def __str__(self) -> str:
        return str(self.document_id)


class MatchedInterpretation(models.Model):
    interpretation = models.OneToOneField(Interpretation, on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "已匹配解读"
        verbose_name_plural = "已匹配解读"

    def __str__(self) -> str:
        return str(self.interpretation_id)


class MatchedDecision(models.Model):
    """A decision draft matched when its comment window opened (once: a window opens once)."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "已匹配征求意见"
        verbose_name_plural = "已匹配征求意见"

    def __str__(self) -> str:
        return str(self.decision_id)
