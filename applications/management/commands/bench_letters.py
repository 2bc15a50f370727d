"""`python manage.py bench_letters`: how long the reply letter takes to render as PDF and DOCX
and the archive file as PDF (first run, then the median of ``--runs``), and how many queries
the application's admin page makes.

With ``--number`` it measures a stored application (e.g. of the demo); without, a sample
application taken to its signed and delivered reply inside a transaction that is rolled back,
so the database is left as it was.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications import letters, services
from applications.models import Application, ApplicationEvent, Channel, DeliveryMethod, Outcome, OutcomeReason
from applications.roles import HANDLER, SIGNER
from organisations.models import Organisation, StaffProfile


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "答复告知书基准：PDF、DOCX 和卷宗 PDF 的生成时间（中位数），以及申请管理页面的查询次数。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=10, help="每项计时的次数（默认 10）。")
        parser.add_argument("--number", help="已有申请的登记编号；不填则使用临时样例（结束后回滚）。")

    def handle(self, *args, runs: int, number: str | None, **options) -> None:
        if runs < 1:
            raise CommandError("--runs 至少为 1。")
        if number:
            application = Application.objects.filter(number=number).first()
            if application is None:
                raise CommandError(f"没有登记编号为 {number} 的申请。")
            if not application.outcome:
                raise CommandError(f"申请 {number} 还没有拟定答复，没有答复告知书。")
            self._measure(application, runs)
            return
        try:
            with transaction.atomic():
                self._measure(_sample(), runs)
                raise _Rollback
        except _Rollback:
            self.stdout.write("（样例申请已回滚，数据库未改变。）")

    def _measure(self, application: Application, runs: int) -> None:
        events = ApplicationEvent.objects.filter(application=application).count()
        self.stdout.write(
            f"申请 {application.number}：{application.get_outcome_display()}，办理记录 {events} 条，{runs} 次"
        )
        for label, render in (
            ("告知书 PDF", letters.letter_pdf),
            ("告知书 DOCX", letters.letter_docx),
            ("卷宗 PDF", letters.archive_pdf),
        ):
            first, median, size = _time(lambda render=render: render(application), runs)
            self.stdout.write(
                f"  {label:<10} 首次 {first * 1000:7.1f} ms  中位数 {median * 1000:7.1f} ms  {size:>8} 字节"
            )
        queries = _admin_page_queries(application)
        if queries is not None:
            self.stdout.write(f"  管理页面（申请修改页）查询次数：{queries}")


def _time(render: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    content = render()
    first = time.perf_counter() - start
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        timings.append(time.perf_counter() - start)
    return first, statistics.median(timings), len(content)


def _admin_page_queries(application: Application) -> int | None:
    """Queries of the application's admin change page for its handler, or None when no staff
    account of it can be found (a stored application with no drafter)."""
    user = application.reply_drafted_by
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    url = reverse("admin:applications_application_change", args=[application.pk])
    # A request would otherwise close the connection of the open (rolled-back) transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        client.get(url)  # warm: sessions, content types
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return len(captured) if response.status_code == 200 else None


def _sample() -> Application:
    """An application received in person on Mon 2 Mar 2026, drafted, signed and delivered."""
    organisation = Organisation.objects.create(
        name="徐泾镇基准测试办公室",
        short_name="基准",
        slug="bench-letters",
        kind=Organisation.Kind.DEPARTMENT,
        agency_code="徐府发",
        index_code="11310118BENCH0001",
    )
    handler, signer = (
        _staff("bench-letters-handler", HANDLER, organisation),
        _staff("bench-letters-signer", SIGNER, organisation),
    )
    receipt = services.application_register(
        application=Application(
            channel=Channel.IN_PERSON,
            applicant_name="基准申请人",
            id_number="11010519491231002X",
            email="bench@example.com",
            description="申请公开徐泾镇2025年度道路养护经费的使用情况，包括项目清单和资金拨付明细。",
            information_title="2025年度道路养护经费使用情况",
            submitted_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_default_timezone()),
            organisation=organisation,
        ),
        user=handler,
    )
    application = receipt.application
    services.application_reply_draft(
        application=application,
        user=handler,
        outcome=Outcome.WITHHELD,
        reason=OutcomeReason.THIRD_PARTY_RIGHTS,
        note="其中涉及施工单位商业秘密的内容不予公开。",
    )
    services.application_reply_sign(application=application, user=signer, on=dt.date(2026, 3, 20))
    services.application_deliver(
        application=application,
        user=handler,
        method=DeliveryMethod.POST,
        on=max(dt.date(2026, 3, 20), min(timezone.localdate(), dt.date(2026, 3, 23))),
        tracking_number="XA123456789CN",
    )
    return application


def _staff(username: str, role: str, organisation: Organisation):
    user = get_user_model().objects.create(username=username, is_staff=True, first_name="基准")
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.create(user=user, organisation=organisation)
    return user
