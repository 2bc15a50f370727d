"""E-mail subscriptions to new policy documents (item 7).

A ``Subscriber`` is one e-mail address (private: shown to staff only, masked in lists);
its ``Subscription`` rows say what it follows and how often. Nothing is sent for a
subscription until its address confirmed it (double opt-in). ``Delivery`` is the
once-only rule: one row per (subscriber, document), whatever number of subscriptions
match. ``MatchedDocument`` marks a published document as matched, so the periodic scan
looks at each document once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from documents.models import CatalogTag, DocumentType, PolicyDocument
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
        return f"“{self.query}”"


class Delivery(models.Model):
    """A document owed to a subscriber: written by the match, sent by a digest, once."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name="订阅人"
    )
    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="+", verbose_name="文件")
    frequency = models.CharField("发送频率", max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField("匹配时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True, help_text="发送前文件已撤回。")

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        constraints = [models.UniqueConstraint(fields=["subscriber", "document"], name="delivery_once_per_document")]
        indexes = [models.Index(fields=["frequency", "sent_at", "cancelled_at"], name="delivery_pending")]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.subscriber_id}"


class MatchedDocument(models.Model):
    document = models.OneToOneField(PolicyDocument, on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "已匹配文件"
        verbose_name_plural = "已匹配文件"

    def __str__(self) -> str:
        return str(self.document_id)
