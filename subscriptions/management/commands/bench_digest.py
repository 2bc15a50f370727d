"""manage.py bench_digest: time matching and digest sending for many subscribers.

Runs in a throwaway database (Django's test-database machinery: created, migrated and
destroyed by the command; nothing touches the configured database, and mail goes to
memory). Creates N confirmed subscribers with a mix of frequencies and subscriptions and
50 newly published documents, then times: matching, writing the digests to the outbox in
bounded batches (each batch its own transaction; the longest is reported), and handing
the outbox to the (in-memory) mail backend.
"""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

SUBSCRIBER_BATCH = 2000


class Command(BaseCommand):
    help = "在临时数据库中基准测试订阅摘要的匹配与发送（默认 10,000 名订阅人、50 件新文件）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--subscribers", type=int, default=10_000, help="订阅人数量（默认 10000）。")
        parser.add_argument("--documents", type=int, default=50, help="新发布文件数量（默认 50）。")
        parser.add_argument("--batch", type=int, default=200, help="每批（每个事务）发送的订阅人数（默认 200）。")
        parser.add_argument("--skip-delivery", action="store_true", help="只写入待发邮件，不计时投递。")

    def handle(self, *args, subscribers: int, documents: int, batch: int, skip_delivery: bool, **options) -> None:
        if subscribers < 1 or documents < 1 or batch < 1:
            raise CommandError("--subscribers、--documents 和 --batch 必须是正整数。")
        old_name = connection.settings_dict["NAME"]
        self.stdout.write("正在创建临时数据库并迁移……")
        if connection.vendor != "sqlite":  # a name of its own, not the test suite's test database
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_digest_{old_name}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                self._run(subscribers, documents, batch, skip_delivery)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def _run(self, subscribers: int, documents: int, batch: int, skip_delivery: bool) -> None:
        from notifications import delivery
        from subscriptions import services
        from subscriptions.models import Frequency

        started = time.monotonic()
        self._setup(subscribers, documents)
        self.stdout.write(
            f"准备数据：{subscribers} 名订阅人、{documents} 件文件，用时 {time.monotonic() - started:.1f} 秒。"
        )

        longest = [0.0]
        real_batch = services._send_batch

        def timed_batch(**kwargs):
            begun = time.monotonic()
            try:
                return real_batch(**kwargs)
            finally:
                longest[0] = max(longest[0], time.monotonic() - begun)

        # No broker: the outbox rows are handed to the mail backend below, timed on their own.
        with mock.patch("notifications.outbox.queue_delivery"), mock.patch.object(services, "_send_batch", timed_batch):
            now = timezone.now()
            begun = time.monotonic()
            services.documents_match_new(now=now, limit=documents)
            match_seconds = time.monotonic() - begun
            sent: dict[str, int] = {}
            digest_seconds: dict[str, float] = {}
            for frequency in Frequency:
                begun = time.monotonic()
                sent[frequency] = services.digests_send(frequency=frequency, now=now, batch_size=batch)
                digest_seconds[frequency] = time.monotonic() - begun
        from subscriptions.models import Delivery

        deliveries = Delivery.objects.count()
        self.stdout.write(f"匹配：{documents} 件文件 → {deliveries} 条推送记录，用时 {match_seconds:.2f} 秒。")
        total_mails = sum(sent.values())
        total_seconds = sum(digest_seconds.values())
        for frequency in Frequency:
            self.stdout.write(
                f"摘要（{frequency.label}）：{sent[frequency]} 封邮件写入待发邮件，用时 {digest_seconds[frequency]:.2f} 秒。"
            )
        self.stdout.write(
            f"摘要合计：{total_mails} 封，{total_seconds:.2f} 秒（{total_mails / max(total_seconds, 1e-6):.0f} 封/秒）；"
            f"每批 {batch} 名订阅人，最长的一个事务 {longest[0] * 1000:.0f} 毫秒。"
        )
        if not skip_delivery:
            from django.core import mail

            mail.outbox = []
            begun = time.monotonic()
            handed = delivery.deliver_pending()
            seconds = time.monotonic() - begun
            self.stdout.write(
                f"投递：{handed} 封交给邮件后端（内存），用时 {seconds:.2f} 秒（{handed / max(seconds, 1e-6):.0f} 封/秒）。"
            )
        self.stdout.write(f"数据库：{connection.vendor}。临时数据库已删除。")

    def _setup(self, subscribers: int, documents: int) -> None:
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
        )
        from organisations.models import Organisation
        from subscriptions.models import Frequency, Kind, Subscriber, Subscription

        dimension = TagDimension.objects.create(name="基准主题", slug="bench-dimension")
        tags = [
            CatalogTag.objects.create(name=f"基准标签{n}", slug=f"bench-tag-{n}", dimension=dimension)
            for n in range(10)
        ]
        organisation = Organisation.objects.first() or Organisation.objects.create(
            name="基准机关", slug="bench-org", kind=Organisation.Kind.GOVERNMENT
        )
        long_ago = timezone.now() - dt.timedelta(days=30)
        frequencies = [Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY]
        for start in range(0, subscribers, SUBSCRIBER_BATCH):
            rows = Subscriber.objects.bulk_create(
                [
                    Subscriber(email=f"bench{n}@bench.invalid")
                    for n in range(start, min(subscribers, start + SUBSCRIBER_BATCH))
                ]
            )
            if rows[0].pk is None:  # backends that return no keys
                rows = list(Subscriber.objects.filter(email__in=[row.email for row in rows]))
            subscriptions = []
            for row in rows:
                n = row.pk
                first, second = tags[n % 10], tags[(n * 7 + 3) % 10]
                for tag in {first.pk: first, second.pk: second}.values():
                    subscriptions.append(
                        Subscription(
                            subscriber=row,
                            kind=Kind.TAG,
                            target=str(tag.pk),
                            tag=tag,
                            frequency=frequencies[n % 3],
                            confirmed_at=long_ago,
                        )
                    )
                if n % 5 == 0:
                    subscriptions.append(
                        Subscription(
                            subscriber=row,
                            kind=Kind.ORGANISATION,
                            target=str(organisation.pk),
                            organisation=organisation,
                            frequency=Frequency.DAILY,
                            confirmed_at=long_ago,
                        )
                    )
            Subscription.objects.bulk_create(subscriptions)
        now = timezone.now() - dt.timedelta(minutes=1)
        for n in range(documents):
            document = PolicyDocument.objects.create(
                title=f"基准测试新发布的政策文件（第{n + 1}号）",
                doc_number=f"基准发〔2026〕{n + 1}号",
                organisation=organisation,
                issuing_organisation=organisation,
                index_number=f"BENCH/2026-{n + 1:06d}",
                written_date=now.date(),
                published_at=now,
                doc_type=DocumentType.OTHER,
                topic=Topic.GENERAL,
                summary="基准测试。",
                body="<p>基准测试。</p>",
                disclosure_attribute=DisclosureAttribute.PROACTIVE,
                disclosure_scope=DisclosureScope.PUBLIC,
                status=Status.PUBLISHED,
            )
            TaggedDocument.objects.create(content_object=document, tag=tags[n % 10])
