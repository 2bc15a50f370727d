from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from organisations.models import Organisation
from xujing_portal.append_only import AppendOnlyModel

from . import numbers
from .validity import Validity, current_validity_q, reader_validity, reader_validity_label


class TagDimension(models.Model):
    """A facet of the city's tag catalogue: 主题, 对象, 行业, ..."""

    name = models.CharField("维度名称", max_length=30, unique=True)
    slug = models.SlugField("网址标识", max_length=30, unique=True)
    order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "标签维度"
        verbose_name_plural = "标签维度"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class CatalogTag(TagBase):
    """A tag of the managed catalogue (item 1). Documents carry only these."""

    dimension = models.ForeignKey(TagDimension, on_delete=models.PROTECT, related_name="tags", verbose_name="维度")
    order = models.PositiveIntegerField("排序", default=100)
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "目录标签"
        verbose_name_plural = "标签目录"
        ordering = ["dimension__order", "order", "id"]

    def get_absolute_url(self) -> str:
        return reverse("documents:list") + f"?tag={self.slug}"


class TaggedDocument(TaggedItemBase):
    content_object = models.ForeignKey("PolicyDocument", on_delete=models.CASCADE)
    tag = models.ForeignKey(CatalogTag, on_delete=models.CASCADE, related_name="tagged_documents")

    class Meta:
        verbose_name = "文件标签"
        verbose_name_plural = "文件标签"
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_document_tag")]


class CatalogueItem(models.Model):
    """A node of the standard disclosure catalogue (item 21)."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级目录"
    )
    code = models.CharField("目录编码", max_length=20, unique=True)
    name = models.CharField("目录名称", max_length=60)
    order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "标准目录"
        verbose_name_plural = "标准目录"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id and self.parent else self.name

    def get_absolute_url(self) -> str:
        return reverse("documents:catalogue_item", args=[self.code])

    def clean(self) -> None:
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": "上级目录不能形成循环。"}, code="cycle")
            seen.add(node.pk)
            node = node.parent


class DocumentType(models.TextChoices):
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他主动公开文件"
    PLAN = "plan", "规划计划"
    REPORT = "report", "工作报告与总结"
    NOTICE = "notice", "通知公告"


class Topic(models.TextChoices):
    """主题分类, after the State Council's topic classification."""

    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "经济管理"
    FINANCE = "finance", "财政、金融、审计"
    LAND = "land", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY = "industry", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    URBAN = "urban", "城乡建设、环境保护"
    SCIENCE = "science", "科技、教育"
    CULTURE = "culture", "文化、广电、新闻出版"
    HEALTH = "health", "卫生、体育"
    LABOUR = "labour", "劳动、人事、监察"
    CIVIL = "civil", "民政、扶贫、救灾"
    SAFETY = "safety", "公安、安全、司法"


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class NonDisclosureReason(models.TextChoices):
    """Legal grounds in the Regulations on Open Government Information."""

    STATE_SECRET = "art14_secret", "国家秘密（《条例》第十四条）"
    LAW_FORBIDS = "art14_law", "法律、行政法规禁止公开（《条例》第十四条）"
    SECURITY = "art14_security", "危及“三安全一稳定”（《条例》第十四条）"
    THIRD_PARTY = "art15_third_party", "涉及商业秘密、个人隐私（《条例》第十五条）"
    INTERNAL = "art16_internal", "内部事务信息（《条例》第十六条第一款）"
    PROCESS = "art16_process", "过程性信息（《条例》第十六条第二款）"


class DisclosureScope(models.TextChoices):
    PUBLIC = "public", "面向社会公开"
    TARGETED = "targeted", "定向公开"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING_REVIEW = "pending_review", "待公开审查"
    PENDING_SIGNOFF = "pending_signoff", "待审签"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class PolicyDocumentQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None) -> PolicyDocumentQuerySet:
        """Signed and past their publication time, whatever their scope."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now)

    def public(self, now: dt.datetime | None = None) -> PolicyDocumentQuerySet:
        """What anyone may see: published, proactively disclosed, public scope."""
        return self.published(now).filter(
            disclosure_scope=DisclosureScope.PUBLIC, disclosure_attribute=DisclosureAttribute.PROACTIVE
        )

    def targeted(self) -> PolicyDocumentQuerySet:
        """Proactively disclosed to a targeted audience (定向公开), whoever that audience is."""
        return self.filter(
            disclosure_scope=DisclosureScope.TARGETED, disclosure_attribute=DisclosureAttribute.PROACTIVE
        )

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> PolicyDocumentQuerySet:
        """Public documents, plus targeted ones addressed to the user's groups (item 19)."""
        if not user.is_authenticated:
            return self.public()
        targeted = self.published().filter(
            disclosure_scope=DisclosureScope.TARGETED,
            disclosure_attribute=DisclosureAttribute.PROACTIVE,
            target_groups__in=user.groups.all(),
        )
        return self.filter(Q(pk__in=self.public().values("pk")) | Q(pk__in=targeted.values("pk")))

    def currently_valid(self, today: dt.date | None = None) -> PolicyDocumentQuerySet:
        """In force today, computed from the dates so it is right even if no task ran."""
        return self.filter(current_validity_q(Validity.VALID, today or timezone.localdate()))

    def needs_interpretation(self) -> PolicyDocumentQuerySet:
        """Documents that must be published with an interpretation (as the property)."""
        return self.filter(Q(doc_type=DocumentType.NORMATIVE) | Q(interpretation_required=True))

    def normative(self) -> PolicyDocumentQuerySet:
        return self.filter(doc_type=DocumentType.NORMATIVE)

    def expiring_between(self, start: dt.date, end: dt.date) -> PolicyDocumentQuerySet:
        return self.filter(validity=Validity.VALID, expiry_date__gte=start, expiry_date__lte=end)

    def incomplete(self) -> PolicyDocumentQuerySet:
        """Missing a required element (item 3); PolicyDocument.missing_elements() says which."""
        normative = Q(doc_type=DocumentType.NORMATIVE)
        return self.filter(
            Q(summary="")
            | Q(topic="")
            | Q(catalogue_item__isnull=True)
            | ~Q(pk__in=TaggedDocument.objects.values("content_object"))
            | (normative & Q(doc_number=""))
            | (normative & Q(effective_date__isnull=True))
        )

    def for_listing(self) -> PolicyDocumentQuerySet:
        return self.select_related("issuing_organisation").prefetch_related("tags")


ISSUING_ORGANISATION_HELP = (
    "文件以谁的名义印发：公开页面、列表、订阅、接口和索引号都显示这个机关。"
    "可选起草机构本身；镇政府各办公室和职能部门起草、以镇人民政府名义印发的文件"
    "（如“徐府发”文件），请选镇人民政府。村居委的文件以本委员会名义印发。"
)
# Drafting organisations that may issue in the town government's name as well as their own.
DRAFTS_FOR_GOVERNMENT = (Organisation.Kind.OFFICE, Organisation.Kind.DEPARTMENT)


def issuing_organisations_for(organisation: Organisation) -> models.QuerySet[Organisation]:
    """The organs a document drafted by `organisation` may be issued in the name of:
    the organisation itself and, for an office or department of the town government,
    the town government (镇人民政府). The one rule behind the admin's choices and clean()."""
    allowed = Q(pk=organisation.pk)
    if organisation.kind in DRAFTS_FOR_GOVERNMENT:
        allowed |= Q(kind=Organisation.Kind.GOVERNMENT)
    return Organisation.objects.filter(allowed).order_by("order", "id")


def attachment_path(instance: Attachment, filename: str) -> str:
    """Random stored name: the original name is kept in the database only."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PolicyDocument(models.Model):
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="起草机构",
        help_text="负责起草和办理本文件的机构：只有本机构的工作人员能查看和办理。",
    )
    issuing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name="发文机关",
        help_text=ISSUING_ORGANISATION_HELP,
    )
    index_number = models.CharField("索引号", max_length=60, unique=True, editable=False)
    written_date = models.DateField("成文日期")
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    scheduled_publish_at = models.DateTimeField(
        "定时发布时间", null=True, blank=True, help_text="留空则审签后立即发布。"
    )
    doc_type = models.CharField("文件类型", max_length=20, choices=DocumentType.choices)
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices)
    catalogue_item = models.ForeignKey(
        CatalogueItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="公开目录",
    )
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = models.TextField("正文", blank=True)
    tags = TaggableManager("标签", through=TaggedDocument, blank=True, help_text="只能从标签目录中选择。")

    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    expiry_date = models.DateField("有效期至", null=True, blank=True, help_text="有效期最后一天。")
    expiry_warning_sent_on = models.DateField(
        "到期提醒发送日期",
        null=True,
        blank=True,
        editable=False,
        help_text="已提前提醒起草机关的日期；每份文件只提醒一次。",
    )
    replaces = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by", verbose_name="替代的旧文件"
    )

    disclosure_attribute = models.CharField(
        "公开属性", max_length=20, choices=DisclosureAttribute.choices, default=DisclosureAttribute.PROACTIVE
    )
    non_disclosure_reason = models.CharField(
        "不予公开理由", max_length=30, choices=NonDisclosureReason.choices, blank=True
    )
    disclosure_scope = models.CharField(
        "公开范围", max_length=20, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC
    )
    target_groups = models.ManyToManyField(
        Group, blank=True, related_name="targeted_documents", verbose_name="定向公开对象"
    )

    interpretation_required = models.BooleanField(
        "需要解读",
        default=False,
        help_text="行政规范性文件总是需要解读；其他文件如需配套政策解读，请勾选。",
    )

    privacy_scanned_at = models.DateTimeField(
        "隐私扫描时间",
        null=True,
        blank=True,
        editable=False,
        help_text="每次保存正文、标题、摘要或附件后重新扫描。",
    )

    status = models.CharField("流程状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_comment = models.CharField("最近流转说明", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, verbose_name="起草人"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="公开审查人",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="审签人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        ordering = ["-published_at", "-id"]
        permissions = [
            ("review_policydocument", "可进行公开审查"),
            ("sign_policydocument", "可审签发布"),
            ("withdraw_policydocument", "可撤回已发布文件"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["validity", "expiry_date"]),
            # The public documents, newest first (the list, the API): a deep page's ids are
            # read from this index alone, without visiting the rows it skips.
            models.Index(
                fields=["-published_at", "-id"],
                name="documents_public_newest_idx",
                condition=models.Q(status="published", disclosure_scope="public", disclosure_attribute="proactive"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.doc_number:
            try:
                self.doc_number = numbers.normalise(self.doc_number)
            except ValueError as exc:
                errors["doc_number"] = str(exc)
        elif self.doc_type == DocumentType.NORMATIVE:
            errors["doc_number"] = "行政规范性文件必须填写发文字号。"
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = "有效期截止日期不能早于施行日期。"
        if self.organisation_id and self.issuing_organisation_id:
            allowed = issuing_organisations_for(self.organisation)
            if not allowed.filter(pk=self.issuing_organisation_id).exists():
                names = "或".join(org.name for org in allowed)
                errors["issuing_organisation"] = (
                    f"{self.organisation.name}起草的文件只能以{names}的名义印发，请重新选择发文机关。"
                )
        if self.disclosure_attribute == DisclosureAttribute.NOT_DISCLOSED and not self.non_disclosure_reason:
            errors["non_disclosure_reason"] = "不予公开的文件必须选择法定理由。"
        if self.disclosure_attribute != DisclosureAttribute.NOT_DISCLOSED and self.non_disclosure_reason:
            errors["non_disclosure_reason"] = "只有不予公开的文件才需要填写不予公开理由。"
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.written_date.year

    def assign_index_number(self) -> None:
        """The next 索引号 (documents.numbers.index_number) in the issuing organ's year.

        The organ in whose name the document is issued, not the office that drafts it:
        a 徐府发 document drafted by 党政办 gets the town government's index code.
        """
        index_code, year = self.issuing_organisation.index_code, self.written_date.year
        last = (
            PolicyDocument.objects.filter(index_number__startswith=numbers.index_number_prefix(index_code, year))
            .order_by("-index_number")
            .values_list("index_number", flat=True)
            .first()
        )
        serial = numbers.split_index_number(last)[1] + 1 if last else 1
        self.index_number = numbers.index_number(index_code, year, serial)

    def missing_elements(self) -> list[str]:
        """Labels of the required elements this document lacks (completeness report, item 3).

        Counts tags through `tags.all()` so a prefetch_related("tags") is used.
        """
        missing = []
        normative = self.doc_type == DocumentType.NORMATIVE
        if normative and not self.doc_number:
            missing.append("发文字号")
        if not self.catalogue_item_id:
            missing.append("公开目录")
        if not self.tags.all():
            missing.append("标签")
        if normative and not self.effective_date:
            missing.append("施行日期")
        if not self.summary:
            missing.append("摘要")
        if not self.topic:
            missing.append("主题分类")
        return missing

    def current_validity(self, today: dt.date | None = None) -> str:
        """The validity a reader should see today (a ReaderValidity value), derived from the dates."""
        return reader_validity(
            self.validity,
            effective_date=self.effective_date,
            expiry_date=self.expiry_date,
            today=today or timezone.localdate(),
        )

    def current_validity_label(self, today: dt.date | None = None) -> str:
        return reader_validity_label(self.current_validity(today))

    @property
    def needs_interpretation(self) -> bool:
        """Normative documents always need a policy interpretation; others when staff flag it."""
        return self.doc_type == DocumentType.NORMATIVE or self.interpretation_required

    @property
    def is_public(self) -> bool:
        return PolicyDocument.objects.public().filter(pk=self.pk).exists()

    def scan_text(self) -> list[tuple[str, str]]:
        """(source, text) pairs the privacy scan covers: body and every attachment."""
        sources = [("正文", self.title + "\n" + self.summary + "\n" + self.body)]
        sources += [(f"附件：{a.original_name}", a.text) for a in self.attachments.all()]
        return sources


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("原文件名", max_length=200)
    kind = models.CharField("格式", max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField("大小（字节）")
    text = models.TextField("提取的文字", blank=True, editable=False)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("documents:attachment", args=[self.document_id, self.pk])


class DocumentTransition(AppendOnlyModel):
    """Append-only record of every workflow step (item 17)."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审查"
        APPROVE_REVIEW = "approve_review", "审查通过"
        SEND_BACK = "send_back", "退回修改"
        SIGN = "sign", "审签发布"
        WITHDRAW = "withdraw", "撤回"
        EDIT = "edit", "发布后修改"
        WAIVE = "waive", "豁免隐私扫描结果"
        EXPIRE = "expire", "到期失效"

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="操作人",
        help_text="为空表示由系统定时任务执行（如到期失效）。",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    action = models.CharField("操作", max_length=30, choices=Action.choices)
    comment = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class PrivacyFinding(models.Model):
    """A hit of the privacy scan on a document (item 18)."""

    class State(models.TextChoices):
        OPEN = "open", "待处理"
        FIXED = "fixed", "已修改"
        WAIVED = "waived", "已豁免"

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="privacy_findings")
    source = models.CharField("位置", max_length=220)
    kind = models.CharField("类型", max_length=20)
    # Only the masked form is kept (138****8000): a number removed from the body must not
    # live on in the review panel. The fingerprint (a keyed hash) recognises the same hit
    # on the next scan.
    text = models.CharField("命中内容（已遮盖）", max_length=200)
    fingerprint = models.CharField("指纹", max_length=64, editable=False, db_index=True)
    context = models.CharField("上下文（已遮盖）", max_length=300, blank=True)
    state = models.CharField("处理状态", max_length=10, choices=State.choices, default=State.OPEN)
    waiver_reason = models.TextField("豁免理由", blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="豁免人",
    )
    waived_at = models.DateTimeField("豁免时间", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", default=timezone.now)

    class Meta:
        verbose_name = "隐私扫描结果"
        verbose_name_plural = "隐私扫描结果"
        ordering = ["state", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.source}"

    def get_kind_display(self) -> str:
        from privacy import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind)


class DocumentDecision(models.Model):
    """A recorded decision of the historical review (item 20)."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="review_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("决定时间", default=timezone.now)
    from_attribute = models.CharField("原公开属性", max_length=20, choices=DisclosureAttribute.choices)
    to_attribute = models.CharField("新公开属性", max_length=20, choices=DisclosureAttribute.choices)
    comment = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "历史文件审查决定"
        verbose_name_plural = "历史文件审查决定"
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.document} · {self.get_from_attribute_display()} → {self.get_to_attribute_display()}"
