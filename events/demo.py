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
from .models import Event, Kind, Session

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
    if stdout:
        stdout.write(f"演示活动：新建 {created} 个。\n")
