"""Clustering a fixed set of questions gives the expected groups."""

from __future__ import annotations

import datetime as dt

import pytest

from .. import clustering
from ..models import WindowQuestion

QUESTIONS = {
    "subsidy": [
        "产业扶持资金怎么申请？",
        "请问企业申请产业扶持资金需要什么材料",
        "产业扶持资金的申请时间是什么时候",
        "我们公司想申请产业扶持资金，申请条件是什么",
    ],
    "meals": [
        "老年人助餐服务怎么申请",
        "老年人助餐有补贴吗？",
        "家里老人想办理助餐服务，在哪里申请老年人助餐",
    ],
    "rental": [
        "出租房屋需要登记备案吗",
        "房屋出租登记备案要带什么材料",
    ],
    "alone": ["小区门口的路灯坏了好几天了"],
}


def _items() -> list[clustering.Item]:
    return [clustering.Item(text=q, key=f"{group}-{i}") for group, qs in QUESTIONS.items() for i, q in enumerate(qs)]


def test_similar_questions_form_the_expected_groups():
    found = clustering.cluster(_items())
    groups = sorted(sorted({i.key.split("-")[0] for i in c.items}) for c in found)
    assert groups == [["alone"], ["meals"], ["rental"], ["subsidy"]]
    assert [c.size for c in found] == [4, 3, 2, 1]
    assert "扶持资金" in " ".join(found[0].keywords) or "产业" in " ".join(found[0].keywords)


def test_window_records_count_by_how_often_they_were_asked():
    items = _items() + [clustering.Item(text="老年人助餐在哪里申请？", weight=9, key="meals-window")]
    found = clustering.cluster(items)
    assert found[0].size == 3 + 9
    assert {i.key for i in found[0].items} >= {"meals-window", "meals-0"}


def test_min_size_drops_small_groups_and_empty_text_does_not_fail():
    assert [c.size for c in clustering.cluster(_items(), min_size=3)] == [4, 3]
    assert clustering.cluster([clustering.Item(text="？？？"), clustering.Item(text="123")]) != []
    assert clustering.cluster([]) == []


@pytest.mark.django_db
def test_a_period_takes_messages_from_every_channel_and_window_records(new_message):
    new_message(title="产业扶持资金怎么申请", channel="hotline", received_on=dt.date(2026, 3, 2))
    new_message(title="产业扶持资金申请材料", channel="online", received_on=dt.date(2026, 3, 3))
    new_message(title="产业扶持资金申请时间", channel="online", received_on=dt.date(2025, 1, 3))  # outside
    WindowQuestion.objects.create(
        question="产业扶持资金什么时候申请", topic="economy", times=5, asked_on=dt.date(2026, 3, 4)
    )
    items = clustering.period_items(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert len(items) == 3
    top = clustering.cluster(items)[0]
    assert top.size == 7
    assert dict(top.channels) == {"hotline": 1, "online": 1, "window": 1}
