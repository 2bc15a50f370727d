from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import DocumentType, Status, Validity
from documents.search_sync import sync_document
from factories import CatalogTagFactory, OrganisationFactory, PolicyDocumentFactory
from search import backends

URL = "/search/"


def test_it_finds_published_documents_and_highlights_the_words(citizen, indexed):
    indexed(title="徐泾镇居家养老服务实施办法", body="<p>为老年人提供居家养老服务。</p>")
    indexed(title="关于河长制的通知", body="<p>巡河。</p>")

    response = citizen.get(URL, {"q": "居家养老"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "找到 <strong>1</strong> 条结果" in page
    assert "徐泾镇<mark>居家养老</mark>服务实施办法" in page
    assert "为老年人提供<mark>居家养老</mark>服务" in page
    assert "河长制" not in page


def test_drafts_never_appear_in_results_counts_or_snippets(citizen, indexed):
    indexed(title="公开的养老通知")
    draft = PolicyDocumentFactory(title="草稿里的养老秘密", status=Status.DRAFT, body="<p>养老秘密正文</p>")
    sync_document(draft.pk)

    page = citizen.get(URL, {"q": "养老"}).content.decode()

    assert "找到 <strong>1</strong> 条结果" in page
    assert "秘密" not in page


@pytest.mark.parametrize("typed", ["徐府发〔2023〕32号", "徐府发[2023]32号", "徐府发2023年32号"])
def test_a_document_number_puts_that_document_first(citizen, indexed, typed):
    indexed(
        title="引用了文号的其他文件", doc_number="徐府发〔2023〕7号", body="<p>根据徐府发〔2023〕32号文件要求。</p>"
    )
    indexed(title="2023年政务公开工作要点", doc_number="徐府发〔2023〕32号")

    response = citizen.get(URL, {"q": typed})

    hits = response.context["result"].hits
    assert hits[0].entry.title == "2023年政务公开工作要点"
    assert hits[0].number_match
    assert [h.entry.title for h in hits[1:]] == ["引用了文号的其他文件"]


def test_mixed_chinese_latin_and_digits_work(citizen, indexed):
    indexed(title="12345热线工单办理规范")
    indexed(title="徐泾镇2023年工作要点")
    indexed(title="关于HPV疫苗接种的通知")

    assert citizen.get(URL, {"q": "12345热线"}).context["result"].total == 1
    assert citizen.get(URL, {"q": "2023年工作要点"}).context["result"].total == 1
    assert citizen.get(URL, {"q": "hpv"}).context["result"].total == 1
    assert citizen.get(URL, {"q": "１２３４５热线"}).context["result"].total == 1


def test_facets_count_each_option_and_filters_combine_with_the_query(citizen, indexed):
    economy = OrganisationFactory(name="经发办", slug="economy-office")
    tag = CatalogTagFactory(name="养老服务", slug="elderly")
    indexed(title="养老补贴办法", organisation=economy, doc_type=DocumentType.NORMATIVE, tags=[tag])
    indexed(title="养老服务通知", organisation=economy, doc_type=DocumentType.NOTICE)
    indexed(title="养老工作总结", doc_type=DocumentType.REPORT)

    response = citizen.get(URL, {"q": "养老", "organisation": "economy-office"})

    result = response.context["result"]
    assert result.total == 2
    facets = {f.name: {o.label: o.count for o in f.options} for f in response.context["facets"]}
    assert facets["doc_type"] == {"行政规范性文件": 1, "通知公告": 1}
    assert facets["tag"] == {"养老服务": 1}
    page = response.content.decode()
    assert "发文机关：经发办" in page
    # Links keep the query and the filters in the URL.
    assert "?q=%E5%85%BB%E8%80%81&amp;organisation=economy-office&amp;tag=elderly" in page


def test_the_validity_filter_uses_todays_validity(citizen, indexed):
    today = timezone.localdate()
    indexed(title="养老有效文件", validity=Validity.VALID)
    indexed(title="养老过期文件", validity=Validity.VALID, expiry_date=today - dt.timedelta(days=1))

    response = citizen.get(URL, {"q": "养老", "validity": "expired"})

    assert [h.entry.title for h in response.context["result"].hits] == ["养老过期文件"]


def test_an_empty_query_browses_with_the_filters(citizen, indexed):
    indexed(title="甲通知", doc_type=DocumentType.NOTICE)
    indexed(title="乙办法", doc_type=DocumentType.NORMATIVE)

    response = citizen.get(URL, {"doc_type": "normative"})

    assert response.status_code == 200
    assert [h.entry.title for h in response.context["result"].hits] == ["乙办法"]


def test_results_are_paginated_and_the_url_holds_the_page(citizen, indexed):
    for n in range(23):
        indexed(title=f"养老通知{n}")

    first = citizen.get(URL, {"q": "养老"})
    second = citizen.get(URL, {"q": "养老", "page": 2})

    assert len(first.context["result"].hits) == 20
    assert len(second.context["result"].hits) == 3
    assert "?q=%E5%85%BB%E8%80%81&amp;page=2" in first.content.decode()
    assert citizen.get(URL, {"q": "养老", "page": 99}).context["result"].page == 2


def test_no_results_page_shows_the_query_the_excluding_filter_and_related_tags(citizen, indexed):
    CatalogTagFactory(name="养老服务", slug="elderly")
    indexed(title="养老通知", doc_type=DocumentType.NOTICE)

    response = citizen.get(URL, {"q": "养老", "doc_type": "normative"})

    page = response.content.decode()
    assert '没有找到包含“<strong class="search-empty__query">养老</strong>”的内容' in page
    assert "去掉“行政规范性文件”后有 1 条结果" in page
    assert 'href="/search/?tag=elderly"' in page
    doc_types = {f.name: f for f in response.context["facets"]}["doc_type"]
    assert [(o.label, o.count, o.active) for o in doc_types.options] == [("行政规范性文件", 0, True)]


def test_a_question_in_everyday_words_finds_documents_with_its_words(citizen, indexed):
    indexed(title="徐泾镇养老服务补贴发放办法")

    response = citizen.get(URL, {"q": "怎么申请养老补贴"})

    assert [h.entry.title for h in response.context["result"].hits] == ["徐泾镇养老服务补贴发放办法"]
    assert "没有找到与“怎么申请养老补贴”完全一致的内容" in response.content.decode()


def test_invalid_filters_are_ignored_with_a_message(citizen, indexed):
    indexed(title="养老通知")

    response = citizen.get(URL, {"q": "养老", "year": "abc", "tag": "no-such-tag", "page": "-3"})

    assert response.status_code == 200
    assert response.context["result"].total == 1
    assert "筛选条件“成文年份”的值无效，已忽略。" in response.content.decode()


def test_the_page_has_no_inline_scripts_or_styles(citizen, indexed):
    indexed(title="养老通知")

    page = citizen.get(URL, {"q": "养老"}).content.decode()

    assert "<script>" not in page and "style=" not in page and "<style" not in page
    assert "/static/css/search.css" in page


@pytest.fixture
def many_matches(indexed, settings):
    """60 documents with 养老 in the body (so at least one falls in the 1-in-50
    sample), one older one with it in the title, and estimates from 50 matches on."""
    settings.SEARCH_EXACT_COUNT_LIMIT = 49
    titled = indexed(
        title="养老服务补贴办法", body="<p>补贴。</p>", published_at=timezone.now() - dt.timedelta(days=400)
    )
    for n in range(60):
        indexed(
            title=f"第{n}号工作通知",
            body="<p>做好居家养老工作。</p>",
            published_at=timezone.now() - dt.timedelta(days=n + 1),
        )
    return titled


def test_a_huge_match_is_labelled_as_an_estimate(citizen, many_matches):
    response = citizen.get(URL, {"q": "养老"})

    page = response.content.decode()
    result = response.context["result"]
    assert result.estimated
    assert result.total % backends.SAMPLE_EVERY == 0 and result.total >= 50
    assert f"找到约 <strong>{result.total}</strong> 条结果" in page
    assert "结果很多，各项数量为估算值。" in page


@pytest.mark.parametrize("walk_limit", [backends.WALK_LIMIT, 5])  # walked, or sorted for deep pages
def test_a_huge_match_lists_title_matches_first_then_the_newest(citizen, many_matches, monkeypatch, walk_limit):
    monkeypatch.setattr(backends.base, "WALK_LIMIT", walk_limit)  # read by the shared walk
    first = citizen.get(URL, {"q": "养老"}).context["result"]
    second = citizen.get(URL, {"q": "养老", "page": 2}).context["result"]
    titles = [hit.entry.title for hit in first.hits + second.hits]

    assert first.estimated
    assert titles[0] == "养老服务补贴办法"
    assert titles[1:] == [f"第{n}号工作通知" for n in range(39)]
