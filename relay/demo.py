"""Demo data of the relay push: four partners (an association, a park, a chamber of
commerce, a village committee; made-up contacts), the packages of two enterprise
policies (one relay confirmed, so the policy page names its partner), a no-relay
decision, and the 政策接力联络员 account.

Run by `python manage.py load_demo_relay` after `load_demo`; everything is written through
relay.services and looked up by its natural key first, so a second run adds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.utils import timezone

from documents.models import CatalogTag, PolicyDocument
from organisations.demo import DemoAccount, ensure_account
from organisations.roles import sync_role_groups

from . import services
from .models import Channel, PartnerKind, RelayPackage, RelayPartner
from .roles import RELAY_COORDINATOR

ACCOUNTS = [
    DemoAccount(
        "relay-coordinator",
        "Xujing-Relay-2026",
        RELAY_COORDINATOR,
        "徐泾镇经济发展办公室",
        "relay-coordinator@xujing.example.gov.cn",
        first_name="接力",
        last_name="陆",
        does="维护接力单位，发送接力包，查看各单位确认和逾期情况，记录无需接力的政策",
    ),
]


@dataclass(frozen=True)
class Partner:
    name: str
    kind: str
    person: str
    phone: str
    email: str
    tags: tuple[str, ...]
    industries: tuple[str, ...]
    members: int
    consent: bool


PARTNERS = [
    Partner("徐泾镇制造业企业协会", PartnerKind.ASSOCIATION, "周明", "13800000101", "assoc@relay.example.org",
            ("营商环境",), ("制造业",), 120, True),
    Partner("西虹桥商务区产业园", PartnerKind.PARK, "吴芳", "13800000102", "park@relay.example.org",
            ("企业",), ("服务业", "商贸流通"), 85, True),
    Partner("徐泾镇商会", PartnerKind.CHAMBER, "郑强", "13800000103", "chamber@relay.example.org",
            ("营商环境", "就业创业"), (), 210, False),
    Partner("二联村村民委员会", PartnerKind.COMMUNITY, "王立", "13800000104", "erlian@relay.example.org",
            ("乡村振兴",), ("农业",), 12, True),
]  # fmt: skip

SENT = ["徐府发〔2023〕18号"]  # 徐泾镇促进产业高质量发展扶持办法
KEY_POINTS = {
    "徐府发〔2023〕18号": {
        "applicable_to": "工商注册地、税务登记地均在徐泾镇，具有独立法人资格的制造业和现代服务业企业",
        "conditions": "当年研发投入超过上年度（按新增部分的10%补贴，单个企业年度最高100万元）；"
        "实施智能化、数字化技术改造的项目（按设备投资额的8%补贴）",
        "time_limit": "材料齐全后20个工作日内完成审核",
        "consult_phone": "021-59741234（镇经济发展办公室）",
    }
}
CONFIRMED = {("徐府发〔2023〕18号", "徐泾镇制造业企业协会"): (86, Channel.WECHAT_GROUP)}
ALSO_SENT = "徐泾镇关于进一步优化营商环境的若干措施"
NO_RELAY = (
    "徐泾镇人民政府2022年政府信息公开工作年度报告",
    "年度报告面向全体公众，不涉及企业申报事项，无需协会、园区转发。",
)


def _partner(spec: Partner) -> bool:
    if RelayPartner.objects.filter(name=spec.name).exists():
        return False
    partner = services.partner_save(
        partner=RelayPartner(
            name=spec.name,
            kind=spec.kind,
            contact_person=spec.person,
            contact_phone=spec.phone,
            contact_email=spec.email,
            member_enterprises=spec.members,
            public_consent=spec.consent,
        )
    )
    services.partner_set_coverage(
        partner=partner,
        tags=CatalogTag.objects.filter(name__in=spec.tags),
        industries=CatalogTag.objects.filter(name__in=spec.industries, dimension__slug="industry"),
    )
    return True


def load(*, stdout: TextIO | None = None) -> int:
    sync_role_groups()
    user = None
    for account in ACCOUNTS:
        user, _ = ensure_account(account)
    added = sum(_partner(spec) for spec in PARTNERS)
    public = PolicyDocument.objects.public()
    documents = list(public.filter(doc_number__in=SENT)) + list(public.filter(title=ALSO_SENT)[:1])
    sent = 0
    for document in documents:
        relay = services.relay_ensure(document=document)
        if document.doc_number in KEY_POINTS and not relay.packages.exists():
            services.relay_update_key_points(relay=relay, **KEY_POINTS[document.doc_number])
        sent += services.packages_send(document=document, user=user).sent
    for (number, name), (reached, channel) in CONFIRMED.items():
        package = RelayPackage.objects.filter(relay__document__doc_number=number, partner__name=name).first()
        if package and not package.is_acknowledged:
            services.package_acknowledge(
                package=package,
                enterprises_reached=reached,
                channel=channel,
                relayed_on=timezone.localdate(package.sent_at),
            )
    no_relay = public.filter(title=NO_RELAY[0]).first()
    if no_relay and not getattr(getattr(no_relay, "relay", None), "no_relay_reason", ""):
        services.relay_decide_no_relay(document=no_relay, reason=NO_RELAY[1], user=user)
    if stdout:
        stdout.write(f"政策接力：新建接力单位 {added} 家，发送接力包 {sent} 个。\n")
        for account in ACCOUNTS:
            stdout.write(f"演示账号：{account.username}（{account.role_label}，{account.organisation}）\n")
    return sent
