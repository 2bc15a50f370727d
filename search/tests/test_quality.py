"""Search quality over a fixed corpus: the labelled queries (search/labelled.yaml)
among synthetic noise documents, and Ctrl-F exactness on probe words."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from search import backends, indexing, quality
from search import text as search_text
from search.models import SearchEntry

PROBE_WORDS = [
    "通办", "河长", "约车", "医疗保障", "医疗保障局", "居家养老", "营商环境", "12345热线", "一网通办",
    "养老", "老", "政务公开", "行政规范性文件", "重大行政决策", "徐泾", "补贴", "网约车", "垃圾分类",
    "加装电梯", "长者照护", "最低生活保障", "跨省通办", "随申办", "河湖长制", "巡河", "充电桩",
    "电动自行车", "消防安全", "告知承诺", "专精特新", "虹桥国际开放枢纽", "进博会", "宅基地", "村务公开",
    "托育", "课后服务", "人才公寓", "保障性租赁住房", "稳岗补贴", "创业补贴", "职业技能培训", "家庭医生",
    "长期护理保险", "医保", "2023年", "徐府发", "hpv", "月底", "工作日", "12345", "徐泾镇人民政府",
    "防汛防台", "清四乱", "犬", "年度报告",
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The demo data, the labelled documents and synthetic noise, built once for
    the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        ids = quality.create_corpus()
        indexing.rebuild()
        yield ids
        transaction.set_rollback(True)


def all_matches(q: str, *, expanded: bool = False) -> set[int]:
    """The matches of `q` as typed: the exact part of the results (synonyms.txt adds more)."""
    query = search_text.parse_query(q)
    if not expanded:
        query = query.unexpanded()
    backend = backends.get_backend()
    with backend.session():
        matched = backend.matched(backend.filtered(backends.Filters()), query)
        return set(matched.values_list("object_id", flat=True))


@pytest.mark.django_db
def test_labelled_queries_find_their_documents_in_the_top_5(corpus):
    recall, misses = quality.recall_at_5(quality.top5, corpus)

    assert len(quality.load()[1]) >= 40
    assert recall >= 0.95, misses


@pytest.mark.django_db
def test_matching_equals_a_substring_scan_on_every_probe_word(corpus):
    haystacks = {
        e.object_id: search_text.normalise(f"{e.title} {e.doc_number}\n{e.text}") for e in SearchEntry.objects.all()
    }
    assert len(PROBE_WORDS) >= 40
    assert SearchEntry.objects.count() > quality.NOISE_DOCUMENTS + len(corpus)  # the demo policies too
    for word in PROBE_WORDS:
        needle = search_text.normalise(word)
        truth = {pk for pk, text in haystacks.items() if needle in text}
        assert truth, f"probe word {word} occurs nowhere: pick another"
        found = all_matches(word)
        assert found == truth, f"{word}: missed {len(truth - found)}, false hits {len(found - truth)}"
        assert all_matches(word, expanded=True) >= truth
