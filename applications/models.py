"""Disclosure on application (依申请公开, items 24-25; 《政府信息公开条例》 Chapter IV).

The Guide is the disclosure guide (政府信息公开指南, Art. 12) staff keep in the admin. An
Application is one request for government information, whichever channel it came by. Its
applicant's name, identity numbers, contacts, address and identity scan are private: they
live only on this model, are never copied to a public page, and the scan is stored where
no URL reaches it (``IdentityScanStorage``). Every step is an ApplicationEvent, append-only.
"""

from __future__ import annotations

import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from organisations.models import Organisation
from xujing_portal.append_only import AppendOnlyModel

DESCRIPTION_MAX = 5000
IDENTITY_SCAN_FOLDER = "private"  # under MEDIA_ROOT; nothing under MEDIA_ROOT has a URL


class IdentityScanStorage(FileSystemStorage):
    """Identity scans under ``MEDIA_ROOT/private/``, with no URL at all: a scan is opened
    only through a staff view that checks the user and records the opening."""

    @cached_property
    def base_location(self) -> str:  # follows MEDIA_ROOT, also when a test changes it
        return str(Path(settings.MEDIA_ROOT) / IDENTITY_SCAN_FOLDER)

    def url(self, name: str | None) -> str:
        raise ValueError("身份证明扫描件不通过网址提供。")


_identity_scans = IdentityScanStorage()


def identity_scan_storage() -> IdentityScanStorage:
    return _identity_scans


class ProvidedFileStorage(IdentityScanStorage):
    """The files provided with a reply, under ``MEDIA_ROOT/private/provided/``: no URL; the
    staff download and the applicant's (after the tracking check) are views."""

    def url(self, name: str | None) -> str:
        raise ValueError("提供的政府信息不通过网址提供。")


_provided_files = ProvidedFileStorage()


def provided_file_storage() -> ProvidedFileStorage:
    return _provided_files


def provided_file_path(instance: ProvidedFile, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"provided/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def identity_scan_path(instance: Application, filename: str) -> str:
    """Random stored name: the applicant's file name may carry their name."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"identity/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


# --- The disclosure guide ----------------------------------------------------------

DEFAULT_GUIDE: dict[str, str] = {
    "organ_name": "徐泾镇人民政府",
    "office_address": "上海市青浦区徐泾镇人民政府政务公开受理窗口",
    "office_hours": "周一至周五 9:00-17:00（法定节假日除外）",
    "application_contents": (
        "申请人申请公开政府信息，应当填写《政府信息公开申请表》，内容包括：\n"
        "（一）申请人的姓名或者名称、身份证明、联系方式；\n"
        "（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；\n"
        "（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。"
    ),
    "channels": (
        "当面申请：在办公时间到受理窗口填写申请表并出示身份证明；书写确有困难的，可以口头提出，由工作人员代为填写。\n"
        "信函申请：将申请表和身份证明复印件寄至受理地址，请在信封左下角注明“政府信息公开申请”。\n"
        "传真申请：将申请表和身份证明复印件传真至受理传真，并电话确认。\n"
        "电子邮件申请：将申请表和身份证明扫描件发送至受理邮箱，并电话确认。"
    ),
    "procedure": (
        "收到申请的日期：当面提交的，以提交之日为收到之日；以邮政挂号信函等需签收的方式提交的，以双方签收之日为收到之日；"
        "以平常信函等无需签收的方式提交的，以与申请人确认之日为收到之日；通过互联网渠道、传真或者电子邮件提交的，"
        "以双方确认之日为收到之日。\n"
        "申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人作出补正，答复期限自收到补正的申请之日起计算；"
        "申请人无正当理由逾期不补正的，视为放弃申请。\n"
        "能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
        "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。\n"
        "需要征求第三方或者其他机关意见的，所需时间不计算在答复期限内。"
    ),
    "fees": (
        "行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
        "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费：\n"
        "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费；11—30件的部分每件100元；"
        "31件以上的部分，以10件为一档，每增加一档，收费标准每件提高100元。\n"
        "按量计收：30页以下（含30页）的不收费；31—100页的部分每页10元；101—200页的部分每页20元；"
        "200页以上的部分每页40元。\n"
        "同一申请只适用一种计收方式。收到收费通知后，申请人应在20个工作日内缴纳，逾期未缴纳的视为放弃申请。"
    ),
    "remedies": (
        "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以自知道该行政行为之日起"
        "60日内向上海市青浦区人民政府申请行政复议，或者自知道该行政行为之日起6个月内依法向人民法院提起行政诉讼。"
    ),
}


class Guide(models.Model):
    """The disclosure guide (政府信息公开指南, Art. 12): one row, kept by staff."""

    organ_name = models.CharField("行政机关", max_length=100)
    office_address = models.CharField("受理地址", max_length=200)
    office_hours = models.CharField("办公时间", max_length=200)
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    application_contents = models.TextField("申请应当包括的内容")
    channels = models.TextField("申请渠道")
    procedure = models.TextField("办理程序和时限")
    fees = models.TextField("收费")
    remedies = models.TextField("救济途径")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="applications_guide_single_row")]

    def __str__(self) -> str:
        return f"{self.organ_name}政府信息公开指南"

    @classmethod
    def current(cls) -> Guide:
        """The stored guide, else the statutory defaults for Xujing (unsaved) until staff save one."""
        return cls.objects.filter(pk=1).first() or cls(pk=1, **DEFAULT_GUIDE)

    @property
    def is_stored(self) -> bool:
        return not self._state.adding


# --- Applications ------------------------------------------------------------------


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面"
    POST_REGISTERED = "post_registered", "挂号信函"
    POST_ORDINARY = "post_ordinary", "平信"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头申请（工作人员代为填写）"


def clock_channel(channel: str) -> str:
    """The channel as the Art. 31 receipt rule knows it: an oral application, written
    down by staff at the counter, is received as an application in person."""
    return Channel.IN_PERSON.value if channel == Channel.ORAL else str(channel)


class ApplicantType(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ORGANISATION = "organisation", "法人或其他组织"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_RESIDENT = "foreign_resident", "外国人永久居留身份证"
    OTHER = "other", "其他有效身份证件"


class ApplicantCategory(models.TextChoices):
    """The applicant categories of the annual report's table of applications."""

    NATURAL_PERSON = "natural_person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER = "other", "其他"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子数据"
    INSPECTION = "inspection", "当场查阅"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    COLLECT = "collect", "自行领取"
    DOWNLOAD = "download", "网上下载"


class DeliveryMethod(models.TextChoices):
    """How the reply reached the applicant (送达), recorded after signing."""

    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄"
    COLLECT = "collect", "当场领取/自行领取"
    DOWNLOAD = "download", "网上下载"


class Status(models.TextChoices):
    RECEIVED = "received", "已接收"
    CORRECTION = "correction", "待补正"
    IN_PROGRESS = "in_progress", "办理中"
    THIRD_PARTY = "third_party", "征求第三方意见"
    EXTENDED = "extended", "已延期"
    AWAITING_PAYMENT = "awaiting_payment", "待缴费"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"
    ARCHIVED = "archived", "已归档"


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.CORRECTION,
    Status.IN_PROGRESS,
    Status.THIRD_PARTY,
    Status.EXTENDED,
    Status.AWAITING_PAYMENT,
)


class ThirdPartyView(models.TextChoices):
    """What a consulted third party answered (Art. 32)."""

    AGREED = "agreed", "同意公开"
    OBJECTED = "objected", "不同意公开"
    NO_ANSWER = "no_answer", "逾期未答复"


class FeeBasis(models.TextChoices):
    """How a fee is counted (国办函〔2020〕109号): one basis per application, never both."""

    COUNT = "count", "按件计收"
    PAGES = "pages", "按量计收"


class Outcome(models.TextChoices):
    """The statutory replies (Art. 36), in the annual report's order."""

    DISCLOSED = "disclosed", "予以公开"
    PARTLY_DISCLOSED = "partly_disclosed", "部分公开"
    WITHHELD = "withheld", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    OTHER = "other", "其他处理"


class OutcomeReason(models.TextChoices):
    """Each outcome's reasons, coded as the annual report counts them (OUTCOME_REASONS)."""

    STATE_SECRET = "withheld_state_secret", "属于国家秘密"
    PROHIBITED_BY_LAW = "withheld_prohibited_by_law", "其他法律行政法规禁止公开"
    THREE_SAFETIES = "withheld_three_safeties", "危及“三安全一稳定”"
    THIRD_PARTY_RIGHTS = "withheld_third_party_rights", "保护第三方合法权益"
    INTERNAL_AFFAIRS = "withheld_internal_affairs", "属于三类内部事务信息"
    PROCESS_INFORMATION = "withheld_process_information", "属于四类过程性信息"
    ENFORCEMENT_FILE = "withheld_enforcement_file", "属于行政执法案卷"
    ADMINISTRATIVE_QUERY = "withheld_administrative_query", "属于行政查询事项"
    NOT_HELD = "unavailable_not_held", "本机关不掌握相关政府信息"
    NEEDS_CREATION = "unavailable_needs_creation", "没有现成信息需要另行制作"
    STILL_UNCLEAR = "unavailable_still_unclear", "补正后申请内容仍不明确"
    PETITION = "not_processed_petition", "信访举报投诉类申请"
    REPEATED = "not_processed_repeated", "重复申请"
    PUBLICATION = "not_processed_publication", "要求提供公开出版物"
    EXCESSIVE = "not_processed_excessive", "无正当理由大量反复申请"
    CONFIRMATION = "not_processed_confirmation", "要求行政机关确认或重新出具已获取信息"
    NO_CORRECTION = "other_no_correction", "申请人无正当理由逾期不补正"
    FEE_UNPAID = "other_fee_unpaid", "申请人逾期未按收费通知要求缴纳费用"
    OTHER = "other_other", "其他"


R = OutcomeReason
# Every outcome with its reasons, in the annual report's order; an outcome without reasons
# (予以公开, 部分公开) is one row of the report, the others one row per reason.
OUTCOME_REASONS: dict[str, tuple[str, ...]] = {
    Outcome.DISCLOSED: (),
    Outcome.PARTLY_DISCLOSED: (),
    Outcome.WITHHELD: (
        R.STATE_SECRET,
        R.PROHIBITED_BY_LAW,
        R.THREE_SAFETIES,
        R.THIRD_PARTY_RIGHTS,
        R.INTERNAL_AFFAIRS,
        R.PROCESS_INFORMATION,
        R.ENFORCEMENT_FILE,
        R.ADMINISTRATIVE_QUERY,
    ),
    Outcome.UNAVAILABLE: (R.NOT_HELD, R.NEEDS_CREATION, R.STILL_UNCLEAR),
    Outcome.NOT_PROCESSED: (R.PETITION, R.REPEATED, R.PUBLICATION, R.EXCESSIVE, R.CONFIRMATION),
    Outcome.OTHER: (R.NO_CORRECTION, R.FEE_UNPAID, R.OTHER),
}
del R

# The applicant's private data: never on a public page, shown to staff only within scope.
PERSONAL_FIELDS = (
    "applicant_name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "postal_address",
    "postcode",
    "identity_scan",
)


# The legal limit, one rule for the statistics, the annual report and the self-check: an
# answered application with a reply date (``due_on``, extension included) was answered within
# the limit when it was replied on or before that date, late when after it.
ANSWERED_WITH_LIMIT = models.Q(replied_on__isnull=False, due_on__isnull=False)
ANSWERED_WITHIN_LIMIT = ANSWERED_WITH_LIMIT & models.Q(replied_on__lte=models.F("due_on"))
ANSWERED_LATE = ANSWERED_WITH_LIMIT & models.Q(replied_on__gt=models.F("due_on"))


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def answered_late(self) -> ApplicationQuerySet:
        return self.filter(ANSWERED_LATE)

    def received_in(self, year: int) -> ApplicationQuerySet:
        return self.filter(received_on__year=year)


class Application(models.Model):
    """One application for government information (政府信息公开申请).

    ``number`` is the registration number: the year of receipt and a serial within that
    year, at least four digits (``2026-0001``), plain ASCII so that it can be typed into
    the tracking form. ``year`` and ``serial`` hold its parts, unique together."""

    number = models.CharField("登记编号", max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("登记年度", null=True, editable=False)
    serial = models.PositiveIntegerField("年度序号", null=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    # The online form's token nonce: a double click or a resent form registers it once.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    applicant_type = models.CharField(
        "申请人类型", max_length=20, choices=ApplicantType.choices, default=ApplicantType.CITIZEN
    )
    applicant_category = models.CharField(
        "申请人类别",
        max_length=20,
        choices=ApplicantCategory.choices,
        default=ApplicantCategory.NATURAL_PERSON,
        help_text="用于年度报告统计；公民为自然人。",
    )
    applicant_name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=30, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    postal_address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    identity_scan = models.FileField(
        "身份证明扫描件",
        upload_to=identity_scan_path,
        storage=identity_scan_storage,
        blank=True,
        max_length=200,
    )

    description = models.TextField("所需信息的内容描述", max_length=DESCRIPTION_MAX)
    information_title = models.CharField("信息名称", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    index_number = models.CharField("索引号", max_length=60, blank=True)
    provision_form = models.CharField(
        "信息提供形式", max_length=20, choices=ProvisionForm.choices, default=ProvisionForm.ELECTRONIC
    )
    delivery = models.CharField("获取信息方式", max_length=20, choices=Delivery.choices, default=Delivery.EMAIL)

    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    signed_for_on = models.DateField("签收日期", null=True, blank=True, help_text="挂号信函：双方签收之日。")
    confirmed_on = models.DateField(
        "确认日期", null=True, blank=True, help_text="平信、网上申请、传真、电子邮件：与申请人确认之日。"
    )
    received_on = models.DateField("收到申请日期", null=True, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="承办机构",
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    due_on = models.DateField("法定答复期限", null=True, blank=True, editable=False)
    extension_days = models.PositiveSmallIntegerField("延长工作日", default=0, editable=False)
    outcome = models.CharField("答复结果", max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.CharField("答复理由", max_length=40, choices=OutcomeReason.choices, blank=True)
    # The workflow's steps (applications.services), never typed in.
    correction_due_on = models.DateField("补正期限", null=True, blank=True, editable=False)
    restarted_on = models.DateField(
        "收到补正日期", null=True, blank=True, editable=False, help_text="答复期限自此日起重新计算（第三十条）。"
    )
    reply_note = models.TextField("答复说明", blank=True, editable=False)
    reply_document = models.ForeignKey(
        "documents.PolicyDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="已主动公开的文件",
    )
    competent_organ = models.CharField("负责公开的行政机关", max_length=200, blank=True, editable=False)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="答复拟稿人",
    )
    reply_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="答复审签人",
    )
    replied_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    # The reply letter (答复告知书): generated from its outcome's template when the reply is
    # drafted (applications.letters), editable until the head signs, then fixed.
    letter_text = models.TextField("答复告知书正文", blank=True, editable=False)
    delivery_method = models.CharField(
        "送达方式", max_length=20, choices=DeliveryMethod.choices, blank=True, editable=False
    )
    delivered_on = models.DateField("送达日期", null=True, blank=True, editable=False)
    delivery_tracking_number = models.CharField("邮件号", max_length=40, blank=True, editable=False)
    # Third-party consultation (Art. 32): the waiting time is not counted in the reply clock.
    third_party = models.CharField("征求意见的第三方", max_length=200, blank=True, editable=False)
    third_party_sent_on = models.DateField("征求意见日期", null=True, blank=True, editable=False)
    third_party_due_on = models.DateField("第三方答复期限", null=True, blank=True, editable=False)
    third_party_answered_on = models.DateField("第三方答复日期", null=True, blank=True, editable=False)
    third_party_view = models.CharField(
        "第三方意见", max_length=20, choices=ThirdPartyView.choices, blank=True, editable=False
    )
    public_interest_reason = models.TextField(
        "公共利益理由", blank=True, editable=False, help_text="第三方不同意公开而决定公开的理由（第三十二条）。"
    )
    # Fees (国办函〔2020〕109号): the time from the notice to payment is not counted.
    fee_basis = models.CharField("计收方式", max_length=10, choices=FeeBasis.choices, blank=True, editable=False)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True, editable=False)
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True, editable=False)
    payment_due_on = models.DateField("缴费期限", null=True, blank=True, editable=False)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True, editable=False)
    # Art. 35: the number or frequency is clearly unreasonable; reasons asked, then either
    # 不予处理 (the reply) or a later reply date set with its reason.
    reasons_requested_on = models.DateField("要求说明理由日期", null=True, blank=True, editable=False)
    late_reply_on = models.DateField(
        "延迟答复的合理期限", null=True, blank=True, editable=False, help_text="第三十五条：确定的延迟答复期限。"
    )
    late_reply_reason = models.TextField("延迟答复理由", blank=True, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        permissions = [
            ("register_application", "登记依申请公开申请（全镇）"),
            ("dispatch_application", "分办、转办依申请公开申请"),
            ("handle_application", "办理依申请公开申请（补正、拟定答复、办结归档）"),
            ("sign_application", "审签答复、批准延期（负责人）"),
            ("view_identity_scan", "查看申请人身份证明扫描件"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="applications_unique_serial_per_year"),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.number or "（未登记的申请）"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.applicant_type == ApplicantType.CITIZEN and self.applicant_category != ApplicantCategory.NATURAL_PERSON:
            errors["applicant_category"] = "公民申请人的类别为“自然人”。"
        if self.applicant_type == ApplicantType.ORGANISATION and self.applicant_category == (
            ApplicantCategory.NATURAL_PERSON
        ):
            errors["applicant_category"] = "请选择法人或其他组织的类别。"
        reasons = OUTCOME_REASONS.get(self.outcome, ())
        if self.outcome_reason and self.outcome_reason not in reasons:
            errors["outcome_reason"] = "该理由不属于所选答复结果，请重新选择。"
        elif reasons and not self.outcome_reason:
            errors["outcome_reason"] = "请选择答复理由。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProvidedFile(models.Model):
    """A file of the government information provided with the reply (提供的政府信息):
    checked by content (documents.attachments), stored privately, downloaded by staff who
    may see the application and by the applicant once the reply is signed."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="provided_files", verbose_name="申请"
    )
    file = models.FileField(
        "文件", upload_to=provided_file_path, storage=provided_file_storage, max_length=200, editable=False
    )
    original_name = models.CharField("原文件名", max_length=200, editable=False)
    kind = models.CharField("格式", max_length=10, editable=False)
    size = models.PositiveIntegerField("大小（字节）", editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "提供的政府信息"
        verbose_name_plural = "提供的政府信息"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationEvent(AppendOnlyModel):
    """The append-only trail of an application: every step, who, when, and why."""

    class Action(models.TextChoices):
        RECEIVED = "received", "接收"
        REGISTERED = "registered", "登记"
        DISPATCHED = "dispatched", "分办"
        TRANSFERRED = "transferred", "转办"
        CORRECTION = "correction", "补正"
        CONSULTATION = "consultation", "征求意见"
        EXTENSION = "extension", "延期"
        FEE = "fee", "收费"
        REPLY = "reply", "答复"
        DELIVERY = "delivery", "送达"
        CLOSED = "closed", "办结"
        ARCHIVED = "archived", "归档"
        REVIEW = "review", "复议/诉讼"
        MESSAGE = "message", "留言"
        REDATED = "redated", "期限调整"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events", verbose_name="申请")
    action = models.CharField("环节", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="操作人"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    comment = models.TextField("说明", blank=True)
    visible_to_applicant = models.BooleanField("申请人可见", default=False)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class Review(models.Model):
    """A reconsideration or lawsuit over an application (复议/诉讼, 报备; item 24)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LAWSUIT = "lawsuit", "未经复议直接起诉"
        LAWSUIT_AFTER_RECONSIDERATION = "lawsuit_after_reconsideration", "复议后起诉"

    class Result(models.TextChoices):
        UPHELD = "upheld", "维持"
        CORRECTED = "corrected", "纠正"
        OTHER = "other", "其他"
        PENDING = "pending", "尚未审结"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews", verbose_name="申请")
    kind = models.CharField("类型", max_length=40, choices=Kind.choices)
    filed_on = models.DateField("提起日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)

    class Meta:
        verbose_name = "复议诉讼记录"
        verbose_name_plural = "复议诉讼记录"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_result_display()}）"

    def clean(self) -> None:
        super().clean()
        if self.decided_on and self.result == self.Result.PENDING:
            raise ValidationError({"result": "已填写审结日期的，请选择审结结果。"})
        if self.result != self.Result.PENDING and not self.decided_on:
            raise ValidationError({"decided_on": "请填写审结日期。"})
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            raise ValidationError({"decided_on": "审结日期不能早于提起日期。"})


# --- Exchanges between staff and applicant (item 25), Art. 35, scan openings ---------

EXCHANGE_TEXT_MAX = 5000
EXCHANGE_FILES_MAX = 5
EXCHANGE_FILE_FOLDER = "exchanges"  # under IdentityScanStorage's private folder


class ExchangeFileStorage(IdentityScanStorage):
    """Files the applicant sends with an answer or a correction: private like the scans."""

    def url(self, name: str | None) -> str:
        raise ValueError("申请人上传的材料不通过网址提供。")


_exchange_files = ExchangeFileStorage()


def exchange_file_storage() -> ExchangeFileStorage:
    return _exchange_files


def exchange_file_path(instance: ExchangeFile, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{EXCHANGE_FILE_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Exchange(AppendOnlyModel):
    """One message of the exchange on an application: staff's message to the applicant
    (留言, or the request for reasons of Art. 35), the applicant's answer, or the corrected
    application sent online (补正). Append-only: what was said is never changed."""

    class Kind(models.TextChoices):
        MESSAGE = "message", "工作人员留言"
        REASONS = "reasons", "要求说明理由（第三十五条）"
        ANSWER = "answer", "申请人回复"
        CORRECTION = "correction", "申请人在线补正"

    FROM_STAFF = (Kind.MESSAGE, Kind.REASONS)

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="exchanges", verbose_name="申请"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="工作人员",
    )
    text = models.TextField("内容", max_length=EXCHANGE_TEXT_MAX)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "留言与回复"
        verbose_name_plural = "留言与回复"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"

    @property
    def from_staff(self) -> bool:
        return self.kind in self.FROM_STAFF


class ExchangeFile(AppendOnlyModel):
    """A file the applicant sent with an answer or a correction (JPEG, PNG or PDF, checked
    by content), stored privately under a random name."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="files", verbose_name="留言")
    file = models.FileField("文件", upload_to=exchange_file_path, storage=exchange_file_storage, max_length=200)
    name = models.CharField("文件名", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "回复附件"
        verbose_name_plural = "回复附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ScanOpening(AppendOnlyModel):
    """Each opening of an applicant's identity scan by staff: who, when. Append-only."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scan_openings", verbose_name="申请"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="查看人"
    )
    at = models.DateTimeField("查看时间", default=timezone.now)

    class Meta:
        verbose_name = "身份证明查看记录"
        verbose_name_plural = "身份证明查看记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M}"
