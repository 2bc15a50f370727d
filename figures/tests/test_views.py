"""The public data page /data/: its tables, the figures for the charts, caching, the query
count whatever the corpus, and no private data."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Message
from factories import MessageFactory, OpinionFactory, PolicyDocumentFactory

from .conftest import ASKER, PRIVATE, at

pytestmark = pytest.mark.django_db

URL = "/data/"


def _table(html: str, table_id: str) -> list[list[str]]:
    """The rows of a table as lists of cell texts (tags stripped)."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script id="figures-data" type="application/json">(.*?)</script>', html, re.S)[1])


def test_the_page_is_at_data_and_linked_from_every_pages_footer(client, db):
    assert reverse("figures:index") == URL
    home = client.get("/")

    assert re.search(r'<footer.*href="/data/">政务公开数据</a>.*</footer>', home.content.decode(), re.S)


def test_each_chart_has_its_figures_in_a_table(client, everything):
    html = client.get(URL).content.decode()

    documents = _table(html, "table-documents")
    assert documents[0] == ["月份", "徐泾镇人民政府测试", "徐泾镇测试办公室", "合计"]
    assert documents[1] == ["2025年7月", "1", "0", "1"]
    assert documents[-1] == ["合计", "3", "2", "5"]
    messages = _table(html, "table-messages")
    assert messages[-2] == ["2026年6月", "3", "3", "2"]
    assert messages[-1] == ["合计", "5", "5", "2"]
    assert _table(html, "table-ratings")[1] == ["满意", "1", "33.3%"]
    windows = _table(html, "table-windows")
    assert windows[1] == [
        "徐泾镇垃圾分类测试办法",
        "徐泾镇测试办公室",
        "2026-03-01 至 2026-03-31",
        "31",
        "5",
        "3",
        "1",
        "1",
        "80.0%",
    ]
    assert windows[2][-1] == "征求意见结束后处理"
    assert _table(html, "table-applications")[1:] == [
        ["2025年", "1", "1", "0", "0", "0", "0", "0", "0"],
        ["2026年", "3", "1", "0", "1", "0", "0", "0", "1"],
    ]


def test_every_table_has_a_caption_and_scoped_headers(client, everything):
    html = client.get(URL).content.decode()

    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 5
    for table in tables:
        assert "<caption" in table
        assert not re.search(r"<th(?=[\s>])(?![^>]*scope=)", table)


def test_the_charts_read_their_figures_from_a_json_block_and_no_inline_script(client, everything):
    html = client.get(URL).content.decode()

    assert _data(html)["windows"]["adopted"] == [3, 0]
    assert html.count('data-chart="') == 5
    for script in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in script or 'type="application/json"' in script, script
    assert 'src="/static/vendor/echarts/echarts.common.min.js"' in html
    assert 'src="/static/js/figures.js"' in html
    # Without JavaScript the chart boxes stay hidden and the tables carry the figures.
    assert all(" hidden" in box for box in re.findall(r'<div class="figures-chart[^>]*>', html))


def test_it_is_cached_briefly_by_browsers_and_proxies(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_only_get_and_head_are_answered(client, db):
    assert client.post(URL).status_code == 405


def test_an_empty_portal_shows_empty_notes_and_no_chart(client, frozen):
    html = client.get(URL).content.decode()

    assert "近12个月没有发布政策文件。" in html
    assert "近12个月没有收到留言。" in html
    assert "尚无政府信息公开申请的记录。" in html
    assert "data-chart=" not in html


def test_no_private_data_reaches_the_page(client, everything):
    html = client.get(URL).content.decode()

    for private in PRIVATE:
        assert private not in html


def _measure(client: Client, django_assert_max_num_queries, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(URL).status_code == 200


# Documents 1; messages 2 and the calendar's 2 per year (2025, 2026); decisions 2; applications
# 3 and the calendar's 4 again (figures_by_year keeps its own calendar).
QUERIES = 16


def test_the_number_of_queries_does_not_grow_with_the_corpus(everything, frozen, organs, django_assert_max_num_queries):
    client = Client()
    _measure(client, django_assert_max_num_queries, QUERIES)
    for day in range(1, 29):
        PolicyDocumentFactory(organisation=organs["village"], published=True, published_at=at(dt.date(2026, 2, day)))
        MessageFactory(
            received_on=dt.date(2026, 2, day),
            answered_on=dt.date(2026, 3, 2),
            status=Message.Status.ANSWERED,
            rating="satisfied",
            **ASKER,
        )
        OpinionFactory(decision=everything["sorting"])

    _measure(client, django_assert_max_num_queries, QUERIES)
    html = client.get(URL).content.decode()
    assert _table(html, "table-documents")[0][-2] == "徐泾镇测试村"
    assert _table(html, "table-messages")[8] == ["2026年2月", "28", "0", "—"]
