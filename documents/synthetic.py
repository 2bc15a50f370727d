"""Large synthetic corpora of realistic Chinese policy documents.

Used by `manage.py generate_documents`, the search benchmark and the search quality
tests. Everything it makes is published and public. The same seed gives the same
documents (apart from database ids), so tests can rely on them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from documents import aggregates, numbers, search_sync
from documents.models import (
    CatalogTag,
    DisclosureAttribute,
    DisclosureScope,
    DocumentType,
    PolicyDocument,
    Status,
    TagDimension,
    TaggedDocument,
    Topic,
    Validity,
)
from organisations.models import Organisation
from search import indexing
from xujing_portal import planner

BATCH = 2000
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# (name, short name, slug, kind, agency code, index code)
ORGANISATIONS = [
    ("徐泾镇人民政府", "镇政府", "gen-government", "government", "徐府发", "11310118G00000010"),
    ("徐泾镇人民政府办公室", "镇政府办", "gen-office", "office", "徐府办发", "11310118G00000020"),
    ("徐泾镇经济发展办公室", "经发办", "gen-economy", "department", "徐经发", "11310118G00000030"),
    ("徐泾镇社区事务受理服务中心", "受理中心", "gen-service-centre", "department", "徐受发", "11310118G00000040"),
    ("徐泾镇社会事业发展办公室", "社事办", "gen-social", "department", "徐社发", "11310118G00000050"),
    ("徐泾镇城市建设管理办公室", "城建办", "gen-urban", "department", "徐建发", "11310118G00000060"),
    ("徐泾镇农业农村办公室", "农业办", "gen-agriculture", "department", "徐农发", "11310118G00000070"),
    ("徐泾镇平安办", "平安办", "gen-safety", "department", "徐安发", "11310118G00000080"),
    ("徐泾镇社区卫生服务中心", "卫生中心", "gen-health", "department", "徐卫发", "11310118G00000090"),
    ("青浦区医疗保障局徐泾工作站", "医保站", "gen-medical-insurance", "department", "徐医保发", "11310118G00000100"),
    ("徐泾镇生态环境办公室", "环境办", "gen-environment", "department", "徐环发", "11310118G00000110"),
    ("徐泾镇退役军人服务站", "退役军人站", "gen-veterans", "department", "徐退发", "11310118G00000120"),
    ("徐泾镇蟠龙村村民委员会", "蟠龙村", "gen-panlong", "village", "蟠村发", "11310118G00000130"),
    ("徐泾镇金云村村民委员会", "金云村", "gen-jinyun", "village", "金村发", "11310118G00000140"),
    ("徐泾镇西郊半岛居民委员会", "西郊半岛居委", "gen-xijiao", "residential", "西居发", "11310118G00000150"),
    ("徐泾镇明珠居民委员会", "明珠居委", "gen-mingzhu", "residential", "明居发", "11310118G00000160"),
]

# dimension slug, name, [(tag slug, tag name)]
TAGS = [
    (
        "gen-theme",
        "主题",
        [
            ("gen-elderly", "养老服务"),
            ("gen-medical", "医疗保障"),
            ("gen-jobs", "就业创业"),
            ("gen-business", "营商环境"),
            ("gen-city", "城市管理"),
            ("gen-environment", "生态环境"),
            ("gen-transport", "交通出行"),
            ("gen-education", "教育"),
            ("gen-housing", "住房保障"),
            ("gen-assistance", "社会救助"),
            ("gen-safety", "公共安全"),
            ("gen-rural", "乡村振兴"),
            ("gen-openness", "政务公开"),
        ],
    ),
    (
        "gen-audience",
        "对象",
        [
            ("gen-seniors", "老年人"),
            ("gen-enterprises", "企业"),
            ("gen-disabled", "残疾人"),
            ("gen-veterans", "退役军人"),
            ("gen-villagers", "村居民"),
            ("gen-workers", "外来务工人员"),
            ("gen-parents", "学生家长"),
        ],
    ),
]


@dataclass(frozen=True)
class Theme:
    tag: str
    audience: str
    topic: str
    subjects: tuple[str, ...]
    sentences: tuple[str, ...]


# Sentences use {s} for a subject of the theme, {org} for the issuing organisation,
# {n} for a number, {year} for the year, {ref} for another document number.
THEMES = [
    Theme(
        "gen-elderly",
        "gen-seniors",
        Topic.CIVIL,
        ("居家养老服务", "社区养老服务", "长者照护之家", "老年助餐服务", "养老服务补贴", "家庭照护床位"),
        (
            "各村居要摸清辖区内独居、高龄老人底数，建立居家养老服务需求清单。",
            "对经评估符合条件的老年人，按照照护等级给予每月{n}元的养老服务补贴。",
            "长者照护之家应当配备专职护理人员，护理员与入住老人的比例不低于1:{n}。",
            "社区老年助餐点实行政府补贴、企业让利、个人付费相结合的运营模式。",
            "推进家庭照护床位建设，为失能老人提供上门护理、康复指导和紧急呼叫服务。",
            "老年人及其家属可通过“随申办”或拨打12345热线咨询居家养老服务的申请条件。",
            "镇社区事务受理服务中心负责{s}申请的受理、初审和公示工作。",
        ),
    ),
    Theme(
        "gen-medical",
        "gen-seniors",
        Topic.HEALTH,
        ("城乡居民医疗保险", "医疗救助", "长期护理保险", "门诊费用报销", "家庭医生签约服务"),
        (
            "参保人员的门诊费用在起付标准以上的部分，由医保基金按{n}%的比例支付。",
            "区医疗保障局会同镇社区卫生服务中心做好长期护理保险的评估和服务管理。",
            "困难群众参加城乡居民医疗保险的个人缴费部分由医疗救助资金全额资助。",
            "家庭医生签约居民可享受预约就诊、慢病长处方和转诊绿色通道等服务。",
            "对因病致贫的家庭，经审核后给予医疗救助，年度救助限额为{n}万元。",
            "医疗保障经办业务全面纳入“一网通办”，群众办理报销手续实现“最多跑一次”。",
            "参保人对{s}政策有疑问的，可向医疗保障局窗口或12345市民服务热线咨询。",
        ),
    ),
    Theme(
        "gen-jobs",
        "gen-workers",
        Topic.LABOUR,
        ("就业补贴", "创业补贴", "稳岗补贴", "职业技能培训", "公益性岗位"),
        (
            "对首次创业且正常经营满一年的青年，给予一次性创业补贴{n}千元。",
            "企业吸纳本镇就业困难人员并缴纳社会保险的，按规定给予稳岗补贴。",
            "镇就业援助员每月至少走访一次辖区内的长期失业青年，帮助制定就业计划。",
            "职业技能培训合格并取得证书的人员，可申领每人{n}元的培训补贴。",
            "公益性岗位优先安置大龄失业人员、残疾人和退役军人等就业困难群体。",
            "申请{s}的材料可通过“一网通办”平台在线提交，无需到窗口重复递交。",
        ),
    ),
    Theme(
        "gen-business",
        "gen-enterprises",
        Topic.ECONOMY,
        ("优化营商环境", "企业服务专员制度", "中小企业扶持", "专精特新企业培育", "告知承诺制"),
        (
            "持续优化营商环境，推行涉企事项“一件事一次办”，企业开办时间压缩至{n}个工作日以内。",
            "建立企业服务专员制度，每名专员联系{n}家重点企业，及时协调解决企业诉求。",
            "对新认定的专精特新中小企业，给予一次性奖励{n}万元。",
            "全面实施证明事项告知承诺制，企业书面承诺符合条件的，不再要求提交相关证明。",
            "虹桥国际开放枢纽建设为徐泾镇企业带来新的发展机遇，进博会溢出效应持续释放。",
            "涉企政策制定前应当听取企业、行业协会和商会的意见，相关意见的采纳情况向社会公开。",
            "企业对{s}有意见建议的，可通过12345热线或镇营商环境服务窗口反映。",
        ),
    ),
    Theme(
        "gen-city",
        "gen-villagers",
        Topic.URBAN,
        ("城市精细化管理", "生活垃圾分类", "旧住房改造", "既有多层住宅加装电梯", "非机动车停放管理"),
        (
            "各居民区要落实生活垃圾分类定时定点投放制度，湿垃圾分出量同比提高{n}%。",
            "既有多层住宅加装电梯须经本幢业主依法表决同意，镇政府给予每台{n}万元补贴。",
            "旧住房改造项目实行“一楼一方案”，施工期间应当做好居民安置和安全防护。",
            "加强非机动车停放管理，在地铁站点周边增设非机动车停放点{n}处。",
            "城市网格化管理依托“一网统管”平台，发现问题后两小时内派单处置。",
            "市民发现{s}方面的问题，可拨打12345热线或通过“随申拍”反映。",
        ),
    ),
    Theme(
        "gen-environment",
        "gen-villagers",
        Topic.AGRICULTURE,
        ("河长制", "河湖长制", "水环境治理", "防汛防台", "大气污染防治"),
        (
            "全面落实河长制，镇级河长每月巡河不少于一次，村级河长每周巡河不少于一次。",
            "各级河长要建立问题清单，对巡河发现的违法排污、乱堆乱放等问题限期整改。",
            "河湖长制工作实行年度考核，考核结果作为干部评价的重要依据。",
            "汛期前完成{n}座泵闸站的检修保养，确保防汛防台设施设备运行正常。",
            "加强餐饮油烟和工地扬尘治理，全年空气质量优良天数比例保持在{n}%以上。",
            "对河道水质不达标的，由河长牵头制定“一河一策”治理方案。",
            "群众发现河道污染的，可拨打12345热线或向属地河长反映。",
        ),
    ),
    Theme(
        "gen-transport",
        "gen-workers",
        Topic.INDUSTRY,
        ("网络预约出租汽车管理", "公共交通", "停车泊位", "道路交通安全", "轨道交通接驳"),
        (
            "网络预约出租汽车驾驶员应当取得相应的从业资格证，车辆应当取得网约车运输证。",
            "网约车平台公司应当在本市设立服务机构，依法承担承运人责任。",
            "巡游出租车和网约车应当在指定区域候客，不得在地铁站出入口违规揽客。",
            "新增公共停车泊位{n}个，推广错峰共享停车，缓解居住区停车难。",
            "开通{n}条轨道交通接驳公交线路，方便群众约车出行和换乘。",
            "乘客对{s}有投诉的，可拨打12345热线，相关部门应在{n}个工作日内答复。",
        ),
    ),
    Theme(
        "gen-education",
        "gen-parents",
        Topic.SCIENCE,
        ("义务教育阶段招生入学", "托育服务", "学生课后服务", "校园安全", "社区学校"),
        (
            "义务教育阶段招生入学实行网上报名，家长应当在规定时间内完成信息登记。",
            "普惠性托育点收费标准为每月{n}元，符合条件的家庭可享受托育补贴。",
            "学校课后服务结束时间原则上不早于当地正常下班时间。",
            "社区学校每年开设书法、舞蹈、智能手机使用等课程{n}门以上。",
            "家长对{s}政策有疑问的，可咨询学校或拨打12345热线。",
        ),
    ),
    Theme(
        "gen-housing",
        "gen-workers",
        Topic.URBAN,
        ("保障性租赁住房", "人才公寓", "公共租赁住房", "住房租赁市场管理"),
        (
            "保障性租赁住房面向在本镇工作的新市民、青年人，租金低于同地段市场租金。",
            "人才公寓申请人应当与本镇重点企业签订{n}年以上劳动合同。",
            "公共租赁住房实行轮候配租，配租结果在镇政务公开栏和门户网站公示。",
            "加强住房租赁市场管理，租赁合同应当通过网签备案系统办理。",
            "申请{s}的，可在“一网通办”平台提交申请，审核结果在{n}个工作日内告知。",
        ),
    ),
    Theme(
        "gen-assistance",
        "gen-disabled",
        Topic.CIVIL,
        ("最低生活保障", "特困人员救助供养", "残疾人两项补贴", "临时救助", "困难群众帮扶"),
        (
            "本镇最低生活保障标准调整为每人每月{n}元，按月发放。",
            "特困人员救助供养包括基本生活、照料护理、疾病治疗和殡葬事宜。",
            "困难残疾人生活补贴和重度残疾人护理补贴实行“跨省通办”。",
            "对遭遇突发事件导致基本生活陷入困境的家庭，给予临时救助。",
            "社会救助申请可在镇社区事务受理服务中心窗口或“一网通办”平台办理。",
            "对{s}对象的家庭经济状况实行动态管理，每年复核一次。",
        ),
    ),
    Theme(
        "gen-safety",
        "gen-villagers",
        Topic.SAFETY,
        ("安全生产", "消防安全", "食品安全", "燃气安全", "电动自行车安全管理"),
        (
            "严格落实安全生产责任制，企业主要负责人是本单位安全生产第一责任人。",
            "开展消防安全隐患排查整治，全年检查{n}家小场所，整改隐患全部闭环。",
            "禁止电动自行车进楼入户和在楼道内充电，各居民区增设集中充电桩。",
            "餐饮单位应当落实食品安全主体责任，从业人员持有效健康证明上岗。",
            "发现{s}隐患的，可拨打12345热线或向镇平安办举报。",
        ),
    ),
    Theme(
        "gen-rural",
        "gen-villagers",
        Topic.AGRICULTURE,
        ("乡村振兴", "美丽乡村建设", "村务公开", "农村人居环境整治", "宅基地管理"),
        (
            "深入实施乡村振兴战略，推进美丽乡村示范村建设，完成{n}个村的人居环境整治。",
            "村务公开内容包括村级财务收支、集体资产处置和惠农补贴发放等事项。",
            "村集体经济组织收益分配方案须经村民代表会议讨论通过后公示。",
            "农村宅基地申请审批实行“一户一宅”，审批结果在村务公开栏公示。",
            "村民对{s}有意见的，可以向村民委员会或镇农业农村办公室反映。",
        ),
    ),
    Theme(
        "gen-openness",
        "gen-enterprises",
        Topic.GENERAL,
        ("政务公开", "政府信息公开", "重大行政决策", "行政规范性文件管理", "政策解读"),
        (
            "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
            "行政规范性文件应当标注有效期，并在镇政府门户网站集中公开现行有效文件目录。",
            "重大行政决策事项目录于每年3月31日前向社会公布，并广泛征求公众意见。",
            "政策文件与解读材料同步起草、同步审签、同步发布，解读应当通俗易懂。",
            "依申请公开的办理时限为{n}个工作日，需要延长的应当告知申请人。",
            "政策咨询知识库与12345热线、“一网通办”平台和线下窗口共享。",
            "{org}将按照{ref}的要求，持续做好{s}工作。",
        ),
    ),
]

GENERIC = (
    "各相关部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
    "本通知自印发之日起施行，由{org}负责解释。",
    "各村居委要结合实际，制定具体实施方案，并于{n}月底前报镇政府办公室备案。",
    "要加强宣传引导，通过门户网站、微信公众号和政务公开专栏等渠道做好政策宣传。",
    "实施过程中遇到的问题，请及时向{org}反映。",
    "根据{ref}精神，结合本镇实际，制定本方案。",
    "建立健全工作台账，定期梳理工作进展，年底形成工作总结。",
    "强化督查考核，将工作完成情况纳入年度绩效考核。",
    "坚持以人民为中心的发展思想，切实增强群众的获得感、幸福感、安全感。",
    "做好政策的解读和咨询服务，及时回应社会关切。",
)

TITLE_TEMPLATES = {
    DocumentType.NORMATIVE: ("徐泾镇{s}实施办法", "徐泾镇{s}管理办法", "关于{s}的若干规定", "徐泾镇{s}补贴发放细则"),
    DocumentType.NOTICE: ("关于做好{year}年{s}工作的通知", "关于开展{s}专项行动的通知", "关于{s}有关事项的公告"),
    DocumentType.PLAN: (
        "徐泾镇{year}年{s}工作要点",
        "徐泾镇{s}三年行动计划（{year}-{year2}年）",
        "{year}年{s}工作方案",
    ),
    DocumentType.REPORT: ("徐泾镇{year}年{s}工作总结", "关于{year}年{s}情况的报告"),
    DocumentType.OTHER: ("徐泾镇{s}工作实施意见", "关于进一步加强{s}的意见", "徐泾镇{s}办事指南"),
}
TYPE_WEIGHTS = [
    (DocumentType.NOTICE, 35),
    (DocumentType.NORMATIVE, 15),
    (DocumentType.PLAN, 20),
    (DocumentType.REPORT, 10),
    (DocumentType.OTHER, 20),
]
SECTION_HEADS = ("一、总体要求", "二、主要任务", "三、保障措施", "四、工作要求", "五、其他事项")


def ensure_organisations() -> list[Organisation]:
    found = []
    for order, (name, short, slug, kind, agency, index_code) in enumerate(ORGANISATIONS, start=1):
        org = Organisation.objects.filter(name=name).first() or Organisation.objects.filter(slug=slug).first()
        if org is None:
            org = Organisation.objects.create(
                name=name,
                short_name=short,
                slug=slug,
                kind=kind,
                agency_code=agency,
                index_code=index_code,
                order=100 + order,
            )
        found.append(org)
    return found


def ensure_tags() -> dict[str, CatalogTag]:
    tags: dict[str, CatalogTag] = {}
    for order, (dim_slug, dim_name, members) in enumerate(TAGS, start=1):
        dimension = (
            TagDimension.objects.filter(name=dim_name).first()
            or TagDimension.objects.filter(slug=dim_slug).first()
            or TagDimension.objects.create(name=dim_name, slug=dim_slug, order=order)
        )
        for tag_order, (slug, name) in enumerate(members, start=1):
            tag = CatalogTag.objects.filter(name=name).first() or CatalogTag.objects.filter(slug=slug).first()
            if tag is None:
                tag = CatalogTag.objects.create(name=name, slug=slug, dimension=dimension, order=tag_order)
            tags[slug] = tag
    return tags


class Counters:
    """Next free document number serial per (agency, year) and index serial per index prefix."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, int], int] = {}
        self.index: dict[str, int] = {}
        for doc_number, index_number in PolicyDocument.objects.values_list("doc_number", "index_number"):
            if doc_number:
                try:
                    parsed = numbers.parse(doc_number)
                except ValueError:
                    pass
                else:
                    key = (parsed.agency, parsed.year)
                    self.numbers[key] = max(self.numbers.get(key, 100), parsed.serial)
            try:
                prefix, serial = numbers.split_index_number(index_number)
            except ValueError:
                continue  # not a serial the portal assigned, e.g. the labelled search corpus
            self.index[prefix] = max(self.index.get(prefix, 0), serial)

    def doc_number(self, agency: str, year: int) -> str:
        key = (agency, year)
        self.numbers[key] = self.numbers.get(key, 100) + 1
        return str(numbers.DocumentNumber(agency=agency, year=year, serial=self.numbers[key]))

    def index_number(self, org: Organisation, year: int) -> str:
        prefix = numbers.index_number_prefix(org.index_code, year)
        self.index[prefix] = self.index.get(prefix, 0) + 1
        return numbers.index_number(org.index_code, year, self.index[prefix])


def generate(count: int, *, seed: int = 20230606, progress: bool = False, index: bool = False) -> int:
    """Create `count` published public documents; returns how many were made.

    With `index`, they are also written to the search index as they are made (in bulk,
    tokenised in worker processes for a large count, the vector indexes rebuilt once at
    the end on PostgreSQL), so no rebuild_search_index is needed afterwards. The public
    counts (documents.aggregates) are recomputed on their next read either way."""
    workers = (os.cpu_count() or 1) if index and count > indexing.POOL_THRESHOLD else 0
    bulk = indexing.bulk_writes() if index and count > indexing.POOL_THRESHOLD else contextlib.nullcontext()
    bar = tqdm(total=count, desc="生成文件" + ("并建索引" if index else ""), unit="份", disable=not progress)
    with transaction.atomic(), bulk:
        batches = _created(count, seed, bar)
        if index:
            made = indexing.write_batches(batches, workers=workers)
        else:
            made = sum(len(batch) for batch in batches)
        aggregates.changed()
    bar.close()
    # The planner's statistics, after so many new rows.
    if not planner.refresh():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made


def _created(count: int, seed: int, bar: tqdm) -> Iterator[indexing.Batch]:
    """Create the documents a batch at a time; yield each as search entries with tag ids."""
    rng = random.Random(seed)
    organisations = ensure_organisations()
    tags = ensure_tags()
    counters = Counters()
    today = timezone.localdate()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        documents, tag_lists = [], []
        for _ in range(size):
            document, tag_slugs = _document(rng, organisations, counters, today)
            documents.append(document)
            tag_lists.append([tags[slug].pk for slug in tag_slugs])
        PolicyDocument.objects.bulk_create(documents)
        if any(d.pk is None for d in documents):  # a database that returns no ids
            ids = dict(
                PolicyDocument.objects.filter(index_number__in=[d.index_number for d in documents]).values_list(
                    "index_number", "pk"
                )
            )
            for document in documents:
                document.pk = ids[document.index_number]
        TaggedDocument.objects.bulk_create(
            [
                TaggedDocument(content_object_id=d.pk, tag_id=tag_id)
                for d, tag_ids in zip(documents, tag_lists, strict=True)
                for tag_id in tag_ids
            ]
        )
        made += size
        bar.update(size)
        yield [
            (search_sync.document_entry(d, attachments=[]), tag_ids)
            for d, tag_ids in zip(documents, tag_lists, strict=True)
        ]


def _document(
    rng: random.Random, organisations: list[Organisation], counters: Counters, today: dt.date
) -> tuple[PolicyDocument, list[str]]:
    theme = rng.choice(THEMES)
    org = rng.choice(organisations)
    doc_type = rng.choices([t for t, _ in TYPE_WEIGHTS], weights=[w for _, w in TYPE_WEIGHTS])[0]
    written = today - dt.timedelta(days=rng.randint(2, 9 * 365))
    year = written.year
    subject = rng.choice(theme.subjects)
    title = rng.choice(TITLE_TEMPLATES[doc_type]).format(s=subject, year=year, year2=year + 2)
    doc_number = counters.doc_number(org.agency_code or "徐府发", year)
    published = dt.datetime.combine(written + dt.timedelta(days=rng.randint(1, 10)), dt.time(9, 30), SHANGHAI)
    published = min(published, timezone.now() - dt.timedelta(hours=1))
    validity, effective, expiry = _validity(rng, doc_type, written)
    body = _body(rng, theme, org, subject, year, doc_number)
    document = PolicyDocument(
        title=title,
        doc_number=doc_number,
        organisation=org,
        issuing_organisation=org,
        index_number=counters.index_number(org, year),
        written_date=written,
        published_at=published,
        doc_type=doc_type,
        topic=theme.topic,
        summary=f"{title}，明确了{subject}的目标任务、工作措施和办理渠道。",
        body=body,
        validity=validity,
        effective_date=effective,
        expiry_date=expiry,
        disclosure_attribute=DisclosureAttribute.PROACTIVE,
        disclosure_scope=DisclosureScope.PUBLIC,
        status=Status.PUBLISHED,
    )
    tag_slugs = [theme.tag]
    if rng.random() < 0.6:
        tag_slugs.append(theme.audience)
    if rng.random() < 0.15:
        tag_slugs.append("gen-openness")
    return document, list(dict.fromkeys(tag_slugs))


def _validity(rng: random.Random, doc_type: str, written: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
    roll = rng.random()
    validity = (
        Validity.VALID
        if roll < 0.85
        else Validity.EXPIRED
        if roll < 0.92
        else Validity.REPEALED
        if roll < 0.97
        else Validity.AMENDED
    )
    if doc_type != DocumentType.NORMATIVE:
        return validity, None, None
    effective = written + dt.timedelta(days=30)
    expiry = effective + dt.timedelta(days=365 * rng.choice([2, 3, 5]) - 1)
    return validity, effective, expiry


def _body(rng: random.Random, theme: Theme, org: Organisation, subject: str, year: int, doc_number: str) -> str:
    """About 2,100 characters of HTML paragraphs under numbered headings."""
    target = rng.randint(1950, 2250)
    ref = f"徐府发〔{rng.randint(max(2015, year - 3), year)}〕{rng.randint(1, 60)}号"
    fill = {"org": org.name, "ref": ref, "year": year}
    paragraphs = [
        f"各村居委、各部门、各单位：为进一步做好{subject}工作，根据有关规定，结合本镇实际，现就有关事项通知如下。"
    ]
    length = len(paragraphs[0])
    section = 0
    while length < target:
        if section < len(SECTION_HEADS) and (length > section * target / 5):
            paragraphs.append(SECTION_HEADS[section])
            section += 1
        sentences = []
        for _ in range(rng.randint(2, 4)):
            template = rng.choice(theme.sentences) if rng.random() < 0.7 else rng.choice(GENERIC)
            sentences.append(template.format(s=rng.choice(theme.subjects), n=rng.randint(2, 30), **fill))
        paragraph = "".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph)
    paragraphs.append(f"{org.name}\n{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日（{doc_number}）")
    return "".join(f"<p>{re.sub(r'[<>&]', '', p)}</p>" for p in paragraphs)
