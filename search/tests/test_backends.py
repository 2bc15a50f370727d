"""Ranking through the one search interface (the same tests run on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from search import backends
from search.text import parse_query


def ranked_titles(q: str) -> list[str]:
    result = backends.search(backends.SearchRequest(query=parse_query(q)))
    return [hit.entry.title for hit in result.hits]


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def test_a_title_match_comes_before_newer_body_matches(indexed):
    indexed(title="关于秋季防火的通知", body="<p>加装电梯加装电梯加装电梯。</p>", published_at=days_ago(1))
    indexed(title="徐泾镇加装电梯补贴办法", body="<p>补贴标准。</p>", published_at=days_ago(300))

    assert ranked_titles("加装电梯") == ["徐泾镇加装电梯补贴办法", "关于秋季防火的通知"]


def test_more_of_the_query_in_the_title_ranks_higher(indexed):
    indexed(title="养老服务通知", body="<p>另有补贴说明。</p>", published_at=days_ago(1))
    indexed(title="养老补贴发放办法", body="<p>发放。</p>", published_at=days_ago(200))

    assert ranked_titles("养老 补贴") == ["养老补贴发放办法", "养老服务通知"]


def test_body_relevance_decides_among_body_matches(indexed):
    indexed(title="通知一", body="<p>垃圾分类。" + "其他工作安排。" * 30 + "</p>", published_at=days_ago(1))
    indexed(title="通知二", body="<p>" + "垃圾分类要求，垃圾分类投放。" * 5 + "</p>", published_at=days_ago(100))

    assert ranked_titles("垃圾分类") == ["通知二", "通知一"]


def test_body_relevance_decides_among_many_title_matches(indexed, monkeypatch):
    from search.backends import postgres

    # As with hundreds of matches: too many to rank them all, the titled ones are still ranked.
    monkeypatch.setattr(postgres, "RANK_ALL_LIMIT", 2)
    indexed(title="垃圾分类工作总结", body="<p>垃圾分类。" + "其他工作安排。" * 30 + "</p>", published_at=days_ago(1))
    indexed(title="垃圾分类的通知", body="<p>垃圾分类。" + "其他工作安排。" * 30 + "</p>", published_at=days_ago(2))
    indexed(
        title="垃圾分类管理办法", body="<p>" + "垃圾分类要求，垃圾分类投放。" * 5 + "</p>", published_at=days_ago(900)
    )
    indexed(title="防汛通知", body="<p>垃圾分类。</p>", published_at=days_ago(0))

    titles = ranked_titles("垃圾分类")
    assert titles[0] == "垃圾分类管理办法" and titles[-1] == "防汛通知"


def test_recency_breaks_ties(indexed):
    for n, title in [(30, "旧的防汛通知"), (2, "新的防汛通知"), (10, "中的防汛通知")]:
        indexed(title=title, body="<p>做好防汛工作。</p>", published_at=days_ago(n))

    assert ranked_titles("防汛") == ["新的防汛通知", "中的防汛通知", "旧的防汛通知"]


def test_an_empty_query_lists_the_newest_first(indexed):
    indexed(title="旧文件", published_at=days_ago(50))
    indexed(title="新文件", published_at=days_ago(5))

    assert ranked_titles("") == ["新文件", "旧文件"]


def test_a_character_after_digits_matches_whatever_follows_it(indexed):
    indexed(title="2022年度工作总结", body="<p>总结。</p>")
    indexed(title="防汛通知", body="<p>截至2022年，已完成。</p>")
    indexed(title="另一份通知", body="<p>2022，年度计划。</p>")

    assert sorted(ranked_titles("2022年")) == ["2022年度工作总结", "防汛通知"]


def test_a_character_before_punctuation_must_end_its_run(indexed):
    indexed(title="去年，通知如下", body="<p>内容。</p>")
    indexed(title="年度通知", body="<p>内容。</p>")

    assert ranked_titles("年，通知") == ["去年，通知如下"]


# --- A document number in the query: the document with that number first, always ----------


@pytest.fixture
def work_points_and_interpretations(indexed):
    """The 2023 work points and, published later, two interpretations that carry its number
    (an interpretation's entry has its policy's number) and quote it in their text."""
    from factories import InterpretationFactory
    from interpretations import search_sync

    document = indexed(
        title="徐泾镇2023年政务公开工作要点",
        doc_number="徐府发〔2023〕32号",
        body="<p>提升政策公开服务能级。</p>",
        published_at=days_ago(30),
    )
    for days, title in [(2, "图解：2023年政务公开工作要点"), (1, "问答：政务公开工作要点怎么落实")]:
        interpretation = InterpretationFactory(
            published=True,
            document=document,
            title=title,
            body="<p>徐府发〔2023〕32号提出，解读要与政策同步起草、同步审签、同步发布。</p>",
        )
        interpretation.published_at = days_ago(days)
        interpretation.save(update_fields=["published_at"])
        search_sync.sync_interpretation(interpretation)
    indexed(title="引用了文号的通知", body="<p>根据徐府发〔2023〕32号的要求开展自查。</p>", published_at=days_ago(0))
    return document


@pytest.mark.parametrize(
    "typed",
    [
        "徐府发〔2023〕32号",
        "徐府发[2023]32号",
        "关于徐府发〔2023〕32号的解读",
        "徐府发（2023）32号 解读",
        "徐府发〔2023〕32号 同步发布",  # words only the interpretations have
    ],
)
def test_a_query_with_a_document_number_puts_that_document_first(work_points_and_interpretations, typed):
    result = backends.search(backends.SearchRequest(query=parse_query(typed)))

    titles = [hit.entry.title for hit in result.hits]
    assert titles[0] == "徐泾镇2023年政务公开工作要点"
    assert result.hits[0].number_match
    assert set(titles[1:3]) == {"图解：2023年政务公开工作要点", "问答：政务公开工作要点怎么落实"}
    assert result.total == len(titles)


def test_a_number_no_document_has_is_searched_as_typed(indexed):
    indexed(title="转发市政府文件的通知", body="<p>根据沪府规〔2022〕3号的规定执行。</p>")

    result = backends.search(backends.SearchRequest(query=parse_query("沪府规〔2022〕3号")))

    assert [hit.entry.title for hit in result.hits] == ["转发市政府文件的通知"]
    assert not result.hits[0].number_match


def test_a_title_repeated_within_its_tier_moves_to_the_tier_end():
    from collections import namedtuple

    from search.backends.postgres import repeats_last

    Row = namedtuple("Row", "id title title_score")
    rows = [Row(1, "补贴发放细则", 1), Row(2, "补贴发放细则", 1), Row(3, "补贴办法", 1), Row(4, "补贴发放细则", 0)]

    assert [row.id for row in repeats_last(rows)] == [1, 3, 2, 4]
