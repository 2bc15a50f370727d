"""Benchmark: cluster N synthetic questions (default 10,000) and print the figures.

Not part of the tests. Needs no database: the questions are generated in memory
from templates around a set of policy topics, with noise words, so that the
clusters are realistic in size and vocabulary.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from django.core.management.base import BaseCommand

from ... import clustering

SUBJECTS = [
    "产业扶持资金",
    "老年人助餐",
    "出租房屋登记备案",
    "就业困难人员认定",
    "创业带动就业补贴",
    "公共租赁住房配租",
    "垃圾分类投放点",
    "农村村民建房",
    "加装电梯",
    "营商环境租金补贴",
    "社区事务受理",
    "安全生产检查",
    "土地流转收益",
    "人居环境整治",
    "政府开放月活动",
    "社区微更新",
    "城市维护项目",
    "为民办实事项目",
    "医保报销",
    "新生儿落户",
    "残疾人补贴",
    "高龄津贴",
    "居住证办理",
    "违章停车",
    "噪声扰民",
    "路灯维修",
]
FORMS = [
    "{s}怎么申请？",
    "请问{s}需要什么材料",
    "{s}的办理时间是什么时候",
    "我想了解{s}的条件",
    "{s}在哪里办理",
    "关于{s}的政策有哪些变化",
    "{s}能不能网上办理",
    "{s}多久能办好",
    "{s}的标准是多少",
    "{s}要找哪个部门",
]
# Greetings and fillers; a long sentence repeated verbatim across thousands of questions
# on different subjects would not occur in real messages.
NOISE = ["", "", "谢谢", "急", "您好", "麻烦了", "请尽快答复", "盼复"]


class Command(BaseCommand):
    help = "Time the clustering of similar questions (target: 10,000 in ≤ 10 s on 2 cores)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args, count: int, seed: int, **options) -> None:
        rng = random.Random(seed)
        items = [
            clustering.Item(
                text=rng.choice(FORMS).format(s=rng.choice(SUBJECTS)) + rng.choice(NOISE),
                key=str(n),
                weight=rng.choice([1, 1, 1, 2]),
            )
            for n in range(count)
        ]
        clustering.tokens("预热分词词典")  # load the dictionary outside the timing
        started = time.perf_counter()
        found = clustering.cluster(items)
        elapsed = time.perf_counter() - started
        sizes = [c.size for c in found]
        # Purity: the share of questions whose group's most common subject is their own.
        pure = 0
        for c in found:
            subjects = Counter(next(s for s in SUBJECTS if s in item.text) for item in c.items)
            pure += subjects.most_common(1)[0][1]
        self.stdout.write(
            f"聚类 {count} 条问题（{len(SUBJECTS)} 个主题）：{elapsed:.2f} 秒，{len(found)} 组，"
            f"纯度 {pure / count:.1%}，最大 10 组规模 {sizes[:10]}，"
            f"单条成组 {sum(1 for c in found if len(c.items) == 1)} 组。"
        )
