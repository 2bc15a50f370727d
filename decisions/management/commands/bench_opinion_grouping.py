"""`python manage.py bench_opinion_grouping [--count N]`: how long grouping near-identical
opinions takes for a mass campaign (no database needed). Prints the figures; not a test."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand

from ... import similarity

TEMPLATES = [
    "反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。",
    "建议加装电梯补贴标准提高到每台二十万元，并对一楼住户给予补偿。",
    "希望延长垃圾定时投放时间到晚上九点，方便上班族。",
]
WORDS = "建议希望应当尽快落实进一步明确具体办法时间地点标准居民企业社区补贴管理服务"


class Command(BaseCommand):
    help = "基准测试：对 N 条意见（含大量近似重复的意见）做相似意见归并，打印耗时。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=2000)

    def handle(self, *args, count: int, **options) -> None:
        rng = random.Random(7)
        texts = []
        for i in range(count):
            if i % 4:  # three in four are copies of a campaign text with small changes
                base = rng.choice(TEMPLATES)
                texts.append(base + "！" * rng.randint(0, 3) + rng.choice(["", "谢谢。", "请重视。"]))
            else:
                texts.append("".join(rng.choice(WORDS) for _ in range(rng.randint(15, 60))))
        started = time.perf_counter()
        clusters = similarity.clusters(texts)
        elapsed = time.perf_counter() - started
        big = sorted((len(c) for c in clusters), reverse=True)[:3]
        self.stdout.write(f"{count} 条意见归并耗时 {elapsed:.2f} 秒：共 {len(clusters)} 组，最大的三组 {big} 条。")
