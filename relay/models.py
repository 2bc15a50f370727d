"""The relay push of policies (政策"接力"推送, item 7).

A ``RelayPartner`` (行业协会, 产业园区, 商会, 村居委) passes new policies on to the
enterprises it reaches. Its contact (person, phone, e-mail) is private: staff see it
masked in lists; no public page, API, export or log shows it. ``PolicyRelay`` is the
relay record of one policy: the key points staff send with it, whether the periodic
scan has matched it, and the decision that it needs no relay (with its reason).
``RelayPackage`` is one policy sent to one partner, once (unique on the pair), with the
partner's acknowledgement (enterprises reached, channel, date) given on a signed link.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from documents.models import CatalogTag, PolicyDocument

INDUSTRY_DIMENSION = "industry"  # the TagDimension slug of 行业


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", "行业协会"
    PARK = "park", "产业园区"
    CHAMBER = "chamber", "商会"
    COMMUNITY = "community", "村居委"


class Channel(models.TextChoices):
    WECHAT_GROUP = "wechat_group", "微信群"
    OFFICIAL_ACCOUNT = "official_account", "公众号"
    SMS = "sms", "短信"
    MEETING = "meeting", "会议"
    VISIT = "visit", "上门"
    OTHER = "other", "其他"


def mask_email(address: str) -> str:
    """a***@example.com: what staff lists show of a partner's address."""
    local, _, domain = (address or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; a short number keeps only its last two digits."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return f"****{digits[-2:]}" if digits else ""


def mask_person(name: str) -> str:
    name = (name or "").strip()
    return f"{name[0]}**" if name else ""


class RelayPartnerQuerySet(models.QuerySet):
    def active(self) -> RelayPartnerQuerySet:
        return self.filter(active=True)

    def named_publicly(self) -> RelayPartnerQuerySet:
        """Active partners that agreed to be named on public pages."""
        return self.active().filter(public_consent=True)

    def covering(self, tag_ids: list[int]) -> RelayPartnerQuerySet:
        """Partners whose tags or industries include one of ``tag_ids`` (the matching rule)."""
        return self.filter(Q(tags__in=tag_ids) | Q(industries__in=tag_ids)).distinct()


class RelayPartner(models.Model):
    name = models.CharField("单位名称", max_length=100, unique=True)
    kind = models.CharField("类别", max_length=20, choices=PartnerKind.choices)
    contact_person = models.CharField("联系人", max_length=50, help_text="不公开，仅工作人员可见。")
    contact_phone = models.CharField("联系电话", max_length=30, blank=True, help_text="不公开，仅工作人员可见。")
    contact_email = models.EmailField(
        "联系邮箱", max_length=254, help_text="接力包和确认链接发送到此邮箱；不公开，仅工作人员可见。"
    )
    tags = models.ManyToManyField(
        CatalogTag,
        blank=True,
        related_name="+",
        verbose_name="关注的标签",
        help_text="带有其中任一标签（主题、对象）的新政策会发送给本单位。",
    )
    industries = models.ManyToManyField(
        CatalogTag,
        blank=True,
        related_name="+",
        limit_choices_to={"dimension__slug": INDUSTRY_DIMENSION},
        verbose_name="覆盖的行业",
        help_text="带有其中任一行业标签的新政策会发送给本单位。",
    )
    member_enterprises = models.PositiveIntegerField(
        "联系企业数", default=0, help_text="本单位能联系到的会员或入驻企业数。"
    )
    public_consent = models.BooleanField(
        "同意公开名称",
        default=False,
        help_text="勾选后，本单位名称会显示在其已确认转发的政策页面上，方便企业咨询。联系人和联系方式始终不公开。",
    )
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = RelayPartnerQuerySet.as_manager()

    class Meta:
        verbose_name = "接力单位"
        verbose_name_plural = "接力单位"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class PolicyRelayQuerySet(models.QuerySet):
    def needing_no_relay(self) -> PolicyRelayQuerySet:
        return self.exclude(no_relay_reason="")


class PolicyRelay(models.Model):
    """The relay record of one policy: its key points and how it is relayed."""

    document = models.OneToOneField(
        PolicyDocument, on_delete=models.CASCADE, related_name="relay", verbose_name="政策文件"
    )
    applicable_to = models.TextField("适用对象", blank=True)
    conditions = models.TextField("申报条件", blank=True)
    time_limit = models.CharField("办理时限", max_length=200, blank=True)
    consult_phone = models.CharField("咨询电话", max_length=100, blank=True, help_text="承办部门的办公电话。")
    no_relay_reason = models.TextField("无需接力的理由", blank=True)
    no_relay_decided_at = models.DateTimeField("无需接力决定时间", null=True, blank=True)
    no_relay_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决定人",
    )
    matched_at = models.DateTimeField(
        "自动匹配时间", null=True, blank=True, help_text="定时任务已为本政策匹配接力单位的时间（每份政策一次）。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PolicyRelayQuerySet.as_manager()

    class Meta:
        verbose_name = "政策接力"
        verbose_name_plural = "政策接力"
        ordering = ["-document__published_at", "-id"]
        permissions = [("send_relaypackage", "可发送接力包、记录无需接力")]

    def __str__(self) -> str:
        return self.document.title

    @property
    def needs_no_relay(self) -> bool:
        return bool(self.no_relay_reason)


class RelayPackageQuerySet(models.QuerySet):
    def acknowledged(self) -> RelayPackageQuerySet:
        return self.filter(acknowledged_at__isnull=False)

    def unacknowledged(self) -> RelayPackageQuerySet:
        return self.filter(acknowledged_at__isnull=True)

    def relayed_in(self, year: int) -> RelayPackageQuerySet:
        """Acknowledged relays that reached enterprises in ``year`` (by the relay date)."""
        return self.acknowledged().filter(relayed_on__year=year)

    def enterprises_reached(self) -> int:
        return self.aggregate(total=Sum("enterprises_reached"))["total"] or 0


class RelayPackage(models.Model):
    """One policy sent to one partner (at most once), and the partner's acknowledgement."""

    relay = models.ForeignKey(PolicyRelay, on_delete=models.CASCADE, related_name="packages", verbose_name="政策接力")
    partner = models.ForeignKey(
        RelayPartner, on_delete=models.PROTECT, related_name="packages", verbose_name="接力单位"
    )
    sent_at = models.DateTimeField("发送时间", default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发送人",
        help_text="为空表示由定时任务自动发送。",
    )
    acknowledged_at = models.DateTimeField("确认时间", null=True, blank=True)
    acknowledgement_count = models.PositiveSmallIntegerField("确认次数", default=0)
    enterprises_reached = models.PositiveIntegerField("覆盖企业数", null=True, blank=True)
    channel = models.CharField("转发渠道", max_length=20, choices=Channel.choices, blank=True)
    relayed_on = models.DateField("转发日期", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("催办提醒发送时间", null=True, blank=True)

    objects = RelayPackageQuerySet.as_manager()

    class Meta:
        verbose_name = "接力包"
        verbose_name_plural = "接力包"
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["relay", "partner"], name="relay_package_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.relay.document.title} → {self.partner.name}"

    def get_absolute_url(self) -> str:
        """The staff page of its policy (linked from 我的期限)."""
        return reverse("relay:staff_policy", args=[self.relay.document_id])

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
