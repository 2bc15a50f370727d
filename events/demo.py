"""Demo events of the open month: an open day and a coaching session to come (one nearly
full, so the wait list can be tried), a forum being prepared (征集中) and one held last
month. Loaded by `manage.py load_demo_events` after `load_demo`; looked up by title, so
a second run adds nothing. Dates are relative to today so the demo stays current."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from documents.models import PolicyDocument
from organisations.models import Organisation

from . import services
from .models import (
    Event,
    EventQuestionAnswer,
    Kind,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionOption,
    Session,
)

PAST_EVENT = "政策宣讲：城乡居民医保参保缴费"
QUESTIONS = [
    ("您是从哪里得知本次活动的？", QuestionKind.SINGLE, ["门户网站", "居委会通知", "微信公众号", "亲友介绍"]),
    ("您最关心哪些内容？", QuestionKind.MULTIPLE, ["缴费标准", "缴费渠道", "报销比例", "异地就医"]),
    ("您对本次宣讲的总体评价", QuestionKind.RATING, []),
    ("您对今后的活动有什么建议？", QuestionKind.TEXT, []),
]
QA = [
    (
        "灵活就业人员能参加城乡居民医保吗？",
        "可以。未参加职工医保的灵活就业人员可按规定参加城乡居民医保，具体请咨询社区事务受理服务中心。",
    ),
    ("错过集中缴费期怎么办？", "集中缴费期后仍可按规定补缴，待遇自缴费次月起享受，详见医保部门当年的通知。"),
]
# (source, topics, rating, suggestion) of the demo's answer sets
ANSWERS = [(0, [0, 2], 5, ""), (1, [0, 1], 4, "希望晚上也办一场。"), (1, [2, 3], 4, ""), (2, [0], 3, "")]

EVENTS = [
    {
        "title": "政府开放月：走进徐泾镇政务服务中心",
        "kind": Kind.OPEN_DAY,
        "summary": "参观政务服务中心“一网通办”窗口，听工作人员讲解企业开办、社保办理的流程，现场交流。",
        "venue": "徐泾镇社区事务受理服务中心（徐泾镇振泾路 100 号）",
        "map_url": "https://map.baidu.com/search/%E5%BE%90%E6%B3%BE%E9%95%87%E7%A4%BE%E5%8C%BA%E4%BA%8B%E5%8A%A1%E5%8F%97%E7%90%86%E6%9C%8D%E5%8A%A1%E4%B8%AD%E5%BF%83",
        "accessibility_notes": "正门设无障碍坡道和无障碍卫生间；如需手语翻译，请在报名后致电 021-59741234 预约。",
        "sessions": [(10, "09:30", "11:00", 30, 3), (10, "14:00", "15:30", 4, 2)],
    },
    {
        "title": "惠企政策宣讲：中小企业扶持资金申报辅导",
        "kind": Kind.COACHING,
        "summary": "讲解中小企业扶持资金的适用对象、申报条件和材料，现场答疑。",
        "venue": "徐泾镇人民政府三楼会议室",
        "map_url": "",
        "accessibility_notes": "有电梯直达三楼；会场提供助听设备。",
        "sessions": [(14, "14:00", "16:00", 50, 3)],
    },
    {
        "title": "座谈会：老旧小区加装电梯听取居民意见",
        "kind": Kind.FORUM,
        "summary": "议题征集中，欢迎提出您关心的问题。",
        "venue": "徐泾镇各居委会活动室",
        "soliciting": True,
        "topics": [
            ("加装电梯的补贴怎么申请", "", 12),
            ("施工期间的噪音和出行安排", "", 7),
            ("后期维护费用谁来出", "小区议事厅", 4),
        ],
        "sessions": [(30, "19:00", "20:30", 40, 2)],
    },
    {
        "title": "政策宣讲：城乡居民医保参保缴费",
        "kind": Kind.COACHING,
        "summary": "上个月举行的宣讲。",
        "venue": "徐泾镇文体活动中心",
        "sessions": [(-30, "09:00", "10:30", 60, 3)],
    },
]


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def load(*, stdout: TextIO | None = None) -> None:
    organiser = (
        Organisation.objects.filter(name="徐泾镇人民政府").first() or Organisation.objects.order_by("pk").first()
    )
    if organiser is None:
        if stdout:
            stdout.write("没有机构，请先运行 load_demo。\n")
        return
    today = timezone.localdate()
    policies = list(PolicyDocument.objects.public().order_by("-pk")[:2])
    created = 0
    for row in EVENTS:
        if Event.objects.filter(title=row["title"]).exists():
            continue
        event = services.event_save(
            event=Event(
                title=row["title"],
                organiser=organiser,
                kind=row["kind"],
                summary=row["summary"],
                venue=row["venue"],
                map_url=row.get("map_url", ""),
                accessibility_notes=row.get("accessibility_notes", ""),
                soliciting=row.get("soliciting", False),
                published=True,
            )
        )
        if row["kind"] == Kind.COACHING and policies:
            event.documents.set(policies)
        for days, start, end, capacity, max_party in row["sessions"]:
            services.session_save(
                session=Session(
                    event=event,
                    date=today + dt.timedelta(days=days),
                    start_time=_time(start),
                    end_time=_time(end),
                    capacity=capacity,
                    max_party=max_party,
                )
            )
        for title, venue, votes in row.get("topics", []):
            topic = services.topic_propose(event=event, title=title, venue=venue)
            for n in range(votes):
                key = services.voter_hash(f"demo-{topic.pk}-{n}")
                services.topic_vote(topic_id=topic.pk, voter_key=key, network_key=key)
        created += 1
    past = Event.objects.filter(title=PAST_EVENT).first()
    if past is not None and not Questionnaire.objects.filter(event=past).exists():
        _load_record(past)
    if stdout:
        stdout.write(f"演示活动：新建 {created} 个。\n")


def _load_record(event: Event) -> None:
    """The past event's Q&A, its questionnaire and a few answer sets of people checked in."""
    for order, (question, answer) in enumerate(QA):
        services.question_answer_save(
            item=EventQuestionAnswer(event=event, question=question, answer=answer, order=order)
        )
    questionnaire = services.questionnaire_save(
        questionnaire=Questionnaire(event=event, intro="感谢参加本次宣讲，请花一分钟告诉我们您的感受。", accepting=True)
    )
    questions = []
    for order, (text, kind, options) in enumerate(QUESTIONS):
        question = services.question_save(
            question=Question(
                questionnaire=questionnaire, text=text, kind=kind, order=order, required=kind != QuestionKind.TEXT
            )
        )
        choices = [
            services.option_save(option=QuestionOption(question=question, text=label, order=n)).pk
            for n, label in enumerate(options)
        ]
        questions.append((question, choices))
    session = event.sessions.order_by("date").first()
    if session is None:
        return
    before = session.starts_at() - dt.timedelta(days=5)
    for n, (source, topics, rating, suggestion) in enumerate(ANSWERS):
        receipt = services.registration_register(
            session_id=session.pk, name=f"演示参加者{n + 1}", phone=f"1390000{n:04d}", party_size=1, now=before
        )
        services.registration_check_in(registration=receipt.registration, now=session.starts_at())
        (single, single_options), (multiple, multiple_options), (rated, _), (text, _) = questions
        services.questionnaire_answer(
            questionnaire=questionnaire,
            code=receipt.code,
            answers={
                single.pk: single_options[source],
                multiple.pk: [multiple_options[i] for i in topics],
                rated.pk: rating,
                text.pk: suggestion,
            },
        )
