"""The clusters and statistics pages show what staff need."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from factories import client_for

from .. import services, statistics
from ..models import WindowQuestion


@pytest.mark.django_db
def test_the_clusters_page_lists_groups_by_size_with_a_link_to_write_an_faq(new_message, dispatcher):
    for title in ["产业扶持资金怎么申请", "产业扶持资金申请材料", "产业扶持资金申请时间"]:
        new_message(title=title, received_on=dt.date(2026, 3, 2))
    new_message(title="老年人助餐怎么办理", question="老年人助餐在哪里登记？", received_on=dt.date(2026, 3, 2))
    new_message(title="老年人助餐补贴标准", question="老年人助餐补贴多少？", received_on=dt.date(2026, 3, 2))
    WindowQuestion.objects.create(question="老年人助餐在哪里申请", topic="civil", times=4, asked_on=dt.date(2026, 3, 3))
    response = client_for(dispatcher).get("/consultations/staff/clusters/?start=2026-03-01&end=2026-03-31")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("6 次") < page.index("3 次")  # 助餐 (2 messages + 4 at the window) first
    assert "/admin/consultations/faq/add/?question=" in page


@pytest.mark.django_db
def test_statistics_count_answer_days_overdue_and_satisfaction(new_message, organisation, handler, dispatcher):
    on_time, _ = new_message(received_on=dt.date(2026, 9, 28), channel="hotline")
    late, _ = new_message(received_on=dt.date(2026, 9, 28))
    for message, day in [
        (on_time, dt.datetime(2026, 9, 30, 2, tzinfo=dt.UTC)),
        (late, dt.datetime(2026, 10, 14, 2, tzinfo=dt.UTC)),
    ]:
        services.message_assign(message=message, organisation=organisation, user=handler)
        services.message_save_draft(message=message, user=handler, text="答复")
        with time_machine.travel(day, tick=False):
            services.message_send_answer(message=message, user=handler)
    services.message_rate(message=on_time, rating="satisfied")
    services.message_rate(message=late, rating="unsatisfied")
    with time_machine.travel(dt.datetime(2026, 10, 20, 2, tzinfo=dt.UTC), tick=False):
        figures = statistics.summary(dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    assert figures["total"] == 2
    assert figures["average_days"] == 5.0  # 2 and 8 working days (National Day in between)
    assert figures["p90_days"] == 8.0
    assert figures["overdue"] == 1 and figures["overdue_rate"] == 50.0
    assert figures["satisfaction_rate"] == 50.0
    page = client_for(dispatcher).get("/consultations/staff/statistics/?start=2026-09-01&end=2026-10-31")
    assert "12345市民服务热线" in page.content.decode()


def test_percentile_uses_the_nearest_rank():
    assert statistics.percentile([], 90) is None
    assert statistics.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9.0


@pytest.mark.django_db
def test_the_clusters_page_hides_names_phones_and_addresses(new_message, organisation, dispatcher):
    for n in range(2):
        message, _ = new_message(
            asker_name="张三丰",
            phone="021-59741234",
            title="老年人助餐怎么办理",
            question=f"我是张三丰，住二联村3组45号，电话13700002222，座机59741234，老人助餐在哪里登记？{n}",
            received_on=dt.date(2026, 3, 2),
        )
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=message, user=dispatcher, text="张三丰您好，已致电 021-59741234。")
    services.message_send_answer(message=message, user=dispatcher)
    page = client_for(dispatcher).get("/consultations/staff/clusters/?start=2026-03-01&end=2026-03-31").content.decode()
    assert "老年人助餐" in page and "二联村" in page
    for secret in ["张三丰", "13700002222", "59741234", "3组45号"]:
        assert secret not in page, secret  # neither in the text nor in the link that drafts an FAQ
