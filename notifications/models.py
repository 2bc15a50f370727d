from __future__ import annotations

from django.db import models


class OutboxMessage(models.Model):
    """An e-mail written in the transaction that caused it; delivered by a
    Celery task after commit, or by the periodic task if the broker was down."""

    key = models.CharField("去重键", max_length=200, unique=True)
    recipients = models.JSONField("收件人", default=list)
    subject = models.CharField("主题", max_length=300)
    body = models.TextField("正文")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    confidential = models.BooleanField(
        "含凭证",
        default=False,
        help_text="正文含查询码等只给收件人本人的凭证：管理后台不显示正文，发送成功后正文即清除。",
    )
    headers = models.JSONField(
        "附加邮件头", default=dict, blank=True, help_text="如退订用的 List-Unsubscribe（RFC 8058）。"
    )

    class Meta:
        # The table keeps the name it had when the outbox lived in the deadlines app.
        db_table = "deadlines_outboxmessage"
        verbose_name = "待发邮件"
        verbose_name_plural = "待发邮件"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
