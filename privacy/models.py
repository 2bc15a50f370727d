from __future__ import annotations

from django.db import models


class SensitiveWord(models.Model):
    """A word the confidentiality scan flags (秘密, 机密, 内部资料, ...)."""

    word = models.CharField("敏感词", max_length=50, unique=True)
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
