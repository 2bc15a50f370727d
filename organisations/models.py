from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Organisation(models.Model):
    """A body that issues documents: the town government, an office or
    department, or a village/residential committee (村居委, item 22)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "镇人民政府"
        OFFICE = "office", "办公室"
        DEPARTMENT = "department", "职能部门"
        VILLAGE = "village", "村民委员会"
        RESIDENTIAL = "residential", "居民委员会"

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    slug = models.SlugField("网址标识", max_length=50, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    agency_code = models.CharField(
        "机关代字", max_length=20, blank=True, help_text="发文字号中的机关代字，例如“徐府发”。"
    )
    index_code = models.CharField(
        "组织机构代码", max_length=20, help_text="索引号的第一段，例如统一社会信用代码的机构部分。"
    )
    description = models.TextField("简介", blank=True)
    order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:organisation", args=[self.slug])

    @property
    def is_grassroots(self) -> bool:
        """Village and residential committees (村居务公开)."""
        return self.kind in {self.Kind.VILLAGE, self.Kind.RESIDENTIAL}


class StaffProfile(models.Model):
    """Links a staff account to the one organisation it works for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", verbose_name="所属机构"
    )

    class Meta:
        verbose_name = "工作人员档案"
        verbose_name_plural = "工作人员档案"

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"
