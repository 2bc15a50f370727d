"""The year's work points (政务公开工作要点, items 26-28): a document in the library broken
into tasks, each with its responsible office, time limit, status and evidence, and the
record that the town's head heard a report on disclosure work (item 26)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from documents.models import PolicyDocument
from organisations.models import Organisation

HEAD_REPORTS_PER_YEAR = 1  # item 26: the town's head hears a report at least once a year
MINUTES_EXTENSIONS = ["pdf", "doc", "docx", "ofd", "txt", "jpg", "jpeg", "png"]
MINUTES_FOLDER = "private"  # under MEDIA_ROOT; nothing under MEDIA_ROOT has a URL


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "逾期"


class Probe(models.TextChoices):
    """What the portal's own data can tell about an item (workpoints.probes)."""

    NONE = "", "无（由工作人员填报）"
    NORMATIVE_LIST = "normative_list", "现行有效行政规范性文件目录（第2项）"
    FAQ_LIST = "faq_list", "常见问题解答清单（第5项）"
    DECISION_CATALOGUE = "decision_catalogue", "年度重大行政决策事项目录已公布（第10项）"
    REPRESENTATIVE_MEETING = "representative_meeting", "公众代表列席决策会议（第13项）"
    HEAD_REPORT = "head_report", "主要负责同志听取工作汇报（第26项）"


class WorkPlan(models.Model):
    """A year's work points: the published document and who coordinates them."""

    year = models.PositiveIntegerField("年度", unique=True)
    document = models.ForeignKey(
        PolicyDocument, on_delete=models.PROTECT, related_name="work_plans", verbose_name="工作要点文件"
    )
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coordinated_work_plans",
        verbose_name="统筹协调科室",
        help_text="负责任务分解和日常跟进的科室（一般为党政办公室）。",
    )
    introduction = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "年度政务公开工作要点"
        verbose_name_plural = "年度政务公开工作要点"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年政务公开工作要点"

    def get_absolute_url(self) -> str:
        return reverse("workpoints:year", args=[self.year])

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class WorkItem(models.Model):
    """One numbered item of the work points, as a task."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items", verbose_name="工作要点")
    number = models.PositiveSmallIntegerField("序号", validators=[MinValueValidator(1)])
    section = models.CharField("所属部分", max_length=60, blank=True, help_text="例如“二、提升政策公开服务能级”。")
    text = models.CharField("任务", max_length=300)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="work_items", verbose_name="责任科室"
    )
    due_on = models.DateField("完成时限")
    status = models.CharField(
        "填报状态",
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        help_text="有数据核验的任务，公开页以数据核验结果为准；过了时限未完成的显示为逾期。",
    )
    probe = models.CharField("数据核验", max_length=30, choices=Probe.choices, blank=True)
    progress_note = models.CharField("进展说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "工作任务"
        verbose_name_plural = "工作任务"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="workpoints_item_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}、{self.text}"


# The portal objects an evidence row may point at: each has a public page, and the public
# tracker links one only while it is public (workpoints.selectors.PUBLIC_TARGETS).
EVIDENCE_MODELS = (
    models.Q(app_label="documents", model="policydocument")
    | models.Q(app_label="decisions", model="catalogue")
    | models.Q(app_label="decisions", model="decision")
)
BAD_URL = "链接须为本站路径（以 / 开头）或以 https:// 开头的网址。"


def is_safe_evidence_url(url: str) -> bool:
    """A path on this site, or an https address: never a script or another scheme."""
    if url.startswith("/"):
        return not url.startswith("//") and "\\" not in url
    return url.startswith("https://") and " " not in url


class Evidence(models.Model):
    """What proves an item done: a link to a portal page (a URL, or a portal object),
    with a label and a date."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="evidence", verbose_name="任务")
    label = models.CharField("佐证材料", max_length=200)
    url = models.CharField(
        "链接",
        max_length=500,
        blank=True,
        help_text="本站页面的路径，例如 /documents/normative/；或 https:// 开头的网址。",
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        limit_choices_to=EVIDENCE_MODELS,
        verbose_name="关联对象类型",
        help_text="政策文件、年度重大行政决策事项目录或重大行政决策；公开页只链接已公开的对象。",
    )
    object_id = models.PositiveBigIntegerField("关联对象编号", null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    dated_on = models.DateField("日期", null=True, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["item", "order", "id"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.url and not is_safe_evidence_url(self.url):
            raise ValidationError({"url": BAD_URL}, code="url")
        if bool(self.content_type_id) != bool(self.object_id):
            raise ValidationError("关联对象类型和编号须同时填写。")
        if not self.url and not self.content_type_id:
            raise ValidationError("请填写链接或关联对象。")
        if self.content_type_id and self.object_id:
            model = self.content_type.model_class()
            if model is None or not model._default_manager.filter(pk=self.object_id).exists():
                raise ValidationError({"object_id": "没有这个编号的关联对象。"}, code="missing")


class MinutesStorage(FileSystemStorage):
    """Minutes of the head's hearing under ``MEDIA_ROOT/private/``, with no URL: staff
    open them through a view that checks the permission."""

    @cached_property
    def base_location(self) -> str:  # follows MEDIA_ROOT, also when a test changes it
        return str(Path(settings.MEDIA_ROOT) / MINUTES_FOLDER)

    def url(self, name: str | None) -> str:
        raise ValueError("会议纪要不通过网址提供。")


_minutes_storage = MinutesStorage()


def minutes_storage() -> MinutesStorage:
    return _minutes_storage


def minutes_path(instance: HeadReport, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"workpoints/minutes/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class HeadReport(models.Model):
    """Item 26: the town government's principal head heard a report on disclosure work."""

    heard_on = models.DateField("听取汇报日期")
    topic = models.CharField("议题", max_length=200)
    meeting = models.CharField("会议", max_length=100, blank=True, help_text="例如“镇政府常务会议”。")
    minutes_file = models.FileField(
        "会议纪要（内部）",
        storage=minutes_storage,
        upload_to=minutes_path,
        blank=True,
        validators=[FileExtensionValidator(MINUTES_EXTENSIONS)],
        help_text="仅工作人员可查看，不在公开页显示。",
    )
    minutes_document = models.ForeignKey(
        PolicyDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="公开的会议纪要文件",
        help_text="纪要已作为文件公开时选择；公开页只链接已公开的文件。",
    )

    class Meta:
        verbose_name = "听取政务公开工作汇报"
        verbose_name_plural = "听取政务公开工作汇报（第26项）"
        ordering = ["-heard_on", "id"]

    def __str__(self) -> str:
        return f"{self.heard_on:%Y-%m-%d} {self.topic}"

    def clean(self) -> None:
        if self.heard_on and self.heard_on > timezone.localdate():
            raise ValidationError({"heard_on": "听取汇报日期不能晚于今天。"}, code="future")
