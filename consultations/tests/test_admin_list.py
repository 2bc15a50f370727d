"""The message list in the admin: short columns, overdue messages first and marked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from factories import client_for

from .. import services
from ..models import Message

# Received Monday 2026-09-28, online: due Saturday 2026-10-10 (the make-up working day).
LATE = dt.date(2026, 9, 28)
TODAY = dt.datetime(2026, 10, 14, 2, tzinfo=dt.UTC)  # Wednesday 14 October, Shanghai morning


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr.*?</tr>", body, flags=re.S)


@pytest.mark.django_db
def test_overdue_messages_come_first_and_are_marked(new_message, organisation, dispatcher, handler):
    answered, _ = new_message(title="已经答复的留言", received_on=dt.date(2026, 9, 21))
    services.message_assign(message=answered, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=answered, user=handler, text="答复")
    services.message_send_answer(message=answered, user=handler)
    new_message(title="刚收到的留言", received_on=dt.date(2026, 10, 13))
    new_message(title="已经逾期的留言", received_on=LATE)

    with time_machine.travel(TODAY, tick=False):
        page = client_for(dispatcher).get("/admin/consultations/message/").content.decode()

    rows = _rows(page)
    assert [next(t for t in ["已经逾期", "刚收到", "已经答复"] if t in row) for row in rows] == [
        "已经逾期",
        "刚收到",
        "已经答复",
    ]
    assert "cf-overdue" in rows[0] and "已逾期" in rows[0] and "2026-10-10" in rows[0]
    assert "已逾期" not in rows[1] and "已逾期" not in rows[2]


@pytest.mark.django_db
def test_the_list_has_the_columns_staff_need_and_filters_fold_away(new_message, dispatcher):
    new_message(title="产业扶持资金怎么申请")
    page = client_for(dispatcher).get("/admin/consultations/message/").content.decode()
    for header in ["留言", "状态", "承办机构", "到期日", "选登状态", "满意度", "典型案例"]:
        assert f">{header}<" in page or f">{header}</a>" in page, header
    # Title, number and channel share one column; the filters sit in a folded panel.
    assert 'class="cf-admin-title">产业扶持资金怎么申请<' in page
    assert '<details class="cf-admin-filters">' in page
    assert "css/consultations-admin.css" in page


@pytest.mark.django_db
def test_the_overdue_quick_view_counts_and_filters_them(new_message, dispatcher):
    new_message(title="已经逾期的留言", received_on=LATE)
    new_message(title="刚收到的留言", received_on=dt.date(2026, 10, 13))
    client = client_for(dispatcher)
    with time_machine.travel(TODAY, tick=False):
        listing = client.get("/admin/consultations/message/").content.decode()
        overdue = client.get("/admin/consultations/message/?deadline=overdue").content.decode()
    assert re.search(r'deadline=overdue"[^>]*>已逾期 <span class="cf-quick-view__count">1</span>', listing)
    assert "已经逾期的留言" in overdue and "刚收到的留言" not in overdue


@pytest.mark.django_db
def test_overdue_is_the_deadline_engines_rule(new_message, organisation, dispatcher, handler):
    late, _ = new_message(received_on=LATE)
    on_time, _ = new_message(received_on=dt.date(2026, 10, 13))
    with time_machine.travel(TODAY, tick=False):
        assert list(Message.objects.overdue()) == [late]
        flags = {m.pk: m.is_overdue for m in Message.objects.with_deadline()}
    assert flags == {late.pk: 1, on_time.pk: 0}
    # Answered, it is no longer overdue (even though it was answered late).
    services.message_assign(message=late, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=late, user=handler, text="答复")
    with time_machine.travel(TODAY, tick=False):
        services.message_send_answer(message=late, user=handler)
        assert not Message.objects.overdue().exists()
