"""Demo data of disclosure on application (`manage.py load_demo_applications`, after `load_demo`).

The Xujing disclosure guide (its telephone and fax numbers are made up; the e-mail address is
on the demo's example domain), the three application roles' accounts, and a handful of
applications registered from different channels through the services: two waiting for
dispatch, three with their handling office.

Idempotent: the guide is written only when none is stored, and an application that exists (by
applicant and description) is left as staff left it. Some are then taken through the statutory
steps by the services, on the working days after their receipt: one corrected, one abandoned
after a 补正, one extended, one answered for each outcome (予以公开 linking a published document,
部分公开, 不予公开, 无法提供 naming the competent organ, 不予处理), closed and archived; the
rest stay open.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

import workdays
from documents.models import PolicyDocument
from organisations.demo import DemoAccount, ensure_account
from organisations.models import Organisation

from . import services
from .models import (
    DEFAULT_GUIDE,
    ApplicantCategory,
    ApplicantType,
    Application,
    Channel,
    Delivery,
    DeliveryMethod,
    FeeBasis,
    Guide,
    IdType,
    Outcome,
    OutcomeReason,
    ProvisionForm,
    Review,
)
from .roles import HANDLER, REGISTRAR, SIGNER

PARTY_OFFICE = "徐泾镇党政办公室"  # the town's disclosure office: registers and signs
URBAN = "徐泾镇城市建设管理办公室"
COMMUNITY = "徐泾镇社区管理办公室"
ECONOMY = "徐泾镇经济发展办公室"

ACCOUNTS = [
    DemoAccount(
        "apply-registrar",
        "Xujing-Registrar-2026",
        REGISTRAR,
        PARTY_OFFICE,
        "apply-registrar@xujing.example.gov.cn",
        first_name="登记",
        last_name="钱",
        does="登记各渠道的政府信息公开申请、分办转办；查看全镇申请",
    ),
    DemoAccount(
        "apply-handler",
        "Xujing-Handler-2026",
        HANDLER,
        URBAN,
        "apply-handler@xujing.example.gov.cn",
        first_name="承办",
        last_name="孙",
        does="办理城建办承办的申请（只看到本单位的申请）",
    ),
    DemoAccount(
        "apply-signer",
        "Xujing-Signer-2026",
        SIGNER,
        PARTY_OFFICE,
        "apply-signer@xujing.example.gov.cn",
        first_name="审签",
        last_name="李",
        does="审签党政办承办申请的答复、批准延期",
    ),
    DemoAccount(
        "apply-head-urban",
        "Xujing-Head-2026",
        SIGNER,
        URBAN,
        "apply-head-urban@xujing.example.gov.cn",
        first_name="负责",
        last_name="周",
        does="城建办负责人：审签城建办承办申请的答复、批准延期",
    ),
]

GUIDE = {
    **DEFAULT_GUIDE,
    "office_address": "上海市青浦区徐泾镇人民政府政务服务中心一楼 政府信息公开受理窗口",
    "postcode": "201702",
    "office_hours": "周一至周五 9:00-11:30，13:30-17:00（法定节假日除外）",
    "phone": "021-5976 0000",
    "fax": "021-5976 0001",
    "email": "gongkai@xujing.example.gov.cn",
}


@dataclass(frozen=True)
class Sample:
    days_ago: int  # before today; or, when ``received`` is given, ignored
    channel: str
    applicant_name: str
    description: str
    organisation: str = ""  # handling office; empty: waiting for dispatch
    fields: dict = field(default_factory=dict)
    # The statutory steps taken after registration: (step, working days after receipt, details).
    steps: tuple[tuple, ...] = ()
    received: dt.date | None = None  # a fixed date of an earlier year (the annual report's figures)


_CITIZEN = {"applicant_type": ApplicantType.CITIZEN, "applicant_category": ApplicantCategory.NATURAL_PERSON}
SAMPLES = [
    Sample(
        12,
        Channel.IN_PERSON,
        "张伟",
        "申请公开徐泾镇2025年度既有多层住宅加装电梯补贴的发放名单及金额（隐去个人信息）。",
        URBAN,
        {**_CITIZEN, "id_type": IdType.RESIDENT_ID, "id_number": "310118198503120011", "phone": "13800000001"},
    ),
    Sample(
        9,
        Channel.POST_REGISTERED,
        "上海徐泾示范物流有限公司",
        "申请公开徐泾镇工业园区道路改造工程的规划许可及环境影响评价批复文件。",
        URBAN,
        {
            "applicant_type": ApplicantType.ORGANISATION,
            "applicant_category": ApplicantCategory.BUSINESS,
            "credit_code": "91310118MA1JL0000N",
            "legal_representative": "陈明",
            "contact_person": "王芳",
            "phone": "021-50000000",
            "postal_address": "上海市青浦区徐泾镇示范路1号",
            "postcode": "201702",
            "provision_form": ProvisionForm.PAPER,
            "delivery": Delivery.POST,
        },
    ),
    Sample(
        6,
        Channel.EMAIL,
        "上海示范律师事务所",
        "申请公开徐泾镇2024年度集体土地征收补偿安置方案及公告。",
        "",
        {
            "applicant_type": ApplicantType.ORGANISATION,
            "applicant_category": ApplicantCategory.LEGAL_SERVICES,
            "credit_code": "31310000MD0000000B",
            "contact_person": "刘律师",
            "email": "lawyer@example.com",
        },
    ),
    Sample(
        4,
        Channel.ORAL,
        "赵桂英",
        "询问并申请获取本人所在小区2025年垃圾分类收集点调整的会议纪要。",
        COMMUNITY,
        {**_CITIZEN, "id_type": IdType.RESIDENT_ID, "phone": "13900000002", "delivery": Delivery.COLLECT},
    ),
    Sample(
        1,
        Channel.ONLINE,
        "周强",
        "申请公开徐泾镇2025年度小微企业扶持资金的申报条件、评审结果和拨付情况。",
        "",
        {**_CITIZEN, "email": "zhouqiang@example.com", "information_title": "徐泾镇小微企业扶持资金拨付情况"},
    ),
    Sample(
        40,
        Channel.IN_PERSON,
        "吴敏",
        "申请公开徐泾镇那条路的修路材料。",
        URBAN,
        {**_CITIZEN, "email": "wumin@example.com"},
        steps=(("correct", 2, "1. 请写明道路名称或所在村居；\n2. 请写明所需信息的年度。"), ("corrected", 6, "")),
    ),
    Sample(
        60,
        Channel.POST_ORDINARY,
        "郑华",
        "申请公开有关部门的相关文件。",
        URBAN,
        {**_CITIZEN, "postal_address": "上海市青浦区徐泾镇示范村2组", "postcode": "201702"},
        steps=(("correct", 3, "请写明所需政府信息的名称、文号或者其他特征性描述。"), ("abandon", None, "")),
    ),
    Sample(
        30,
        Channel.EMAIL,
        "上海徐泾示范环保科技有限公司",
        "申请公开徐泾镇2019年至2025年历年河道整治工程的验收报告。",
        URBAN,
        {
            "applicant_type": ApplicantType.ORGANISATION,
            "applicant_category": ApplicantCategory.BUSINESS,
            "credit_code": "91310118MA1JL0000N",
            "contact_person": "何工",
            "email": "hegong@example.com",
        },
        steps=(
            ("message", None, "请确认需要的是竣工验收报告，还是包括分项工程的验收记录？"),
            ("answer", None, "只需要每个工程的竣工验收报告。"),
            ("extend", 10, "涉及七个年度的工程档案，需要到档案室调取、逐份审查。"),
        ),
    ),
    Sample(
        45,
        Channel.ONLINE,
        "钱丽",
        "申请公开徐泾镇政府信息公开工作的年度报告。",
        URBAN,
        {**_CITIZEN, "email": "qianli@example.com"},
        steps=(("reply", 5, Outcome.DISCLOSED, "", "该信息已主动公开，请见链接。"), ("close", None, "")),
    ),
    Sample(
        50,
        Channel.IN_PERSON,
        "孙建国",
        "申请公开徐泾镇某道路拓宽工程前期讨论的会议记录。",
        URBAN,
        {**_CITIZEN, "phone": "13900000003"},
        steps=(
            ("reply", 15, Outcome.WITHHELD, OutcomeReason.PROCESS_INFORMATION, "会议记录属于讨论过程中的信息。"),
            ("close", None, ""),
            ("archive", None, ""),
        ),
    ),
    Sample(
        35,
        Channel.ONLINE,
        "林小红",
        "申请公开徐泾镇某地块的土地出让合同。",
        URBAN,
        {**_CITIZEN, "email": "linxh@example.com"},
        steps=(("reply", 14, Outcome.UNAVAILABLE, OutcomeReason.NOT_HELD, "", "青浦区规划和自然资源局"),),
    ),
    Sample(
        25,
        Channel.FAX,
        "陈立",
        "再次申请公开徐泾镇2025年度既有多层住宅加装电梯补贴的发放名单。",
        URBAN,
        {**_CITIZEN, "phone": "13900000004"},
        steps=(("reply", 5, Outcome.NOT_PROCESSED, OutcomeReason.REPEATED, "已于此前答复。"),),
    ),
    Sample(
        20,
        Channel.ONLINE,
        "黄静",
        "申请公开徐泾镇2025年度老旧小区改造项目的招标文件及中标结果。",
        URBAN,
        {**_CITIZEN, "email": "huangjing@example.com"},
        steps=(("reply", 9, Outcome.PARTLY_DISCLOSED, "", "投标人的商业秘密部分不予公开。"),),
    ),
]


def _org(category: str, contact: str, **fields) -> dict:
    return {
        "applicant_type": ApplicantType.ORGANISATION,
        "applicant_category": category,
        "contact_person": contact,
        **fields,
    }


def _past(on: dt.date, channel: str, name: str, description: str, fields: dict, steps: tuple) -> Sample:
    return Sample(0, channel, name, description, URBAN, fields, steps, received=on)


_CLOSED = (("close", None, ""),)
_ARCHIVED = (("close", None, ""), ("archive", None, ""))
# 2025, every outcome and applicant category, the fee and third-party paths, reviews, and one
# received in December and answered in January (carried over into the next year's report).
HISTORY = [
    _past(
        dt.date(2025, 2, 17),
        Channel.ONLINE,
        "冯晓东",
        "申请公开徐泾镇2025年春节期间公共场所安全检查的工作方案。",
        {**_CITIZEN, "email": "fengxd@example.com"},
        (("reply", 8, Outcome.DISCLOSED, "", "该信息已主动公开。"), *_ARCHIVED),
    ),
    _past(
        dt.date(2025, 3, 10),
        Channel.IN_PERSON,
        "蒋海燕",
        "申请公开徐泾镇2024年度道路养护项目的预算和结算情况。",
        {**_CITIZEN, "phone": "13900000011"},
        (("reply", 15, Outcome.PARTLY_DISCLOSED, "", "结算明细中涉及供应商商业秘密的部分不予公开。"), *_ARCHIVED),
    ),
    _past(
        dt.date(2025, 3, 24),
        Channel.EMAIL,
        "上海徐泾示范建材有限公司",
        "申请公开徐泾镇某地块建设工程中标单位的投标报价明细。",
        _org(ApplicantCategory.BUSINESS, "马经理", email="mamanager@example.com"),
        (
            ("consult", 3, "中标单位上海示范建设工程有限公司", "投标报价明细可能涉及贵单位商业秘密，请提出意见。"),
            ("third_party_answered", 10, "objected"),
            (
                "reply",
                16,
                Outcome.WITHHELD,
                OutcomeReason.THIRD_PARTY_RIGHTS,
                "第三方不同意公开，公开会损害其合法权益。",
            ),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 4, 14),
        Channel.POST_REGISTERED,
        "上海示范律师事务所",
        "申请公开徐泾镇2024年某违法建筑拆除案件的全部执法案卷。",
        _org(ApplicantCategory.LEGAL_SERVICES, "刘律师", email="lawyer@example.com"),
        (
            ("reply", 12, Outcome.WITHHELD, OutcomeReason.ENFORCEMENT_FILE, "所申请信息属于行政执法案卷信息。"),
            *_CLOSED,
            ("review", "reconsideration", 30, "upheld", 90),
        ),
    ),
    _past(
        dt.date(2025, 5, 12),
        Channel.ONLINE,
        "韩志明",
        "申请公开徐泾镇近十年全部道路绿化树木的品种和数量统计表。",
        {**_CITIZEN, "email": "hanzm@example.com"},
        (
            ("reply", 10, Outcome.UNAVAILABLE, OutcomeReason.NEEDS_CREATION, "本机关没有现成的统计表，需要另行制作。"),
            *_CLOSED,
            ("review", "lawsuit", 60, "pending", None),
        ),
    ),
    _past(
        dt.date(2025, 6, 9),
        Channel.FAX,
        "上海示范城市规划研究院",
        "申请公开徐泾镇2024年度城市更新试点项目的评估报告。",
        _org(ApplicantCategory.RESEARCH, "曹研究员", phone="021-50000011"),
        (("reply", 6, Outcome.DISCLOSED, "", "该信息已主动公开。"), *_ARCHIVED),
    ),
    _past(
        dt.date(2025, 6, 23),
        Channel.ONLINE,
        "许文",
        "申请获取徐泾镇2023年至2025年全部道路开挖许可的纸质复印件。",
        {**_CITIZEN, "email": "xuwen@example.com", "provision_form": ProvisionForm.PAPER, "delivery": Delivery.POST},
        (
            ("charge", 3, 45),
            ("fee_paid", 6),
            ("reply", 18, Outcome.DISCLOSED, "", "已按申请提供复印件。"),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 7, 7),
        Channel.ONLINE,
        "许文",
        "申请获取徐泾镇2020年至2022年全部道路开挖许可的纸质复印件。",
        {**_CITIZEN, "email": "xuwen@example.com", "provision_form": ProvisionForm.PAPER, "delivery": Delivery.POST},
        (("charge", 3, 60), ("abandon_unpaid", None)),
    ),
    _past(
        dt.date(2025, 7, 21),
        Channel.EMAIL,
        "上海示范环境公益基金会",
        "申请公开徐泾镇2019年至2025年河道水质监测报告。",
        _org(ApplicantCategory.PUBLIC_INTEREST, "沈干事", email="shen@example.org"),
        (
            ("extend", 15, "涉及多个年度的监测报告，需要向区生态环境部门调取核对。"),
            ("reply", 25, Outcome.PARTLY_DISCLOSED, "", "2019年报告已按档案规定移交，无法提供；其余年度予以公开。"),
            *_ARCHIVED,
        ),
    ),
    _past(
        dt.date(2025, 8, 18),
        Channel.IN_PERSON,
        "杨建华",
        "投诉小区物业乱收费，请政府查处并答复处理结果。",
        {**_CITIZEN, "phone": "13900000012"},
        (
            ("reply", 5, Outcome.NOT_PROCESSED, OutcomeReason.PETITION, "属于投诉事项，已告知通过12345热线反映。"),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 9, 8),
        Channel.ONLINE,
        "朱明",
        "申请获取《徐泾镇志（2010-2020）》一册。",
        {**_CITIZEN, "email": "zhuming@example.com"},
        (
            ("reply", 4, Outcome.NOT_PROCESSED, OutcomeReason.PUBLICATION, "该书为公开出版物，可在图书馆查阅。"),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 9, 22),
        Channel.POST_ORDINARY,
        "徐泾镇示范村股份经济合作社",
        "申请公开本村范围内轨道交通站点的规划选址批复。",
        _org(ApplicantCategory.OTHER, "村干部老吴", postal_address="上海市青浦区徐泾镇示范村", postcode="201702"),
        (
            ("reply", 7, Outcome.UNAVAILABLE, OutcomeReason.NOT_HELD, "", "上海市规划和自然资源局"),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 10, 13),
        Channel.ONLINE,
        "秦玉",
        "申请公开那个补贴的文件。",
        {**_CITIZEN, "email": "qinyu@example.com"},
        (
            ("correct", 2, "请写明补贴的名称或者发放部门，以及所需信息的年度。"),
            ("corrected", 8, ""),
            ("reply", 20, Outcome.DISCLOSED, "", "该信息已主动公开。"),
            *_CLOSED,
        ),
    ),
    _past(
        dt.date(2025, 10, 27),
        Channel.ONLINE,
        "尤佳",
        "申请公开徐泾镇人民政府机关内部考勤和人事管理规定。",
        {**_CITIZEN, "email": "youjia@example.com"},
        (("reply", 11, Outcome.WITHHELD, OutcomeReason.INTERNAL_AFFAIRS, "属于机关内部事务信息。"), *_CLOSED),
    ),
    _past(
        dt.date(2025, 11, 10),
        Channel.EMAIL,
        "上海徐泾示范物流有限公司",
        "申请公开徐泾镇2025年度仓储用地规划调整的征求意见稿。",
        _org(ApplicantCategory.BUSINESS, "王芳", email="wangfang@example.com"),
        (("reply", 9, Outcome.OTHER, OutcomeReason.OTHER, "申请人书面撤回申请。"), *_CLOSED),
    ),
    _past(
        dt.date(2025, 11, 24),
        Channel.ONLINE,
        "施磊",
        "申请公开相关的会议。",
        {**_CITIZEN, "email": "shilei@example.com"},
        (("correct", 3, "请写明会议的名称、召开时间或者议题。"), ("abandon", None, "")),
    ),
    _past(
        dt.date(2025, 12, 15),
        Channel.IN_PERSON,
        "上海示范律师事务所",
        "申请确认徐泾镇2024年已向本所提供的拆迁补偿协议复印件与原件一致，并重新出具。",
        _org(ApplicantCategory.LEGAL_SERVICES, "刘律师", email="lawyer@example.com"),
        (
            ("reply", 6, Outcome.NOT_PROCESSED, OutcomeReason.CONFIRMATION, "要求确认或重新出具已获取的信息。"),
            *_CLOSED,
            ("review", "reconsideration", 20, "corrected", 75),
        ),
    ),
    _past(
        dt.date(2025, 12, 22),
        Channel.ONLINE,
        "吕晨",
        "申请公开徐泾镇2026年度为民办实事项目的征集结果。",
        {**_CITIZEN, "email": "lvchen@example.com"},
        (("reply", 12, Outcome.DISCLOSED, "", "该信息已主动公开。"), *_CLOSED),
    ),
]
# This year, beside SAMPLES: one waiting for a third party, one for payment, and a reconsideration.
RECENT = [
    Sample(
        8,
        Channel.ONLINE,
        "上海徐泾示范餐饮管理有限公司",
        "申请公开徐泾镇某商业综合体的消防验收意见。",
        URBAN,
        _org(ApplicantCategory.BUSINESS, "戴经理", email="dai@example.com"),
        (("consult", 2, "商业综合体产权单位", "消防验收意见涉及贵单位的建筑信息，请于15个工作日内提出意见。"),),
    ),
    Sample(
        5,
        Channel.ONLINE,
        "许文",
        "申请获取徐泾镇2024年至2026年全部道路开挖许可的纸质复印件。",
        URBAN,
        {**_CITIZEN, "email": "xuwen@example.com", "provision_form": ProvisionForm.PAPER, "delivery": Delivery.POST},
        (("charge", 1, 60),),
    ),
    Sample(
        120,
        Channel.ONLINE,
        "潘晓",
        "申请公开徐泾镇某重点工程周边居民安置点的选址论证材料。",
        URBAN,
        {**_CITIZEN, "email": "panxiao@example.com"},
        (
            ("reply", 10, Outcome.WITHHELD, OutcomeReason.THREE_SAFETIES, "公开可能危及社会稳定。"),
            *_CLOSED,
            ("review", "reconsideration", 25, "pending", None),
        ),
    ),
    Sample(
        150,
        Channel.EMAIL,
        "上海示范城市规划研究院",
        "申请公开徐泾镇2025年度城市体检报告。",
        URBAN,
        _org(ApplicantCategory.RESEARCH, "曹研究员", email="cao@example.org"),
        (("reply", 7, Outcome.DISCLOSED, "", "该信息已主动公开。"), *_ARCHIVED),
    ),
]


@dataclass
class Loaded:
    guide_written: bool = False
    created: list[str] = field(default_factory=list)  # registration numbers added by this run


def load(*, stdout: TextIO | None = None) -> Loaded:
    """Load the demo (safe to run again) and say what is there on ``stdout``.
    LookupError if the document demo (`load_demo`) has not been loaded first."""
    loaded = _write_rows()
    out = stdout or io.StringIO()
    out.write(
        f"依申请公开演示数据已就绪：政府信息公开指南{'已写入' if loaded.guide_written else '保持不变'}，"
        f"申请共 {Application.objects.count()} 件（本次新增 {len(loaded.created)} 件）。\n"
    )
    for account in ACCOUNTS:
        out.write(f"演示账号：{account.username}（{account.role_label}，{account.organisation}）\n")
    return loaded


def _organisations() -> dict[str, Organisation]:
    names = [PARTY_OFFICE, URBAN, COMMUNITY, ECONOMY]
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(f"缺少机构：{'、'.join(missing)}。请先运行 python manage.py load_demo。")
    return found


def _write_rows() -> Loaded:
    with transaction.atomic():
        orgs = _organisations()
        for account in ACCOUNTS:
            ensure_account(account)
        loaded = Loaded()
        if not Guide.objects.exists():
            services.guide_save(guide=Guide(**GUIDE))
            loaded.guide_written = True
        users = {u.username: u for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])}
        now = timezone.localtime()
        for sample in [*SAMPLES, *HISTORY, *RECENT]:
            application = _register(loaded, sample, orgs, users["apply-registrar"], now)
            if application is not None:
                _take_steps(application, sample.steps, users)
    return loaded


def _register(
    loaded: Loaded, sample: Sample, orgs: dict[str, Organisation], registrar, now: dt.datetime
) -> Application | None:
    """The sample registered, or None when it is there already."""
    if Application.objects.filter(applicant_name=sample.applicant_name, description=sample.description).exists():
        return None
    if sample.received is not None:
        submitted = timezone.make_aware(dt.datetime.combine(sample.received, dt.time(10, 0)))
    else:
        submitted = (now - dt.timedelta(days=sample.days_ago)).replace(hour=10, minute=0, second=0, microsecond=0)
    application = Application(
        channel=sample.channel,
        applicant_name=sample.applicant_name,
        description=sample.description,
        submitted_at=submitted,
        organisation=orgs[sample.organisation] if sample.organisation else None,
        **sample.fields,
    )
    if sample.channel == Channel.POST_REGISTERED:
        application.signed_for_on = submitted.date()
    if sample.channel == Channel.POST_ORDINARY:
        application.confirmed_on = submitted.date()
    receipt = services.application_register(
        application=application, user=None if sample.channel == Channel.ONLINE else registrar
    )
    loaded.created.append(receipt.application.number)
    return receipt.application


def _take_steps(application: Application, steps: tuple[tuple, ...], users: dict) -> None:
    handler, head = users["apply-handler"], users["apply-head-urban"]
    today = timezone.localdate()
    for step, days, *details in steps:
        if step == "review":
            _review(application, handler, *([days, *details]))
            continue
        on = min(workdays.add_working_days(application.received_on, days), today) if days is not None else today
        if step == "correct":
            services.application_request_correction(application=application, user=handler, items=details[0], on=on)
        elif step == "corrected":
            services.application_correction_received(application=application, user=handler, on=on)
        elif step == "abandon":
            services.application_abandon_uncorrected(application=application, on=on)
        elif step == "extend":
            services.application_extend(application=application, user=head, days=10, reason=details[0], on=on)
        elif step == "reply":
            _reply(application, handler, head, on, *details)
        elif step == "consult":
            party, letter = details
            services.application_consult_third_party(
                application=application, user=handler, party=party, letter=letter, on=on
            )
        elif step == "third_party_answered":
            services.application_third_party_answered(application=application, user=handler, on=on, view=details[0])
        elif step == "charge":
            services.application_charge(
                application=application, user=handler, basis=FeeBasis.PAGES, pages=details[0], on=on
            )
        elif step == "fee_paid":
            services.application_fee_paid(application=application, user=handler, on=on)
        elif step == "abandon_unpaid":
            services.application_abandon_unpaid(application=application, on=today)
        elif step == "close":
            _deliver(application, handler)
            services.application_close(application=application, user=handler, comment="答复已送达。")
        elif step == "archive":
            services.application_archive(application=application, user=handler)
        elif step == "message":  # an exchange with the applicant (item 25)
            services.application_message(application=application, user=handler, text=details[0])
        elif step == "answer":
            services.applicant_answer(application=application, text=details[0])


def _review(application: Application, user, kind: str, filed_after: int, result: str, decided_after) -> None:
    """A reconsideration or lawsuit filed ``filed_after`` days after the reply."""
    replied = application.replied_on or timezone.localdate()
    services.review_save(
        review=Review(
            application=application,
            kind=kind,
            filed_on=replied + dt.timedelta(days=filed_after),
            decided_on=replied + dt.timedelta(days=decided_after) if decided_after is not None else None,
            result=result,
        ),
        user=user,
    )


# How a closed demo application's reply reached its applicant, by the way they asked for it.
_DELIVERED_BY = {
    Delivery.POST: DeliveryMethod.POST,
    Delivery.EMAIL: DeliveryMethod.EMAIL,
    Delivery.COLLECT: DeliveryMethod.COLLECT,
    Delivery.DOWNLOAD: DeliveryMethod.DOWNLOAD,
}


def _deliver(application: Application, handler) -> None:
    """送达 on the reply day, by the way the applicant asked (download without an e-mail address)."""
    method = _DELIVERED_BY.get(application.delivery, DeliveryMethod.DOWNLOAD)
    if method == DeliveryMethod.EMAIL and not application.email:
        method = DeliveryMethod.DOWNLOAD
    services.application_deliver(
        application=application,
        user=handler,
        method=method,
        on=application.replied_on,
        tracking_number="XA000000001CN" if method == DeliveryMethod.POST else "",  # made up
    )


def _reply(application: Application, handler, head, on: dt.date, outcome, reason, note, organ: str = "") -> None:
    document = (
        PolicyDocument.objects.public().order_by("-published_at").first() if outcome == Outcome.DISCLOSED else None
    )
    services.application_reply_draft(
        application=application,
        user=handler,
        outcome=outcome,
        reason=reason,
        note=note,
        document=document,
        competent_organ=organ,
    )
    services.application_reply_sign(application=application, user=head, on=on)
