"""Demo data of the work-points tracker: the seed's 2023 work points (徐府发〔2023〕32号)
broken into its 28 tasks, most done with their evidence, one hearing of the town's head
(item 26) with its minutes kept privately, and the coordinator's account.

Run by `python manage.py load_demo_workpoints` after `load_demo` and `load_demo_decisions`;
everything is written through workpoints.services (and decisions.services for the 2023
meeting with public representatives), looked up by its natural key first, so running it
again adds nothing and keeps what staff changed."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TextIO

from django.core.files.base import ContentFile
from django.db import transaction

from decisions import services as decision_services
from decisions.models import RepresentativeMeeting, RepresentativeType
from documents.models import PolicyDocument
from organisations.demo import DemoAccount, ensure_account
from organisations.models import Organisation

from . import services
from .models import HeadReport, Probe, Status, WorkItem, WorkPlan
from .roles import COORDINATOR

YEAR = 2023
SEED_NUMBER = "徐府发〔2023〕32号"
PARTY_OFFICE = "徐泾镇党政办公室"
ECONOMY = "徐泾镇经济发展办公室"
COMMUNITY = "徐泾镇社区管理办公室"

ACCOUNTS = [
    DemoAccount(
        "workpoints-coordinator",
        "Xujing-Workpoints-2023",
        COORDINATOR,
        PARTY_OFFICE,
        "workpoints-coordinator@xujing.example.gov.cn",
        first_name="协调",
        last_name="沈",
        does="分解年度政务公开工作要点：责任科室、时限、状态、佐证材料；记录镇政府主要负责同志听取工作汇报",
    ),
]

S2 = "二、提升政策公开服务能级"
S3 = "三、多渠道深化政民互动和公众参与"
S4 = "四、严对标夯实工作基础"
S5 = "五、工作指导监督和保障"

DONE, DOING = Status.DONE, Status.IN_PROGRESS
YEAR_END = dt.date(YEAR, 12, 31)


@dataclass(frozen=True)
class Item:
    number: int
    section: str
    text: str
    office: str = PARTY_OFFICE
    status: str = DONE
    probe: str = Probe.NONE
    due_on: dt.date = YEAR_END
    note: str = ""
    evidence: tuple[tuple[str, str], ...] = ()  # (label, url) links on this site


ITEMS = [
    Item(
        1,
        S2,
        "实施政策文件标签化管理，按市政府标签目录明确政策文件标签分类",
        evidence=(("政策文件库（按主题、对象、行业标签浏览）", "/documents/"),),
    ),
    Item(
        2, S2, "完善行政规范性文件发布规范，显著标识有效性，动态更新现行有效行政规范性文件", probe=Probe.NORMATIVE_LIST
    ),
    Item(
        3,
        S2,
        "主动公开公文集中归集到统一的主动公开公文库，全量覆盖、要素齐全、格式规范、分类准确",
        evidence=(("政府信息公开目录", "/catalogue/"),),
    ),
    Item(
        4,
        S2,
        "落实政策解读与政策文件同步起草、同步审签、同步发布“三同步”，应解读、尽解读",
        evidence=(("政策解读", "/interpretations/"),),
    ),
    Item(
        5,
        S2,
        "完善政策留言板，及时回应解答；对咨询量较大的问题形成常见问题解答清单，在同一页面发布",
        probe=Probe.FAQ_LIST,
    ),
    Item(
        6,
        S2,
        "推动政策知识库共建共享共用，向12345热线、“一网通办”等咨询窗口推送常见问题问答",
        evidence=(("常见问题知识库（CSV下载）", "/consultations/faq.csv"), ("开放数据接口说明", "/api/schema/")),
    ),
    Item(
        7,
        S2,
        "打造“政府+”政策推送“接力”机制，出台政策时主动推送给相关行业协会和产业园区",
        office=ECONOMY,
        status=DOING,
        note="已提供按标签订阅；与产业园区的常态化协作机制仍在建立",
        evidence=(("政策订阅（RSS / Atom）", "/subscribe/"),),
    ),
    Item(
        8,
        S2,
        "强化惠民利企政策辅导培训，打通政策服务“最后一公里”",
        office=ECONOMY,
        note="结合政策解读的“办事指引”开展针对性辅导",
        evidence=(("政策解读", "/interpretations/"),),
    ),
    Item(
        9,
        S3,
        "制定涉企政策必须听取相关企业和行业协会意见，听取和采纳情况作为上会讨论的前置条件",
        office=ECONOMY,
        evidence=(("重大行政决策", "/decisions/"),),
    ),
    Item(
        10,
        S3,
        "编制本单位2023年度重大行政决策事项目录，并于3月31日前向社会公开",
        probe=Probe.DECISION_CATALOGUE,
        due_on=dt.date(YEAR, 3, 31),
    ),
    Item(
        11,
        S3,
        "规范开展意见征集和反馈，决策出台后10个工作日内公开意见收集、采纳情况及不予采纳的原因",
        evidence=(("重大行政决策（意见征集和采纳情况）", "/decisions/"),),
    ),
    Item(
        12,
        S3,
        "提高重大行政决策公开集成度，集成公开决策草案、解读、意见采纳、公众代表列席和决策结果等信息",
        evidence=(("重大行政决策", "/decisions/"),),
    ),
    Item(13, S3, "年内邀请公众代表列席本单位决策会议不少于1次，优化代表遴选方式", probe=Probe.REPRESENTATIVE_MEETING),
    Item(
        14,
        S3,
        "统筹做好热线电话、领导信箱、网上咨询等政民互动渠道维护，严格落实办理时限，规范留言选登",
        evidence=(("留言选登", "/consultations/published/"),),
    ),
    Item(
        15,
        S3,
        "加强中国政府网转办留言办理质量管理，建立办件回访、评价和典型案例机制",
        evidence=(("留言选登", "/consultations/published/"),),
    ),
    Item(
        16,
        S3,
        "继续打响“政府开放月”品牌，组织线下开放活动，鼓励以公开征集意见的方式确定活动主题",
        office=COMMUNITY,
        status=DOING,
        note="开放活动已举办，活动记录尚未在本站公开",
    ),
    Item(
        17,
        S4,
        "落实公文公开属性源头认定机制：起草部门提出意见、政务公开部门审查、负责人审签",
        note="本站文件均经起草、公开审查、审签三步发布",
        evidence=(("政策文件库", "/documents/"),),
    ),
    Item(
        18,
        S4,
        "加强信息公开保密审查，防范数据汇聚引发泄密风险，保护个人隐私和商业秘密",
        note="发布前自动检查身份证号、电话号码等个人信息和敏感词",
    ),
    Item(
        19,
        S4,
        "科学合理确定公开方式，仅涉及部分特定对象的实行定点、定向公开",
        note="定向公开文件仅向登录的公开对象显示",
    ),
    Item(20, S4, "实行非密公文全量备案管理，全面完成历史公文转主动公开审查"),
    Item(
        21,
        S4,
        "完善和动态更新政务公开标准目录，做好新增信息的准确分类与及时公开",
        evidence=(("政府信息公开目录", "/catalogue/"),),
    ),
    Item(
        22,
        S4,
        "巩固基层政务公开标准化建设成果，抓好居（村）务公开基本目录落地",
        office=COMMUNITY,
        evidence=(
            ("二联村村务公开", "/organisations/erlian-village/"),
            ("徐泾居委会居务公开", "/organisations/xujing-residents/"),
        ),
    ),
    Item(
        23,
        S4,
        "加强与重要新闻媒体、社会媒体的联动，提升重要政策及解读材料的传播力和影响力",
        evidence=(("政策订阅（RSS / Atom）", "/subscribe/"),),
    ),
    Item(
        24,
        S4,
        "规范依申请办理流程，接收、登记、答复、邮寄、办结归档全程留痕，做好复议诉讼报备",
        evidence=(("政府信息公开指南（依申请公开）", "/applications/"),),
    ),
    Item(
        25,
        S4,
        "注重依申请办理中的沟通协调，充分了解申请人诉求，推动合理诉求实质性解决",
        evidence=(("政府信息公开指南（依申请公开）", "/applications/"),),
    ),
    Item(
        26,
        S5,
        "发挥政府办公室统筹协调作用；镇政府主要负责同志每年至少听取1次工作汇报、专题研究部署政务公开工作",
        probe=Probe.HEAD_REPORT,
    ),
    Item(
        27,
        S5,
        "建立完善协调机制，协调各业务科室落实任务，配齐配强工作力量，保障工作经费",
        note="各科室明确政务公开联络员",
    ),
    Item(
        28,
        S5,
        "做好任务分解，明确责任科室和时限，在“政务公开工作要点”栏目公开，加强日常跟进和定期检查",
        evidence=(("本页：任务分解和落实情况", f"/workpoints/{YEAR}/"),),
    ),
]

HEAD_REPORT = {
    "heard_on": dt.date(YEAR, 8, 15),
    "meeting": "镇政府常务会议",
    "topic": "听取2023年政务公开工作推进情况汇报，研究部署下半年重点任务",
}
MINUTES_TEXT = (
    "徐泾镇人民政府常务会议纪要（摘要）\n"
    "2023年8月15日，镇政府常务会议听取党政办公室关于2023年政务公开工作推进情况的汇报，"
    "研究部署下半年重点任务：一是动态更新现行有效行政规范性文件；二是落实公众代表列席决策会议；"
    "三是做好年度报告编制准备。\n"
)
MEETING = {
    "title": "镇政府常务会议（审议为民办实事项目，公众代表列席）",
    "held_on": dt.date(YEAR, 9, 12),
    # (kind, name, consent to publish the name): made-up names, not published
    "representatives": [
        (RepresentativeType.CITIZEN, "陈某某", False),
        (RepresentativeType.SMALL_BUSINESS, "林某某", False),
    ],
}


@dataclass
class Loaded:
    plan: WorkPlan | None
    created_items: int = 0
    created_evidence: int = 0
    head_report_created: bool = False


def load(*, stdout: TextIO | None = None) -> Loaded:
    """Load the demo (safe to run again). LookupError if `load_demo` has not run first."""
    out = stdout or io.StringIO()
    with transaction.atomic():
        loaded = _write_rows()
    plan = loaded.plan
    out.write(
        f"政务公开工作要点演示数据已就绪：{plan}，共 {plan.items.count()} 项任务"
        f"（本次新增 {loaded.created_items} 项任务、{loaded.created_evidence} 条佐证材料）。\n"
    )
    for account in ACCOUNTS:
        out.write(f"演示账号：{account.username}（{account.role_label}，{account.organisation}）\n")
    return loaded


def _organisations() -> dict[str, Organisation]:
    names = [PARTY_OFFICE, ECONOMY, COMMUNITY]
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(f"缺少机构：{'、'.join(missing)}。请先运行 python manage.py load_demo。")
    return found


def _write_rows() -> Loaded:
    orgs = _organisations()
    document = PolicyDocument.objects.filter(doc_number=SEED_NUMBER).order_by("id").first()
    if document is None:
        raise LookupError(f"缺少工作要点文件（{SEED_NUMBER}）。请先运行 python manage.py load_demo。")
    user = None
    for account in ACCOUNTS:
        user, _ = ensure_account(account)
    plan, _ = services.plan_ensure(
        year=YEAR,
        document=document,
        coordinator=orgs[PARTY_OFFICE],
        user=user,
        introduction="根据《徐泾镇2023年政务公开工作要点》（徐府发〔2023〕32号），逐项分解任务，明确责任科室和完成时限。",
    )
    loaded = Loaded(plan)
    existing = set(plan.items.values_list("number", flat=True))
    for spec in ITEMS:
        if spec.number in existing:
            continue
        item = WorkItem(
            plan=plan,
            number=spec.number,
            section=spec.section,
            text=spec.text,
            organisation=orgs[spec.office],
            due_on=spec.due_on,
            status=spec.status,
            probe=spec.probe,
            progress_note=spec.note,
        )
        services.item_save(item=item, user=user)
        loaded.created_items += 1
        for label, url in spec.evidence:
            services.evidence_add(item=item, label=label, url=url, user=user)
            loaded.created_evidence += 1
        if spec.number == 28:  # the work points document itself, as a portal object
            services.evidence_add(
                item=item, label=document.title, target=document, dated_on=dt.date(YEAR, 6, 6), user=user
            )
            loaded.created_evidence += 1
    if not HeadReport.objects.filter(heard_on=HEAD_REPORT["heard_on"], topic=HEAD_REPORT["topic"]).exists():
        services.head_report_record(
            **HEAD_REPORT, minutes=ContentFile(MINUTES_TEXT.encode("utf-8"), name="minutes.txt"), user=user
        )
        loaded.head_report_created = True
    if not RepresentativeMeeting.objects.filter(title=MEETING["title"], held_on=MEETING["held_on"]).exists():
        decision_services.meeting_record(organisation=orgs[PARTY_OFFICE], user=user, **MEETING)
    return loaded
