"""Demo data of major decisions (`manage.py load_demo_decisions`, after `load_demo`).

A current-year catalogue with a decision at each interesting point: a draft open for comment
(社管办, with the decision-staff account), an 涉企 decision under review (经发办), a decision
with its published feedback report (城建办), and two of 党政办, the office of the document
demo's staff (drafter, reviewer, signer, manager): one decided with opinions still to dispose
and its feedback report still to draft and publish, one still only a catalogue item.

Everything is written through the services, back-dated where the history needs it. Idempotent:
a decision that exists (by catalogue and title) is left as it is, with all staff changed since.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from documents.models import CatalogTag, CatalogueItem, DocumentType, PolicyDocument, Topic
from organisations.demo import DemoAccount, ensure_account
from organisations.models import Organisation

from . import services
from .models import (
    Activity,
    Catalogue,
    Decision,
    DecisionMaterial,
    Opinion,
    RepresentativeCall,
    RepresentativeType,
    Stage,
)
from .models import Disposition as D
from .roles import DECISION_STAFF
from .search_sync import sync_decision

GOVERNMENT = "徐泾镇人民政府"
PARTY_OFFICE = "徐泾镇党政办公室"  # drafts the town government's (徐府发) documents; the document demo's staff
COMMUNITY = "徐泾镇社区管理办公室"
ECONOMY = "徐泾镇经济发展办公室"
URBAN = "徐泾镇城市建设管理办公室"
RESULT_CATALOGUE_CODE = "0403"  # 重大行政决策 › 决策结果, in the demo's standard catalogue

ACCOUNTS = [
    DemoAccount(
        "decision-staff",
        "Xujing-Decision-2023",
        DECISION_STAFF,
        COMMUNITY,
        "decision-staff@xujing.example.gov.cn",
        first_name="承办",
        last_name="周",
        does="办理社管办的重大行政决策：查看征求意见、录入座谈会意见、处理意见、推进阶段、生成反馈报告草稿",
    ),
]

ELEVATOR = "徐泾镇既有多层住宅加装电梯补贴办法"
ELEVATOR_ARTICLES = [
    (
        "目的和依据",
        "为改善老旧住宅小区居民出行条件，根据《上海市既有多层住宅加装电梯的指导意见》，结合本镇实际，制定本办法。",
    ),
    ("适用范围", "本办法适用于本镇行政区域内已建成投入使用、未设电梯的四层及以上住宅。"),
    ("补贴标准", "每台电梯补贴人民币15万元；楼内有80周岁以上老人或残疾人的，另增加补贴2万元。"),
    (
        "申请条件",
        "加装电梯须经本幢（单元）房屋专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主同意。",
    ),
    ("申请程序", "业主委托实施主体向所在居委会提出申请，居委会在5个工作日内出具意见后报镇社区管理办公室审核。"),
    ("施行日期", "本办法自公布之日起施行，有效期五年。"),
]
# (submitter type, text, article number or None)
ELEVATOR_OPINIONS = [
    (Opinion.SubmitterType.CITIZEN, "建议提高补贴标准，一楼住户不用电梯却要分摊费用，应给一楼住户适当补偿。", 3),
    (Opinion.SubmitterType.CITIZEN, "建议提高补贴标准，一楼住户不使用电梯却要分摊费用，应当给一楼住户补偿。", 3),
    (Opinion.SubmitterType.CITIZEN, "申请程序中居委会出具意见的时限5个工作日太长，建议缩短为3个工作日。", 5),
    (Opinion.SubmitterType.ORGANISATION, "建议明确电梯后期维保费用的承担方式，避免建成后无人维护。", None),
]
# (text, disposition, reason); the first three are still to be decided by 党政办's staff.
PROJECTS_OPINIONS = [
    ("建议把老年助餐点增加到每个村居都有一个，方便行动不便的老人就近用餐。", "", ""),
    ("建议把老年助餐点增加到每个村居都有一个，方便行动不便的老人就近吃饭。", "", ""),
    ("建议在蟠龙地区增设一处24小时自助图书馆。", "", ""),
    ("建议为老旧小区加装充电桩，解决电动自行车充电难。", D.ADOPTED, ""),
    ("建议实事项目完成情况每季度在门户网站公开进度。", D.PARTLY, "完成情况每半年公开一次，年底公开全年完成情况。"),
    (
        "建议把镇域所有道路的路灯全部更换为智能路灯。",
        D.NOT_ADOPTED,
        "全部更换所需资金超出本年度实事项目预算；本年度先更换主要道路和学校周边路灯，其余分年实施。",
    ),
]


@dataclass
class Loaded:
    catalogue: Catalogue
    created: list[str] = field(default_factory=list)  # titles of the decisions this run added


def _at(day: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _organisations() -> dict[str, Organisation]:
    names = [GOVERNMENT, PARTY_OFFICE, COMMUNITY, ECONOMY, URBAN]
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(f"缺少机构：{'、'.join(missing)}。请先运行 python manage.py load_demo。")
    return found


def _user(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _town_actor():
    """The demo superuser acts for the offices that have no demo account of their own."""
    user_model = get_user_model()
    user = _user("admin") or user_model.objects.filter(is_superuser=True, is_active=True).first()
    if user is None:
        raise LookupError("没有超级管理员账号。请先运行 python manage.py load_demo。")
    return user


def _advance(decision: Decision, user, *steps: tuple[str, dt.date]) -> None:
    for stage, day in steps:
        services.decision_advance(decision=decision, to_stage=stage, user=user, at=_at(day))


def load(*, stdout: TextIO | None = None) -> Loaded:
    """Load the demo (safe to run again); say what is there and the account on ``stdout``.
    LookupError if the document demo (`load_demo`) has not been loaded first."""
    # Each stored demo opinion is logged at INFO by the services: noise in `make run`.
    services_log = logging.getLogger("decisions.services")
    level = services_log.level
    services_log.setLevel(logging.WARNING)
    try:
        loaded = _write_rows()
    finally:
        services_log.setLevel(level)
    out = stdout or io.StringIO()
    catalogue = loaded.catalogue
    out.write(
        f"重大行政决策演示数据已就绪：{catalogue}，共 {catalogue.decisions.count()} 项"
        f"（本次新增 {len(loaded.created)} 项）。\n"
    )
    for account in ACCOUNTS:
        out.write(f"演示账号：{account.username}（{account.role_label}，{account.organisation}）\n")
    return loaded


def _write_rows() -> Loaded:
    with transaction.atomic():
        orgs = _organisations()
        for account in ACCOUNTS:
            ensure_account(account)
        today = timezone.localdate()
        town = _town_actor()
        catalogue = services.catalogue_ensure(
            year=today.year,
            organisation=orgs[GOVERNMENT],
            introduction="根据《重大行政决策程序暂行条例》和《徐泾镇2023年政务公开工作要点》，现公布本年度重大行政决策事项目录。"
            "各承办单位应严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。",
        )
        loaded = Loaded(catalogue)
        staff = _user("decision-staff") or town
        _elevator(loaded, orgs[COMMUNITY], staff, today)
        _enterprise(loaded, orgs[ECONOMY], town, today)
        _waste(loaded, orgs, town, today)
        _projects(loaded, orgs, today)
        _next_year(loaded, orgs[PARTY_OFFICE], today)
        if catalogue.published_at is None:
            published = _at(dt.date(today.year, 3, 20), 10, 0)
            services.catalogue_publish(
                catalogue=catalogue, user=town, at=min(published, timezone.now() - dt.timedelta(hours=1))
            )
        _call(loaded, orgs[COMMUNITY], staff, today)
        for decision in catalogue.decisions.all():
            sync_decision(decision)
    return loaded


def _new(loaded: Loaded, title: str, user, **fields) -> Decision | None:
    """The decision, created; None if it exists already (it is then left as staff left it)."""
    if Decision.objects.filter(catalogue=loaded.catalogue, title=title).exists():
        return None
    decision = services.decision_create(catalogue=loaded.catalogue, title=title, user=user, **fields)
    loaded.created.append(title)
    return decision


def _elevator(loaded: Loaded, organisation: Organisation, staff, today: dt.date) -> None:
    decision = _new(
        loaded,
        ELEVATOR,
        staff,
        number=1,
        organisation=organisation,
        legal_basis="《上海市既有多层住宅加装电梯的指导意见》；《重大行政决策程序暂行条例》",
        planned_schedule=f"{today.year + 1}年第一季度",
        plans_hearing=True,
        plans_risk_assessment=True,
        summary="对本镇老旧多层住宅加装电梯给予补贴，明确补贴标准、申请条件和程序。现公开征求意见。",
        draft_text="\n\n".join(f"第{i}条 {h}\n{t}" for i, (h, t) in enumerate(ELEVATOR_ARTICLES, 1)),
        drafting_explanation="一、起草背景：本镇有未设电梯的多层住宅约1.2万户，老年居民上下楼困难。\n"
        "二、主要内容：明确补贴对象、补贴标准、申请条件和办理程序。\n"
        "三、征求意见情况：本草案在门户网站公开征求意见31日，并将在蟠龙居委会召开居民座谈会。",
        comment_opens_on=today - dt.timedelta(days=10),
        comment_closes_on=today + dt.timedelta(days=20),
        articles=ELEVATOR_ARTICLES,
    )
    if decision is None:
        return
    _advance(
        decision,
        staff,
        (Stage.DRAFTING, today - dt.timedelta(days=40)),
        (Stage.CONSULTATION, today - dt.timedelta(days=10)),
    )
    articles = {a.number: a for a in decision.articles.all()}
    for i, (kind, body, article) in enumerate(ELEVATOR_OPINIONS):
        services.opinion_submit(
            decision=decision,
            submitter_type=kind,
            body=body,
            article=articles.get(article),
            contact_email=f"resident{i}@example.com",
            at=_at(today - dt.timedelta(days=9 - i), 20, 15),
        )
    for kind, title, body in [
        (
            DecisionMaterial.Kind.INTERPRETATION,
            "一图读懂加装电梯补贴办法（征求意见稿）",
            "补贴多少？每台15万元，有高龄老人或残疾人的另加2万元。\n谁来申请？业主委托的实施主体向居委会申请。",
        ),
        (
            DecisionMaterial.Kind.BACKGROUND,
            "本镇既有多层住宅基本情况",
            "全镇共有未设电梯的四层及以上住宅412幢、约1.2万户，其中60周岁以上居民占38%。",
        ),
    ]:
        services.material_add(
            decision=decision, user=staff, kind=kind, title=title, body=body, added_on=today - dt.timedelta(days=10)
        )


def _enterprise(loaded: Loaded, organisation: Organisation, actor, today: dt.date) -> None:
    decision = _new(
        loaded,
        "徐泾镇支持西虹桥商务区中小企业高质量发展若干措施",
        actor,
        number=2,
        organisation=organisation,
        legal_basis="《中华人民共和国中小企业促进法》；《优化营商环境条例》",
        planned_schedule=f"{today.year + 1}年第一季度",
        plans_expert_argumentation=True,
        plans_risk_assessment=True,
        concerns_enterprises=True,
        summary="从房租补贴、人才公寓、融资担保三方面支持中小企业发展。",
        draft_text="第一条 对新落户的中小企业给予最长三年的房租补贴。\n第二条 优先保障重点企业人才公寓。",
        drafting_explanation="落实优化营商环境要求，稳定企业预期。",
        comment_opens_on=today - dt.timedelta(days=75),
        comment_closes_on=today - dt.timedelta(days=45),
    )
    if decision is None:
        return
    _advance(
        decision,
        actor,
        (Stage.DRAFTING, today - dt.timedelta(days=90)),
        (Stage.CONSULTATION, today - dt.timedelta(days=75)),
    )
    forum_day = today - dt.timedelta(days=60)
    forum = services.activity_record(
        decision=decision,
        user=actor,
        kind=Activity.Kind.FORUM,
        held_on=forum_day,
        participants=14,
        participants_description="企业代表10人、行业协会商会代表4人",
        opinions_summary="企业普遍希望简化补贴申请材料，协会建议将融资担保覆盖到个体工商户。",
    )
    for kind, author, body in [
        (Opinion.SubmitterType.ENTERPRISE, "某科技有限公司", "建议简化房租补贴申请材料，实行网上申报。"),
        (Opinion.SubmitterType.ASSOCIATION, "青浦区某行业协会", "建议融资担保覆盖到个体工商户。"),
    ]:
        opinion = Opinion(
            decision=decision,
            channel=Opinion.Channel.FORUM,
            activity=forum,
            submitter_type=kind,
            author_name=author,
            body=body,
            submitted_at=_at(forum_day, 15),
        )
        services.opinion_record(opinion=opinion, user=actor)
    _advance(decision, actor, (Stage.REVIEW, today - dt.timedelta(days=44)))


def _result_document(
    orgs: dict[str, Organisation],
    *,
    title: str,
    doc_number: str,
    written: dt.date,
    topic: str,
    summary: str,
    body: list,
) -> PolicyDocument | None:
    """The decision's result document, drafted by 党政办 and issued in the town government's
    name, taken through the document workflow by the document demo's staff; None when they
    are missing (then the decision waits before 决定)."""
    from documents import services as document_services
    from documents.demo.seed_text import paragraphs_to_html

    drafting = orgs[PARTY_OFFICE]
    existing = PolicyDocument.objects.filter(organisation=drafting, title=title).first()
    if existing is not None:
        return existing if existing.is_public else None
    drafter, reviewer, signer = (_user(name) for name in ("drafter", "reviewer", "signer"))
    if not (drafter and reviewer and signer):
        return None
    document = PolicyDocument(
        title=title,
        doc_number=doc_number,
        organisation=drafting,
        issuing_organisation=orgs[GOVERNMENT],
        written_date=written,
        doc_type=DocumentType.NOTICE,
        topic=topic,
        catalogue_item=CatalogueItem.objects.filter(code=RESULT_CATALOGUE_CODE).first(),
        summary=summary,
        body=paragraphs_to_html(body),
        created_by=drafter,
    )
    document.assign_index_number()
    document.full_clean()
    document_services.document_save(document=document)
    document.tags.set(list(CatalogTag.objects.filter(name__in=["政务公开", "市民"])))
    document_services.document_submit(document=document, user=drafter, comment="重大行政决策结果文件。")
    document_services.document_approve_review(document=document, user=reviewer)
    document_services.document_sign(document=document, user=signer)
    return document


def _waste(loaded: Loaded, orgs: dict[str, Organisation], actor, today: dt.date) -> None:
    organisation = orgs[URBAN]
    title = "徐泾镇生活垃圾分类收集点布局调整方案"
    decision = _new(
        loaded,
        title,
        actor,
        number=3,
        organisation=organisation,
        legal_basis="《上海市生活垃圾管理条例》",
        planned_schedule=f"{today.year}年第四季度",
        plans_hearing=True,
        summary="调整居民小区生活垃圾分类收集点布局，解决部分收集点离住宅过近的问题。",
        draft_text="一、各小区湿垃圾收集点与住宅外墙距离不少于10米。\n二、每300户设置一处定时定点投放点。",
        drafting_explanation="回应居民对收集点异味、噪声问题的反映。",
        comment_opens_on=today - dt.timedelta(days=120),
        comment_closes_on=today - dt.timedelta(days=90),
    )
    if decision is None:
        return
    _advance(
        decision,
        actor,
        (Stage.DRAFTING, today - dt.timedelta(days=130)),
        (Stage.CONSULTATION, today - dt.timedelta(days=120)),
    )
    for i in range(5):
        services.opinion_submit(
            decision=decision,
            body="反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。" + "！" * i,
            contact_email=f"neighbour{i}@example.com",
            at=_at(today - dt.timedelta(days=110 - i), 19),
        )
    adopted = services.opinion_submit(
        decision=decision, body="建议投放时间延长到晚上9点。", at=_at(today - dt.timedelta(days=100), 8)
    )
    partly = services.opinion_submit(
        decision=decision, body="建议给志愿者发放补贴。", at=_at(today - dt.timedelta(days=99), 8)
    )
    services.activity_record(
        decision=decision,
        user=actor,
        kind=Activity.Kind.HEARING,
        held_on=today - dt.timedelta(days=95),
        participants=23,
        participants_description="居民代表18人、物业企业代表5人",
        opinions_summary="多数代表支持定时定点投放，部分代表关注收集点异味。",
    )
    _advance(
        decision,
        actor,
        (Stage.REVIEW, today - dt.timedelta(days=89)),
        (Stage.DELIBERATION, today - dt.timedelta(days=40)),
    )
    issued = today - dt.timedelta(days=21)
    document = _result_document(
        orgs,
        title=f"徐泾镇人民政府关于印发《{title}》的通知",
        doc_number=f"徐府发〔{issued.year}〕41号",
        written=issued,
        topic=Topic.URBAN,
        summary=f"印发《{title}》：湿垃圾收集点与住宅外墙距离不少于10米，每300户设置一处定时定点投放点。",
        body=[
            "各村（居）民委员会、各物业服务企业：",
            f"《{title}》已经镇政府常务会议审议通过，现印发给你们，请认真贯彻执行。",
            "一、各小区湿垃圾收集点与住宅外墙距离不少于10米。",
            "二、每300户设置一处定时定点投放点，投放时间延长至晚上9点。",
            "三、收集点加装除臭设备，每日清洗两次；志愿者按服务时长给予积分奖励。",
        ],
    )
    if document is None:
        return
    services.decision_set_result(decision=decision, user=actor, result_document=document, issued_on=issued)
    _advance(decision, actor, (Stage.DECIDED, issued))
    for group in services.opinion_group_similar(decision=decision, user=actor):
        services.opinion_group_dispose(
            group=group,
            disposition=D.NOT_ADOPTED,
            reason="北侧绿地为消防通道，不具备设置条件；将加装除臭设备并每日两次清洗。",
            user=actor,
        )
    services.opinion_dispose(opinion=adopted, disposition=D.ADOPTED, reason="", user=actor)
    services.opinion_dispose(opinion=partly, disposition=D.PARTLY, reason="按志愿服务时长给予积分奖励。", user=actor)
    meeting_day = issued - dt.timedelta(days=1)
    services.meeting_record(
        organisation=organisation,
        user=actor,
        decision=decision,
        title="镇政府常务会议（审议垃圾分类收集点布局调整方案）",
        held_on=meeting_day,
        representatives=[
            (RepresentativeType.CITIZEN, "周建华", True),
            (RepresentativeType.SMALL_BUSINESS, "钱晓东", False),
        ],
    )
    report = services.feedback_report_draft(decision=decision, user=actor)
    published = min(_at(issued + dt.timedelta(days=12), 10), timezone.now())
    services.feedback_report_publish(report=report, user=actor, at=published)


def _projects(loaded: Loaded, orgs: dict[str, Organisation], today: dt.date) -> None:
    """党政办's decided decision: three opinions to dispose, the report to draft and publish."""
    drafter = _user("drafter")
    if drafter is None:
        return
    title = f"徐泾镇{today.year}年为民办实事项目实施方案"
    decision = _new(
        loaded,
        title,
        drafter,
        number=4,
        organisation=orgs[PARTY_OFFICE],
        legal_basis="《上海市人民代表大会常务委员会关于实行民生实事项目人大代表票决制的决定》",
        planned_schedule=f"{today.year}年12月",
        summary="本年度十项为民办实事项目：老年助餐、充电设施、路灯改造、社区图书馆等。",
        draft_text="一、新增老年助餐点5处。\n二、老旧小区新增电动自行车充电桩600个。\n三、更换主要道路路灯1200盏。",
        drafting_explanation="项目经公开征集、人大代表票决产生，本方案明确各项目的承办单位和完成时限。",
        comment_opens_on=today - dt.timedelta(days=70),
        comment_closes_on=today - dt.timedelta(days=40),
    )
    if decision is None:
        return
    _advance(
        decision,
        drafter,
        (Stage.DRAFTING, today - dt.timedelta(days=85)),
        (Stage.CONSULTATION, today - dt.timedelta(days=70)),
    )
    opinions = [
        services.opinion_submit(
            decision=decision,
            body=body,
            contact_email=f"citizen{i}@example.com" if i % 2 == 0 else "",
            at=_at(today - dt.timedelta(days=65 - 3 * i), 21),
        )
        for i, (body, _, _) in enumerate(PROJECTS_OPINIONS)
    ]
    services.activity_record(
        decision=decision,
        user=drafter,
        kind=Activity.Kind.POLL,
        held_on=today - dt.timedelta(days=50),
        participants=412,
        participants_description="村居民代表和“一网通办”用户",
        opinions_summary="老年助餐和充电设施的支持率最高。",
    )
    _advance(
        decision,
        drafter,
        (Stage.REVIEW, today - dt.timedelta(days=39)),
        (Stage.DELIBERATION, today - dt.timedelta(days=20)),
    )
    issued = today - dt.timedelta(days=10)
    document = _result_document(
        orgs,
        title=f"徐泾镇人民政府关于印发《{title}》的通知",
        doc_number=f"徐府发〔{issued.year}〕43号",
        written=issued,
        topic=Topic.GENERAL,
        summary=f"印发《{title}》，明确十项为民办实事项目的承办单位和完成时限。",
        body=[
            "各办公室、各村（居）民委员会：",
            f"《{title}》已经镇政府常务会议审议通过，现印发给你们，请认真组织实施。",
            "各承办单位每半年报送一次项目进度，年底公开全年完成情况。",
        ],
    )
    if document is None:
        return
    services.decision_set_result(decision=decision, user=drafter, result_document=document, issued_on=issued)
    _advance(decision, drafter, (Stage.DECIDED, issued))
    for opinion, (_, disposition, reason) in zip(opinions, PROJECTS_OPINIONS, strict=True):
        if disposition:
            services.opinion_dispose(opinion=opinion, disposition=disposition, reason=reason, user=drafter)


def _next_year(loaded: Loaded, organisation: Organisation, today: dt.date) -> None:
    drafter = _user("drafter") or _town_actor()
    _new(
        loaded,
        f"徐泾镇{today.year + 1}年民生实事项目",
        drafter,
        number=5,
        organisation=organisation,
        legal_basis="《上海市人民代表大会常务委员会关于实行民生实事项目人大代表票决制的决定》",
        planned_schedule=f"{today.year + 1}年1月",
        plans_public_comment=True,
    )


def _call(loaded: Loaded, organisation: Organisation, staff, today: dt.date) -> None:
    title = "公开征集公众代表列席加装电梯补贴办法决策会议"
    if RepresentativeCall.objects.filter(title=title).exists():
        return
    services.representative_call_open(
        organisation=organisation,
        user=staff,
        title=title,
        description="拟邀请市民代表3名、小微企业代表2名列席镇政府常务会议。欢迎本镇居民和企业报名。",
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
        seats=5,
        decision=Decision.objects.filter(catalogue=loaded.catalogue, title=ELEVATOR).first(),
    )
