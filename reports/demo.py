"""Demo data of the annual report (`manage.py load_demo_reports`, after `load_demo_applications`).

A few applications of 2024 and 2025 registered and answered through the applications
services on their real dates (one received in December 2024 and answered in January 2025,
carried into 2025; one received in December 2025 and answered in January 2026, carried out
of it; one whose reply went to reconsideration, still pending at the end of 2025); then the
town government's 2024 report, generated, completed and published in January 2025, and its
2025 report generated as a draft with its staff figures entered, ready for the head
(`signer`) to publish. Idempotent: what exists is left as staff left it.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applications import services as application_services
from applications.models import ApplicantCategory, ApplicantType, Application, Channel, Outcome, OutcomeReason, Review
from documents.models import PolicyDocument
from organisations.demo import DemoAccount
from organisations.models import Organisation

from . import services
from .models import AnnualReport

ACCOUNTS: list[DemoAccount] = []  # the document roles' accounts do the report (drafter, signer)

URBAN = "徐泾镇城市建设管理办公室"
_CITIZEN = {"applicant_type": ApplicantType.CITIZEN, "applicant_category": ApplicantCategory.NATURAL_PERSON}
_COMPANY = {"applicant_type": ApplicantType.ORGANISATION, "applicant_category": ApplicantCategory.BUSINESS}
_LAW_FIRM = {"applicant_type": ApplicantType.ORGANISATION, "applicant_category": ApplicantCategory.LEGAL_SERVICES}

# (received, applicant, description, category fields, reply day, outcome, reason, review filed)
HISTORY = [
    (
        dt.date(2024, 12, 20),
        "陈建国",
        "申请公开徐泾镇2024年老旧小区综合改造项目的实施方案。",
        _CITIZEN,
        dt.date(2025, 1, 8),
        Outcome.DISCLOSED,
        "",
        None,
    ),
    (
        dt.date(2025, 3, 10),
        "刘芳",
        "申请公开徐泾镇2025年道路养护计划。",
        _CITIZEN,
        dt.date(2025, 3, 28),
        Outcome.DISCLOSED,
        "",
        None,
    ),
    (
        dt.date(2025, 5, 12),
        "上海某某建设有限公司",
        "申请公开某地块拆除工程的招标文件及评标结果。",
        _COMPANY,
        dt.date(2025, 6, 5),
        Outcome.PARTLY_DISCLOSED,
        "",
        None,
    ),
    (
        dt.date(2025, 7, 1),
        "王磊",
        "申请公开1998年某村宅基地审批档案。",
        _CITIZEN,
        dt.date(2025, 7, 22),
        Outcome.UNAVAILABLE,
        OutcomeReason.NOT_HELD,
        None,
    ),
    (
        dt.date(2025, 9, 15),
        "上海某某律师事务所",
        "申请公开某项目征收补偿方案的内部讨论记录。",
        _LAW_FIRM,
        dt.date(2025, 10, 13),
        Outcome.WITHHELD,
        OutcomeReason.PROCESS_INFORMATION,
        dt.date(2025, 11, 3),
    ),
    (
        dt.date(2025, 12, 22),
        "赵敏",
        "申请公开徐泾镇2025年第四季度市容环境整治通报。",
        _CITIZEN,
        dt.date(2026, 1, 12),
        Outcome.DISCLOSED,
        "",
        None,
    ),
]

STAFF_FIGURES = {
    "licensing_count": 36,
    "licensing_source": "青浦区“一网通办”平台徐泾镇受理统计（示例数字）",
    "penalty_count": 0,
    "penalty_source": "徐泾镇城市建设管理办公室执法台账（示例）",
    "enforcement_not_applicable": True,
    "enforcement_source": "镇人民政府不实施行政强制（示例）",
    "fee_amount": Decimal("0"),
    "fee_source": "徐泾镇财政所（示例）",
}

TEXT_PROBLEMS = (
    "{year}年存在的主要问题：一是政策解读形式还比较单一，图解和视频解读偏少；二是部分村居务公开栏目更新不够及时。\n"
    "{next}年改进措施：一是每件行政规范性文件同步推出图解解读；二是按月检查村居务公开栏目，督促及时更新。"
)
TEXT_OTHER = "本年度未收取政府信息公开信息处理费。\n本年度无其他需要报告的事项。"


def load(*, stdout: TextIO | None = None) -> list[AnnualReport]:
    stdout = stdout or io.StringIO()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_USERNAMES)}
    missing = sorted(set(_USERNAMES) - set(users))
    if missing:
        raise LookupError(f"缺少演示账号 {'、'.join(missing)}：请先运行 load_demo 和 load_demo_applications。")
    town = Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT).order_by("order", "id").first()
    urban = Organisation.objects.filter(name=URBAN).first()
    if town is None or urban is None:
        raise LookupError("缺少演示机构：请先运行 load_demo。")
    with transaction.atomic():
        created = sum(_application(row, urban, users) for row in HISTORY)
        reports = [
            _report(
                2024,
                town,
                users,
                publish_at=timezone.make_aware(dt.datetime.combine(dt.date(2025, 1, 20), dt.time(10))),
            ),
            _report(2025, town, users, publish_at=None),
        ]
    stdout.write(f"年度报告演示数据：新建申请 {created} 件；{'、'.join(r.title for r in reports)}。\n")
    return reports


_USERNAMES = ["apply-registrar", "apply-handler", "apply-head-urban", "drafter", "signer"]


def _application(row, urban: Organisation, users: dict) -> int:
    received, name, description, fields, replied, outcome, reason, review_filed = row
    if Application.objects.filter(applicant_name=name, description=description).exists():
        return 0
    application = Application(
        channel=Channel.IN_PERSON,
        applicant_name=name,
        description=description,
        submitted_at=timezone.make_aware(dt.datetime.combine(received, dt.time(10))),
        organisation=urban,
        **fields,
    )
    application = application_services.application_register(
        application=application, user=users["apply-registrar"]
    ).application
    document = None
    if outcome in (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED):
        document = PolicyDocument.objects.public().order_by("published_at").first()
    application_services.application_reply_draft(
        application=application,
        user=users["apply-handler"],
        outcome=outcome,
        reason=reason,
        note="演示答复。",
        document=document,
        competent_organ="上海市青浦区档案馆" if reason == OutcomeReason.NOT_HELD else "",
    )
    application_services.application_reply_sign(application=application, user=users["apply-head-urban"], on=replied)
    if review_filed:
        review = Review(application=application, kind=Review.Kind.RECONSIDERATION, filed_on=review_filed)
        application_services.review_save(review=review, user=users["apply-handler"])
    return 1


def _report(year: int, town: Organisation, users: dict, *, publish_at: dt.datetime | None) -> AnnualReport:
    existing = AnnualReport.objects.filter(year=year, organisation=town).first()
    if existing is not None:
        return existing
    report = services.report_generate(year=year, organisation=town, user=users["drafter"])
    for name, value in STAFF_FIGURES.items():
        setattr(report, name, value)
    report.overview = report.overview.replace("（四）政府信息管理、平台建设与监督保障。（请工作人员补充。）", _PLATFORM)
    report.problems = TEXT_PROBLEMS.format(year=year, next=year + 1)
    report.other_matters = TEXT_OTHER
    report = services.report_save(report=report, user=users["drafter"])
    if publish_at is not None:
        report = services.report_publish(report=report, user=users["signer"], at=publish_at)
    return report


_PLATFORM = (
    "（四）政府信息管理、平台建设与监督保障。依托政务公开门户统一发布政府信息，落实公开属性源头认定和"
    "发布前保密审查；将政务公开工作纳入年度考核。"
)
