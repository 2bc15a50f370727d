"""Search benchmark: `make bench-search` (not part of `make test`).

Generates the corpus unless it is already there, builds the index, then times a
fixed set of queries through the page (count, facet counts, top 20 ranked,
highlights, template) and through a plain `icontains` scan, and reports
Recall@5 on the labelled set against Django's unsegmented full-text search.
"""

from __future__ import annotations

import io
import os
import resource
import statistics
import time
from collections.abc import Callable

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings
from tqdm import tqdm

from documents import synthetic
from documents.models import PolicyDocument
from documents.search_sync import indexable_documents, public_document_batches
from search import indexing, quality
from search.models import Kind, SearchEntry

DEFAULT_COUNT = {"postgresql": 100_000, "sqlite": 20_000}

ONE_WORD = [
    "养老", "通办", "河长", "约车", "医保", "补贴", "营商环境", "垃圾分类", "网约车", "低保",
    "托育", "消防", "人才公寓", "宅基地", "充电桩", "稳岗补贴", "家庭医生", "防汛防台", "专精特新", "进博会",
    "工作", "徐泾镇", "通知", "实施", "各村居委", "12345热线", "一网通办", "政务公开", "老", "热线",
]  # fmt: skip
TWO_WORDS = [
    "居家养老 补贴", "河长 巡河", "网约车 驾驶员", "医疗救助 限额", "加装电梯 补贴", "垃圾分类 湿垃圾",
    "创业补贴 青年", "保障性租赁住房 租金", "消防安全 隐患", "宅基地 审批", "义务教育 报名", "低保 标准",
    "营商环境 企业", "托育 补贴", "残疾人 护理补贴", "长期护理保险 评估", "人才公寓 劳动合同", "美丽乡村 村务公开",
    "食品安全 健康证明", "停车泊位 错峰", "工作 通知", "徐泾镇 实施",
]  # fmt: skip
THREE_WORDS = [
    "居家养老 补贴 申请", "河长制 巡河 问题清单", "网约车 平台 投诉", "医保 门诊 报销", "加装电梯 业主 表决",
    "垃圾分类 投放 湿垃圾", "创业 补贴 一次性", "公共租赁住房 轮候 公示", "消防 电动自行车 充电", "乡村振兴 人居环境 整治",
    "政务公开 解读 同步", "12345热线 工作日 答复", "企业 专员 诉求", "最低生活保障 标准 发放", "工作 实施 通知",
]  # fmt: skip
PHRASES = [
    "2023年工作要点", "居家养老服务", "关于做好2022年", "一网通办平台", "镇社区事务受理服务中心",
    "优化营商环境", "河湖长制工作", "网络预约出租汽车", "每月至少走访一次", "最多跑一次",
    "怎么申请养老补贴", "网约车怎么投诉", "加装电梯有补贴吗", "低保标准是多少", "孩子上学怎么报名",
]  # fmt: skip
RARE = ["量子计算", "区块链", "无人机", "元宇宙", "碳达峰", "xyz", "蟠龙", "金云村", "西郊半岛", "明珠居民委员会"]


class Command(BaseCommand):
    help = "检索基准：生成语料（已有则复用）、建索引、计时，并打印结果表。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, help="语料文件数（PostgreSQL 默认 100000，SQLite 默认 20000）。")
        parser.add_argument("--seed", type=int, default=20230606)
        parser.add_argument("--reindex", action="store_true", help="即使索引已完整也全部重建。")
        parser.add_argument(
            "--icontains-limit",
            type=int,
            default=0,
            help="icontains 只跑 N 个查询（按类别均匀抽取；0 表示全部）；倍数按同一批查询计算。",
        )
        parser.add_argument("--sample", type=int, default=2000, help="索引已完整时，抽样重建的文件数。")
        parser.add_argument("--workers", type=int, default=None, help="重建时计算词元的进程数（默认每核一个）。")

    def handle(
        self,
        *args,
        count: int | None,
        seed: int,
        reindex: bool,
        icontains_limit: int,
        sample: int,
        workers: int | None,
        **options,
    ) -> None:
        vendor = connection.vendor
        count = count or DEFAULT_COUNT[vendor]
        self.line(f"数据库：{vendor}，目标语料：{count:,} 份")
        self.ensure_corpus(count, seed)
        throughput, how = self.ensure_index(reindex, sample, workers)
        queries = self.queries()
        self.line(f"查询：{len(queries)} 个；1 分钟负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")
        ours = self.time_pages(queries)
        step = max(1, len(queries) // icontains_limit) if icontains_limit else 1
        subset = list(range(0, len(queries), step))[: icontains_limit or None]
        plain = self.time_icontains([queries[i] for i in subset])
        self.load_after_timing = os.getloadavg()[0]
        ours_recall, django_recall = self.recall()
        self.colloquial = self.colloquial_recall()
        self.report(
            vendor, queries, ours, plain, [ours[i] for i in subset], throughput, how, ours_recall, django_recall
        )

    def line(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    # --- corpus and index -----------------------------------------------------

    def ensure_corpus(self, count: int, seed: int) -> None:
        existing = PolicyDocument.objects.public().count()
        if existing >= count:
            self.line(f"复用已有语料：{existing:,} 份公开文件")
            return
        self.line(f"已有 {existing:,} 份，生成 {count - existing:,} 份……")
        started = time.monotonic()
        synthetic.generate(count - existing, seed=seed + existing, progress=True)
        self.line(f"生成用时 {time.monotonic() - started:.0f} 秒")

    def ensure_index(self, reindex: bool, sample: int, workers: int | None) -> tuple[float, str]:
        """Docs/s of a full rebuild, or of re-indexing a sample when the index is complete."""
        wanted = indexable_documents().count()
        if reindex or SearchEntry.objects.count() != wanted:
            with tqdm(total=wanted, desc="建索引", unit="份") as bar:
                started, cpu, load = time.monotonic(), cpu_seconds(), os.getloadavg()[0]
                done = indexing.rebuild(progress=bar.update, workers=workers)
                seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu
            self.analyse()
            return done / seconds, (
                f"全部重建 {done:,} 份（含建 GIN/RUM 索引），{seconds:.0f} 秒；"
                f"本进程及子进程 CPU {cpu:.0f} 秒，即 {done / max(cpu, 1e-6):,.0f} 份/CPU 秒（不含数据库进程）；"
                f"开始时 1 分钟负载 {load:.1f}"
            )
        ids = list(indexable_documents().order_by("-pk").values_list("pk", flat=True)[:sample])
        sizes_before = index_sizes()
        started = time.monotonic()
        with transaction.atomic():
            indexing.remove("document", ids)
            for batch in public_document_batches(ids=ids):
                indexing.write_entries(batch)
        seconds = time.monotonic() - started
        self.analyse()
        grown = "；".join(
            f"{name} {before / 2**20:,.0f} → {after / 2**20:,.0f} MB"
            for (name, before), after in zip(sizes_before.items(), index_sizes().values(), strict=True)
        )
        return len(ids) / seconds, (
            f"索引已完整，抽样逐批重建 {len(ids):,} 份（索引保留，即发布时的写入路径），{seconds:.1f} 秒"
            + (f"；索引大小 {grown}" if grown else "")
        )

    def analyse(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")

    def index_size(self) -> str:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT pg_total_relation_size('search_searchentry'), pg_relation_size('search_entry_vector_idx'),"
                    " pg_relation_size('search_entry_title_vector_idx'),"
                    " (SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam"
                    "  WHERE c.relname = 'search_entry_vector_idx')"
                )
                total, vector, title, method = cursor.fetchone()
                return (
                    f"检索表合计 {total / 2**20:,.0f} MB（含正文与 TOAST），"
                    f"{method.upper()} 索引 {vector / 2**20:,.0f} MB，标题 GIN 索引 {title / 2**20:,.0f} MB"
                )
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'")
                fts = cursor.fetchone()[0] or 0
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_searchentry%'")
                table = cursor.fetchone()[0] or 0
                return f"FTS5 表 {fts / 2**20:,.0f} MB，检索条目表 {table / 2**20:,.0f} MB"
            except Exception:  # dbstat is an optional SQLite module
                cursor.execute("PRAGMA page_count")
                pages = cursor.fetchone()[0]
                cursor.execute("PRAGMA page_size")
                return f"数据库文件共 {pages * cursor.fetchone()[0] / 2**20:,.0f} MB（本 SQLite 无 dbstat）"

    # --- queries ----------------------------------------------------------------

    def queries(self) -> list[tuple[str, str]]:
        """(kind, query) pairs: the fixed lists plus document numbers from the corpus in three forms."""
        numbers = list(
            PolicyDocument.objects.public()
            .exclude(doc_number="")
            .order_by("pk")
            .values_list("doc_number", flat=True)[:: max(1, PolicyDocument.objects.count() // 7)][:6]
        )
        forms = []
        for number in numbers:
            forms += [
                number,
                number.replace("〔", "[").replace("〕", "]"),
                number.replace("〔", "").replace("〕", "年"),
            ]
        return (
            [("1 个词", q) for q in ONE_WORD]
            + [("2 个词", q) for q in TWO_WORDS]
            + [("3 个词", q) for q in THREE_WORDS]
            + [("短语/口语", q) for q in PHRASES]
            + [("文号", q) for q in forms]
            + [("罕见/无结果", q) for q in RARE]
        )

    def time_pages(self, queries: list[tuple[str, str]]) -> list[float]:
        client = Client()
        client.get("/search/", {"q": "预热"})
        timings = []
        for _, q in tqdm(queries, desc="本检索（整页请求）", unit="个"):
            started = time.perf_counter()
            response = client.get("/search/", {"q": q})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (q, response.status_code)
        return timings

    def time_icontains(self, queries: list[tuple[str, str]]) -> list[float]:
        timings = []
        for _, q in tqdm(queries, desc="icontains", unit="个"):
            started = time.perf_counter()
            condition = Q()
            for word in q.split():
                condition &= Q(title__icontains=word) | Q(doc_number__icontains=word) | Q(body__icontains=word)
            documents = PolicyDocument.objects.public().filter(condition)
            documents.count()
            list(documents.order_by("-published_at")[:20].values_list("pk", "title"))
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    # --- quality ----------------------------------------------------------------

    def recall(self) -> tuple[float, float | None]:
        """Recall@5 on the labelled set, built in a transaction that is rolled back."""
        with override_settings(DEBUG=False), transaction.atomic():
            indexing.clear()
            ids = quality.create_corpus()
            corpus = set(ids.values())
            noise = set(
                PolicyDocument.objects.public().order_by("-pk").values_list("pk", flat=True)[: quality.NOISE_DOCUMENTS]
            )
            for batch in public_document_batches(ids=corpus | noise):
                indexing.write_entries(batch)
            ours, _ = quality.recall_at_5(quality.top5, ids)
            theirs = None
            if connection.vendor == "postgresql":
                theirs, _ = quality.recall_at_5(django_search(corpus | noise), ids)
            transaction.set_rollback(True)
        return ours, theirs

    def colloquial_recall(self) -> tuple[float, int]:
        """Recall@5 of the colloquial set with the demo's text among the whole corpus,
        in a transaction that is rolled back; and how many queries only noise answered."""
        with override_settings(DEBUG=False), transaction.atomic():
            newest = PolicyDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for command in quality.DEMO_LOADERS:
                call_command(command, stdout=io.StringIO())
            # Documents the demo added (an earlier demo's are indexed already), then the other kinds.
            added = set(PolicyDocument.objects.public().filter(pk__gt=newest).values_list("pk", flat=True))
            indexing.remove(Kind.DOCUMENT, added)  # a loader may have indexed some already
            for batch in public_document_batches(ids=added):
                indexing.write_entries(batch)
            for rebuild in indexing.REBUILDERS.values():
                rebuild()
            recall, _, unanswered = quality.colloquial_recall(quality.top5_titles)
            transaction.set_rollback(True)
        return recall, len(unanswered)

    # --- report -----------------------------------------------------------------

    def report(self, vendor, queries, ours, plain, ours_same, throughput, how, ours_recall, django_recall) -> None:
        def stats(values: list[float]) -> tuple[float, float, float]:
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            return statistics.median(ordered), p95, ordered[-1]

        o50, o95, omax = stats(ours)
        i50, i95, imax = stats(plain)
        s50, s95, smax = stats(ours_same)
        self.line("")
        self.line(f"=== 检索基准（{vendor}，{SearchEntry.objects.count():,} 份已索引，{len(queries)} 个查询）===")
        self.line(f"{'路径':<22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        self.line(f"{'本检索（整页请求）':<16}{o50:>10.1f}{o95:>10.1f}{omax:>10.1f}")
        self.line(f"{'icontains':<22}{i50:>10.1f}{i95:>10.1f}{imax:>10.1f}   （{len(plain)} 个查询）")
        if len(plain) < len(queries):
            self.line(f"{'本检索（同一批查询）':<15}{s50:>10.1f}{s95:>10.1f}{smax:>10.1f}   （{len(plain)} 个查询）")
        self.line(
            f"{'倍数（icontains/本检索）':<13}{i50 / s50:>10.1f}{i95 / s95:>10.1f}{imax / smax:>10.1f}   （同一批查询）"
        )
        self.line(f"索引吞吐：{throughput:,.0f} 份/秒（{how}）")
        self.line(f"计时结束时 1 分钟负载 {self.load_after_timing:.1f}（{os.cpu_count()} 核）")
        self.line(f"索引大小：{self.index_size()}")
        django_text = f"{django_recall:.3f}" if django_recall is not None else "不适用（SQLite 无 SearchVector）"
        self.line(f"Recall@5（标注集）：本检索 {ours_recall:.3f}；Django SearchVector('simple') 原文 {django_text}")
        colloquial, unanswered = self.colloquial
        self.line(
            f"Recall@5（口语查询集，{len(quality.load_colloquial())} 个，演示数据混在全部语料中）：{colloquial:.3f}；"
            f"只答出无关结果的查询 {unanswered} 个"
        )
        slow = sorted(zip(ours, queries, strict=True), reverse=True)[:8]
        self.line("最慢的查询：" + "；".join(f"{q}（{kind}）{ms:.0f} ms" for ms, (kind, q) in slow))
        by_kind: dict[str, list[float]] = {}
        for ms, (kind, _) in zip(ours, queries, strict=True):
            by_kind.setdefault(kind, []).append(ms)
        self.line("按类别 p95：" + "；".join(f"{k} {stats(v)[1]:.0f} ms" for k, v in by_kind.items()))


def index_sizes() -> dict[str, int]:
    """Bytes of each full-text index on PostgreSQL (nothing on SQLite)."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relname = ANY(%s) ORDER BY relname",
            [list(indexing.FULL_TEXT_INDEXES)],
        )
        return dict(cursor.fetchall())


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the tokeniser pool)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def django_search(ids: set[int]) -> Callable[[str], list[int]]:
    """Top 5 by Django's default full-text search: SearchVector('simple') over the raw text."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    def top5(q: str) -> list[int]:
        vector = SearchVector("title", "doc_number", "body", config="simple")
        query = SearchQuery(q, config="simple")
        return list(
            PolicyDocument.objects.filter(pk__in=ids)
            .annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "-published_at")
            .values_list("pk", flat=True)[:5]
        )

    return top5
