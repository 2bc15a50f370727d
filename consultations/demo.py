"""Demo content of the message board and ``load`` (`manage.py load_demo_consultations`).

What citizens read here (answers, FAQs) agrees with the demo policies in
documents/demo/policies.json and their interpretations: 徐府发〔2022〕25号 gives meal
service to everyone 60 and over and the subsidy to those 80 and over, low-income and
minimum-living-allowance families and the disabled, at a rate the 社区管理办公室
publishes each year (the interpretation: 3 to 8 yuan a meal).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TextIO

from django.utils import timezone

from documents.models import PolicyDocument
from organisations.demo import DemoAccount, ensure_account
from organisations.models import Organisation
from organisations.roles import sync_role_groups

from . import services
from .models import FAQ, NATIONAL_TOPIC, Message, WindowQuestion
from .roles import DISPATCHER, HANDLER, LEADER

OFFICE_PHONE = "021-59740000"  # the town offices' switchboard: public, kept in published answers


@dataclass(frozen=True)
class DemoMessage:
    key: str
    channel: str
    asker_type: str
    enterprise: str
    name: str
    phone: str
    email: str
    everyday_topic: str
    policy: str  # document number, or ""
    title: str
    question: str
    consent: bool
    days_ago: int
    organisation: str = ""  # slug, or "" for a message still waiting to be assigned
    answer: str = ""
    rating: str = ""
    publish: bool = False
    leader_review: bool = False  # the answer waits for the leader (待领导审核)
    typical_case: bool = False  # recorded with a return visit (回访)


MEALS_ANSWER = (
    "本镇60周岁以上老年人都可以使用社区长者食堂和老年人助餐点的助餐服务，行动不便的可申请送餐上门，"
    "请携带身份证到所在村（居）委会登记。80周岁以上老年人、低保和低收入家庭老年人、失能老年人"
    "还可享受助餐补贴，补贴标准由镇社区管理办公室每年公布，目前为每餐3至8元，按年龄和家庭情况分档。"
)

MESSAGES = [
    DemoMessage(
        "demo-01", "online", "enterprise", "上海徐泾智造科技有限公司", "王立明", "13812345678", "wang@example.com",
        "business", "徐府发〔2023〕18号", "产业扶持资金怎么申请？",
        "我们公司是注册在徐泾镇的高新技术企业，想了解产业高质量发展扶持资金的申请条件、需要准备哪些材料、什么时候可以申请。",
        True, 40, "economy",
        "您好！根据《徐泾镇促进产业高质量发展扶持办法》，工商注册地和税务登记地均在徐泾镇、具有独立法人资格的"
        "制造业和现代服务业企业可以申请。每年3月、9月本网站发布申报通知后，通过“一网通办”或到镇经济发展办公室窗口"
        "提交申请表、营业执照、上一年度财务审计报告和项目投入凭证。当年研发投入超过上年度的，按新增部分的10%补贴，"
        f"单个企业年度最高100万元。详情可致电镇经济发展办公室（{OFFICE_PHONE}）。",
        "satisfied", True,
    ),
    DemoMessage(
        "demo-02", "hotline", "enterprise", "上海蟠龙物流有限公司", "李娜", "13900001111", "",
        "business", "徐府发〔2023〕18号", "扶持资金申请材料有哪些",
        "请问申请产业扶持资金需要提交哪些材料？申请时间是什么时候？",
        True, 35, "economy",
        "您好！需要提交申请表、营业执照、上一年度财务审计报告和项目投入凭证，每年3月、9月集中受理，"
        "可通过“一网通办”线上提交。",
        "basic", True,
    ),
    DemoMessage(
        "demo-03", "online", "citizen", "", "张伟", "13700002222", "",
        "elderly", "徐府发〔2022〕25号", "老年人助餐怎么办理",
        "我家老人今年78岁，住在徐泾镇二联村3组45号，想问一下老年人助餐服务怎么申请，补贴标准是多少？我的电话13700002222。",
        True, 30, "community",
        f"您好！{MEALS_ANSWER}您家老人78岁，可以登记使用助餐服务；如家庭属于低保、低收入或老人失能，登记时说明情况即可"
        f"享受补贴。如有疑问，可致电镇社区管理办公室（{OFFICE_PHONE}）。",
        "satisfied", True, typical_case=True,
    ),
    DemoMessage(
        "demo-04", "leader_mailbox", "citizen", "", "赵敏", "", "zhaomin@example.com",
        "elderly", "徐府发〔2022〕25号", "助餐服务的申请条件",
        "老年人助餐服务需要满足什么条件才可以申请？在哪里办理？",
        True, 28, "community",
        f"您好！{MEALS_ANSWER}",
    ),
    DemoMessage(
        "demo-05", "online", "citizen", "", "陈静", "13600003333", "",
        "housing", "徐府发〔2019〕41号", "出租房屋需要登记吗",
        "我在徐泾镇有一套住房想出租，请问居住房屋租赁需要到哪里登记备案？需要什么材料？",
        True, 20, "urban-management",
        "您好！出租居住房屋应在租赁合同签订后30日内到社区事务受理服务中心办理登记备案，需提供房产证、身份证和租赁合同。",
        "satisfied", True,
    ),
    DemoMessage(
        "demo-06", "state_council", "citizen", "", "刘洋", "13500004444", "",
        "jobs", "徐府发〔2023〕21号", "就业困难人员认定",
        "我失业一年多了，想问问怎么认定就业困难人员，能享受哪些援助政策？",
        True, 12, "community",
    ),
    DemoMessage(
        "demo-07", "opinion_mailbox", "organisation", "徐泾镇志愿者协会", "孙丽", "021-59741234", "",
        "environment", "", "建议增加垃圾分类投放点",
        "蟠龙路附近小区垃圾分类投放点太少，居民投放不方便，建议增加投放点并延长开放时间。",
        False, 5,
    ),
    DemoMessage(
        "demo-08", "online", "enterprise", "上海西虹桥贸易有限公司", "周强", "13400005555", "",
        "business", "徐府发〔2021〕30号", "营商环境措施中的租金补贴",
        "优化营商环境若干措施里提到的办公用房租金补贴，外地迁入的企业可以申请吗？",
        True, 2,
    ),
    DemoMessage(
        "demo-09", "window", "citizen", "", "吴芳", "13300006666", "",
        "other", "", "一网通办能办哪些事",
        "社区事务受理服务中心的“一网通办”可以在网上办理哪些事项？",
        True, 8, "community",
        "您好！可在线办理社保、医保、生育、就业登记等近百项社区事务，具体清单见《徐泾镇“一网通办”社区事务受理服务指南》。",
        "basic",
    ),
    DemoMessage(
        "demo-10", "leader_mailbox", "citizen", "", "钱刚", "13200007777", "qiangang@example.com",
        "environment", "", "夜间施工噪音扰民",
        "蟠龙路南侧工地最近经常施工到夜里十一点以后，噪音很大，影响休息，希望有关部门管一管。",
        True, 3, "urban-management",
        "您好！接到您的来信后，我办已到现场核查，并要求施工单位晚上10点后停止高噪声作业。"
        f"如再遇到夜间施工扰民，可致电镇城市建设管理办公室（{OFFICE_PHONE}）。",
        leader_review=True,
    ),
]  # fmt: skip

# (question, national topic, policy doc number, times asked)
WINDOW_QUESTIONS = [
    ("产业扶持资金什么时候可以申请？", "economy", "徐府发〔2023〕18号", 6),
    ("老年人助餐在哪里登记？", "civil", "徐府发〔2022〕25号", 9),
    ("出租房屋登记备案需要什么材料？", "urban", "徐府发〔2019〕41号", 4),
]

# (question, answer, everyday topic, policy doc numbers, times asked)
FAQS = [
    (
        "企业如何申请产业高质量发展扶持资金？",
        "工商注册地和税务登记地均在徐泾镇、具有独立法人资格的制造业和现代服务业企业，可在每年3月、9月申报通知发布后，"
        "通过“一网通办”提交申请表、营业执照、上一年度财务审计报告和项目投入凭证。",
        "business",
        ["徐府发〔2023〕18号"],
        14,
    ),
    ("老年人助餐服务怎么申请？补贴多少？", MEALS_ANSWER, "elderly", ["徐府发〔2022〕25号"], 12),
    (
        "出租居住房屋要办理登记备案吗？",
        "要。租赁合同签订后30日内到社区事务受理服务中心办理登记备案，需提供房产证、身份证和租赁合同。",
        "housing",
        ["徐府发〔2019〕41号"],
        6,
    ),
    (
        "就业困难人员如何认定？",
        "在法定劳动年龄内、有就业意愿且符合规定条件的失业人员，可到社区事务受理服务中心申请认定，认定后可享受援助政策。",
        "jobs",
        ["徐府发〔2023〕21号"],
        3,
    ),
]

# Staff of the board: the dispatcher, a handler in every office that receives demo messages, the leader.
ACCOUNTS = [
    DemoAccount(
        "consult-dispatcher", "Xujing-Dispatcher-2023", DISPATCHER, "徐泾镇党政办公室",
        "consult-dispatcher@xujing.example.gov.cn", first_name="受理", last_name="周",
        does="分派、转办留言，选登，写常见问题，看统计与问题聚类",
    ),
    DemoAccount(
        "consult-handler", "Xujing-Handler-2023", HANDLER, "徐泾镇经济发展办公室",
        "consult-handler@xujing.example.gov.cn", first_name="经发", last_name="吴",
        does="答复经济发展办公室的留言（先预览再发送）、回访",
    ),
    DemoAccount(
        "consult-handler-community", "Xujing-Handler-Community-2023", HANDLER, "徐泾镇社区管理办公室",
        "consult-handler-community@xujing.example.gov.cn", first_name="社管", last_name="郑",
        does="答复社区管理办公室的留言（助餐、就业，含一条已逾期的）",
    ),
    DemoAccount(
        "consult-handler-urban", "Xujing-Handler-Urban-2023", HANDLER, "徐泾镇城市建设管理办公室",
        "consult-handler-urban@xujing.example.gov.cn", first_name="城建", last_name="冯",
        does="答复城市建设管理办公室的留言（房屋租赁、施工噪音）",
    ),
    DemoAccount(
        "consult-leader", "Xujing-Leader-2023", LEADER, "徐泾镇人民政府",
        "consult-leader@xujing.example.gov.cn", first_name="审核", last_name="何",
        does="审核领导信箱等须经审核的答复（先预览再通过或退回）",
    ),
]  # fmt: skip


def load(*, stdout: TextIO | None = None) -> None:
    """Load what is missing (every row is looked up by its natural key first, so a second
    run adds nothing); say what was added and the accounts on ``stdout``."""
    sync_role_groups()
    today = timezone.localdate()
    staff = {account.username: ensure_account(account)[0] for account in ACCOUNTS}
    dispatcher = staff["consult-dispatcher"]
    added = sum(_message(row, today, dispatcher, staff) for row in MESSAGES)
    windows = sum(_window_question(row, today) for row in WINDOW_QUESTIONS)
    faqs = sum(_faq(row) for row in FAQS)
    (stdout or io.StringIO()).write(
        f"留言板演示数据：新增留言 {added} 条、窗口咨询记录 {windows} 条、常见问题 {faqs} 条。\n"
        "留言板演示账号："
        + "，".join(f"{a.username}（{a.role}，{a.organisation}，密码 {a.password}）" for a in ACCOUNTS)
        + "\n"
    )


def _policy(number: str) -> PolicyDocument | None:
    if not number:
        return None
    return PolicyDocument.objects.public().filter(doc_number=number).order_by("-published_at").first()


def _window_question(row: tuple, today: dt.date) -> bool:
    question, topic, number, times = row
    _, created = WindowQuestion.objects.get_or_create(
        question=question,
        defaults={
            "topic": topic,
            "times": times,
            "asked_on": today - dt.timedelta(days=10),
            "related_policy": _policy(number),
        },
    )
    return created


def _faq(row: tuple) -> bool:
    question, answer, everyday_topic, numbers, asked = row
    if FAQ.objects.filter(question=question).exists():
        return False
    services.faq_create(
        faq=FAQ(
            question=question,
            answer=answer,
            everyday_topic=everyday_topic,
            topic=NATIONAL_TOPIC[everyday_topic],
            asked_count=asked,
            is_published=True,
        ),
        related_policies=[p for p in (_policy(n) for n in numbers) if p],
    )
    return True


def _message(row: DemoMessage, today: dt.date, dispatcher, staff: dict) -> bool:
    if Message.objects.filter(submission_key=row.key).exists():
        return False
    message = Message(
        channel=row.channel,
        asker_type=row.asker_type,
        enterprise_name=row.enterprise,
        asker_name=row.name,
        phone=row.phone,
        email=row.email,
        everyday_topic=row.everyday_topic,
        topic=NATIONAL_TOPIC[row.everyday_topic],
        related_policy=_policy(row.policy),
        title=row.title,
        question=row.question,
        consent_to_publish=row.consent,
        received_on=today - dt.timedelta(days=row.days_ago),
        needs_leader_review=row.leader_review,
    )
    message = services.message_register(message=message, user=dispatcher, submission_key=row.key).message
    organisation = Organisation.objects.filter(slug=row.organisation).first() if row.organisation else None
    if organisation is None:
        return True
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    if not row.answer:
        return True
    handler = _handler(organisation, staff) or dispatcher
    services.message_save_draft(message=message, user=handler, text=row.answer)
    message.needs_leader_review = row.leader_review  # the other demo answers go out at once
    services.message_send_answer(message=message, user=handler)
    if row.leader_review:
        return True  # waits for the leader (待领导审核)
    answered_on = min(today, message.received_on + dt.timedelta(days=max(1, row.days_ago // 5)))
    Message.objects.filter(pk=message.pk).update(answered_on=answered_on)
    message.refresh_from_db()
    if row.rating:
        services.message_rate(message=message, rating=row.rating)
    if row.typical_case:
        services.return_visit_record(
            message=message, user=handler, method="phone", result="resolved", note="已登记助餐", typical_case=True
        )
    if row.publish:
        services.message_prepare_publication(message=message, user=dispatcher)
        services.message_publish(message=message, user=dispatcher)
    return True


def _handler(organisation: Organisation, staff: dict):
    """The demo handler of that office, so the event log names who answered."""
    for account in ACCOUNTS:
        if account.role == HANDLER and account.organisation == organisation.name:
            return staff[account.username]
    return None
