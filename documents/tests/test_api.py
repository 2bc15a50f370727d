"""The read-only JSON API: /api/documents/ and its OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from documents import aggregates, services
from documents.models import DocumentType, Topic, Validity
from documents.search_sync import sync_document
from factories import (
    CatalogTagFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    TagDimensionFactory,
    make_attachment,
    make_hidden_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TODAY = dt.date(2024, 3, 1)

PUBLIC_FIELDS = {
    "id",
    "url",
    "index_number",
    "title",
    "doc_number",
    "organisation",
    "doc_type",
    "doc_type_label",
    "topic",
    "topic_label",
    "written_date",
    "published_at",
    "validity",
    "validity_label",
    "effective_date",
    "expiry_date",
    "tags",
    "summary",
    "body",
    "attachments",
    "replaces",
    "replaced_by",
}


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def housing_tag(db):
    return CatalogTagFactory(name="住房保障", slug="housing", dimension=TagDimensionFactory(name="主题", slug="topic"))


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_a_document_has_exactly_its_public_fields(citizen, housing_tag):
    document = PolicyDocumentFactory(
        published=True,
        title="徐泾镇住房保障实施办法",
        doc_number="徐府发〔2023〕32号",
        doc_type=DocumentType.NORMATIVE,
        topic=Topic.URBAN,
        summary="明确住房保障的对象。",
        body="<p>第一条</p>",
        effective_date=dt.date(2023, 7, 1),
        expiry_date=dt.date(2028, 6, 30),
        tags=[housing_tag],
        organisation=OrganisationFactory(name="徐泾镇人民政府", slug="government"),
    )
    attachment = make_attachment(document, "申请表.pdf")

    data = citizen.get(f"/api/documents/{document.pk}/").json()

    assert set(data) == PUBLIC_FIELDS
    assert data["url"] == f"http://testserver/documents/{document.pk}/"
    assert data["doc_number"] == "徐府发〔2023〕32号"
    assert data["organisation"] == {"name": "徐泾镇人民政府", "slug": "government"}
    assert (data["doc_type"], data["doc_type_label"]) == ("normative", "行政规范性文件")
    assert (data["topic"], data["topic_label"]) == ("urban", "城乡建设、环境保护")
    assert (data["validity"], data["validity_label"]) == ("valid", "有效")
    assert (data["effective_date"], data["expiry_date"]) == ("2023-07-01", "2028-06-30")
    assert data["tags"] == [{"name": "住房保障", "slug": "housing", "dimension": "主题"}]
    assert data["body"] == "<p>第一条</p>"
    assert data["attachments"] == [
        {
            "name": "申请表.pdf",
            "kind": "pdf",
            "size": attachment.size,
            "download_url": f"http://testserver/documents/{document.pk}/attachments/{attachment.pk}/",
        }
    ]


def test_it_never_shows_workflow_staff_or_disclosure_internals(citizen, drafter, reviewer, signer):
    document = PolicyDocumentFactory(
        published=True, created_by=drafter, reviewed_by=reviewer, signed_by=signer, status_comment="内部说明"
    )

    text = citizen.get(f"/api/documents/{document.pk}/").content.decode()

    for leak in ["status", "created_by", "reviewed_by", "signed_by", "drafter", "reviewer", "signer", "内部说明"]:
        assert leak not in text
    for leak in ["disclosure", "target_groups", "privacy", "finding", "scheduled"]:
        assert leak not in text


def test_validity_is_computed_from_the_dates(citizen):
    document = PolicyDocumentFactory(published=True, validity=Validity.VALID, expiry_date=dt.date(2024, 2, 29))

    data = citizen.get(f"/api/documents/{document.pk}/").json()

    assert (data["validity"], data["validity_label"]) == ("expired", "失效")


def test_old_and_new_versions_are_linked_only_when_public(citizen):
    old = PolicyDocumentFactory(published=True)
    current = PolicyDocumentFactory(published=True)
    draft_successor = PolicyDocumentFactory()
    current.replaces.add(old)
    draft_successor.replaces.add(current)

    data = citizen.get(f"/api/documents/{current.pk}/").json()

    assert data["replaces"] == [old.pk]
    assert data["replaced_by"] == []
    assert citizen.get(f"/api/documents/{old.pk}/").json()["replaced_by"] == [current.pk]


def test_the_list_is_newest_first_and_paginated(citizen):
    for days in range(1, 24):
        PolicyDocumentFactory(
            published=True,
            title=f"{days}天前",
            published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC) - dt.timedelta(days=days),
        )

    response = citizen.get("/api/documents/")

    assert response.json()["count"] == 23
    assert titles(response) == [f"{days}天前" for days in range(1, 21)]
    assert titles(citizen.get("/api/documents/?page=2")) == ["21天前", "22天前", "23天前"]


@pytest.mark.usefixtures("no_page_cache")
def test_a_deep_page_reads_its_ids_first_and_shows_the_same_documents_in_order(citizen, organisation, monkeypatch):
    from xujing_portal import paging

    for days in range(1, 24):
        PolicyDocumentFactory(
            published=True,
            title=f"{days}天前",
            published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC) - dt.timedelta(days=days % 7),  # ties on the date
            doc_type=DocumentType.NORMATIVE if days % 2 else DocumentType.NOTICE,
        )
    make_hidden_documents(organisation)
    shallow = [titles(citizen.get(f"/api/documents/?page_size=5&page={n}")) for n in (3, 4, 5)]
    shallow_filtered = titles(citizen.get("/api/documents/?page_size=3&page=3&doc_type=normative"))
    monkeypatch.setattr(paging, "DEFERRED_FROM", 5)

    with CaptureQueriesContext(connection) as queries:
        deep = [titles(citizen.get(f"/api/documents/?page_size=5&page={n}")) for n in (3, 4, 5)]
    ids_first = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "documents_policydocument"."id" AS "pk" FROM')
    ]
    assert len(ids_first) == 3  # each deep page read its ids first
    assert deep == shallow
    assert sum(len(page) for page in deep) == 13  # pages 3-5 of 23: 5 + 5 + 3, nothing hidden
    assert titles(citizen.get("/api/documents/?page_size=3&page=3&doc_type=normative")) == shallow_filtered


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=housing", ["住房文件"]),
        ("organisation=government", ["政府文件"]),
        ("doc_type=normative", ["规范性文件"]),
        ("topic=urban", ["住房文件"]),
        ("year=2021", ["2021年文件"]),
        ("validity=repealed", ["已废止文件"]),
        ("validity=expired", ["已过期文件"]),
        ("validity=valid&doc_type=normative", ["规范性文件"]),
    ],
)
def test_it_filters_like_the_list_page(citizen, housing_tag, query, expected):
    government = OrganisationFactory(name="徐泾镇人民政府", slug="government")
    PolicyDocumentFactory(published=True, title="住房文件", tags=[housing_tag], topic=Topic.URBAN)
    PolicyDocumentFactory(published=True, title="政府文件", organisation=government)
    PolicyDocumentFactory(published=True, title="规范性文件", doc_type=DocumentType.NORMATIVE)
    PolicyDocumentFactory(published=True, title="2021年文件", written_date=dt.date(2021, 5, 1))
    PolicyDocumentFactory(published=True, title="已废止文件", validity=Validity.REPEALED)
    PolicyDocumentFactory(published=True, title="已过期文件", expiry_date=dt.date(2024, 1, 31))

    response = citizen.get(f"/api/documents/?{query}")
    assert titles(response) == expected
    assert response.json()["count"] == len(expected)


def documents_counted_in_sql(captured) -> list[str]:
    return [q["sql"] for q in captured if "COUNT(" in q["sql"].upper() and "documents_policydocument" in q["sql"]]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "tag=housing",
        "organisation=government",
        "doc_type=normative&validity=valid",
        "year=2021",
        "validity=expired",
    ],
)
def test_the_count_is_exact_and_read_from_the_cached_aggregate_not_a_count_over_the_corpus(citizen, housing_tag, query):
    government = OrganisationFactory(name="徐泾镇人民政府", slug="government")
    for i in range(3):
        PolicyDocumentFactory(published=True, tags=[housing_tag], organisation=government)
        PolicyDocumentFactory(published=True, doc_type=DocumentType.NORMATIVE, written_date=dt.date(2021, 5, i + 1))
    PolicyDocumentFactory(published=True, expiry_date=dt.date(2024, 2, 29), doc_type=DocumentType.NORMATIVE)
    make_hidden_documents(government)
    listed = len(citizen.get(f"/api/documents/?{query}&page_size=100").json()["results"])
    citizen.get(f"/api/documents/?{query}")  # the aggregate is now in the cache

    with CaptureQueriesContext(connection) as captured:
        response = citizen.get(f"/api/documents/?{query}")

    assert response.json()["count"] == listed > 0
    assert documents_counted_in_sql(captured) == []


def test_a_withdrawal_or_an_expiry_at_midnight_changes_the_count_on_the_next_request(
    citizen, signer, organisation, django_capture_on_commit_callbacks
):
    kept = PolicyDocumentFactory(published=True, organisation=organisation, expiry_date=dt.date(2024, 3, 1))
    withdrawn = PolicyDocumentFactory(published=True, organisation=organisation)
    assert citizen.get("/api/documents/").json()["count"] == 2
    assert citizen.get("/api/documents/?validity=valid").json()["count"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.document_withdraw(document=withdrawn, user=signer, comment="重新发文")
    assert citizen.get("/api/documents/").json()["count"] == 1
    with time_machine.travel(dt.datetime(2024, 3, 1, 16, 1, tzinfo=dt.UTC), tick=False):  # 00:01 in Shanghai
        assert citizen.get("/api/documents/?validity=valid").json()["count"] == 0
        assert citizen.get("/api/documents/?validity=expired").json()["count"] == 1
    assert kept.pk in [row["id"] for row in citizen.get("/api/documents/").json()["results"]]


@pytest.mark.parametrize(
    "query",
    ["doc_type=poem", "topic=%E6%97%A0", "year=abc", "year=1800", "validity=maybe"],
)
def test_a_bad_filter_value_is_a_400_with_a_chinese_message(citizen, query):
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?{query}")

    assert response.status_code == 400
    [messages] = response.json().values()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in messages[0])


@pytest.mark.parametrize("query", ["tag=no-such-tag", "organisation=nowhere"])
def test_a_tag_or_organisation_no_document_has_is_an_empty_list(citizen, query):
    """Any slug is well formed (the schema says a string): no match is no rows, as for a search."""
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?{query}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("query", ["year=2023%00", "tag=" + "x" * 10_000, "page=1&year=%ZZ"])
def test_malformed_input_never_breaks_the_api(citizen, query):
    PolicyDocumentFactory(published=True)

    assert citizen.get(f"/api/documents/?{query}").status_code in {200, 400}


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "%00"])
def test_a_malformed_page_is_a_400_that_says_what_to_send(citizen, page):
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?page={page}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    [message] = response.json()["page"]
    assert "页码" in message and "page=2" in message


def test_a_page_past_the_last_is_a_404_that_says_how_many_pages_there_are(citizen):
    PolicyDocumentFactory(published=True)

    response = citizen.get("/api/documents/?page=1000000000")

    assert response.status_code == 404
    assert response.json() == {"detail": "没有第 1000000000 页：共 1 页。请把 page 改为 1 到 1 之间的页码。"}


def test_page_size_sets_the_page_length_and_the_next_link_keeps_it(citizen):
    for days in range(1, 8):
        PolicyDocumentFactory(
            published=True,
            title=f"{days}天前",
            published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC) - dt.timedelta(days=days),
        )

    data = citizen.get("/api/documents/?page_size=3").json()

    assert [row["title"] for row in data["results"]] == ["1天前", "2天前", "3天前"]
    assert data["count"] == 7
    assert data["next"] == "http://testserver/api/documents/?page=2&page_size=3"
    following = citizen.get(data["next"]).json()
    assert [row["title"] for row in following["results"]] == ["4天前", "5天前", "6天前"]


def test_page_size_may_be_as_large_as_100(citizen):
    PolicyDocumentFactory.create_batch(25, published=True)

    assert len(citizen.get("/api/documents/?page_size=100").json()["results"]) == 25


@pytest.mark.parametrize("value", ["0", "101", "abc", "-5", "%00"])
def test_a_bad_page_size_is_a_400_with_the_allowed_range(citizen, value):
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?page_size={value}")

    assert response.status_code == 400
    [message] = response.json()["page_size"]
    assert "1 到 100 之间的整数" in message


@pytest.mark.parametrize("path", ["/api/interpretations/", "/api/decisions/", "/api/faqs/", "/api/consultations/"])
def test_every_list_endpoint_takes_page_size_and_checks_it(citizen, path):
    assert citizen.get(f"{path}?page_size=5").status_code == 200
    response = citizen.get(f"{path}?page_size=500")
    assert response.status_code == 400
    assert "page_size" in response.json()


@pytest.mark.parametrize("path", ["/api/documents/999999/", "/api/documents/abc/"])
def test_an_unknown_document_is_a_json_404_in_chinese(citizen, path):
    response = citizen.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("未找到：该条目不存在或尚未公开。")


@pytest.mark.parametrize("path", ["/api/interpretations/999999/", "/api/decisions/999999/", "/api/faqs/999999/"])
def test_every_endpoint_says_not_found_in_chinese(citizen, path):
    response = citizen.get(path)

    assert response.status_code == 404
    assert "未找到" in response.json()["detail"]


def test_a_draft_is_a_404_like_a_missing_document(citizen):
    draft = PolicyDocumentFactory()

    response = citizen.get(f"/api/documents/{draft.pk}/")

    assert response.status_code == 404
    assert response.json()["detail"].startswith("未找到")


@pytest.mark.parametrize("path", ["/api/nothing/", "/api/documents/1/extra/", "/api/v2/documents/"])
def test_an_unknown_api_address_is_a_json_404_pointing_to_the_schema(citizen, path):
    response = citizen.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "/api/schema/" in response.json()["detail"]


# --- search ----------------------------------------------------------------------------------


@pytest.fixture
def indexed(db):
    def make(**kwargs):
        document = PolicyDocumentFactory(published=True, **kwargs)
        sync_document(document.pk)
        return document

    return make


def test_a_search_is_counted_over_its_matches_not_the_aggregate(citizen, indexed):
    indexed(title="徐泾镇居家养老服务实施办法")
    indexed(title="老年人助餐管理办法", body="<p>居家养老的配套。</p>")
    indexed(title="关于河长制的通知")

    assert citizen.get("/api/documents/?search=居家养老").json()["count"] == 2
    assert citizen.get("/api/documents/?search=居家养老&topic=urban").json()["count"] == 0


def test_search_finds_documents_by_their_words(citizen, indexed):
    indexed(title="徐泾镇居家养老服务实施办法", body="<p>为老年人提供上门服务。</p>")
    indexed(title="关于河长制的通知", body="<p>巡河制度。</p>")
    indexed(title="老年人助餐管理办法", body="<p>长者食堂和居家养老的配套。</p>")

    assert sorted(titles(citizen.get("/api/documents/?search=居家养老"))) == [
        "徐泾镇居家养老服务实施办法",
        "老年人助餐管理办法",
    ]


def test_search_combines_with_the_filters_and_never_shows_a_hidden_document(citizen, indexed):
    indexed(title="养老补贴办法", doc_type=DocumentType.NORMATIVE)
    indexed(title="养老服务通知", doc_type=DocumentType.NOTICE)
    draft = PolicyDocumentFactory(title="养老草稿")
    sync_document(draft.pk)

    assert titles(citizen.get("/api/documents/?search=养老&doc_type=normative")) == ["养老补贴办法"]
    assert "养老草稿" not in titles(citizen.get("/api/documents/?search=养老"))


def test_search_with_a_document_number_puts_that_document_first(citizen, indexed):
    indexed(
        title="徐泾镇2023年政务公开工作要点",
        doc_number="徐府发〔2023〕32号",
        published_at=dt.datetime(2023, 6, 6, tzinfo=dt.UTC),
    )
    indexed(
        title="关于落实政务公开工作要点的通知",
        body="<p>根据徐府发〔2023〕32号的要求。</p>",
        doc_number="徐府办〔2024〕2号",
    )

    response = citizen.get("/api/documents/?search=关于徐府发（2023）32号的要求")

    assert titles(response)[0] == "徐泾镇2023年政务公开工作要点"


def test_search_works_on_the_other_endpoints(citizen, indexed):
    from factories import InterpretationFactory
    from interpretations import search_sync

    policy = indexed(title="养老服务补贴办法")
    for title in ["图解：养老服务补贴", "问答：河道保洁"]:
        interpretation = InterpretationFactory(published=True, document=policy, title=title)
        search_sync.sync_interpretation(interpretation)

    response = citizen.get("/api/interpretations/?search=养老服务")

    assert [row["title"] for row in response.json()["results"]] == ["图解：养老服务补贴"]


@pytest.mark.parametrize("value", ["。。", "%00", "!!!"])
def test_a_search_without_searchable_characters_finds_nothing(citizen, indexed, value):
    indexed(title="养老服务补贴办法")

    response = citizen.get(f"/api/documents/?search={value}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_the_api_is_read_only(citizen):
    document = PolicyDocumentFactory(published=True, title="原标题")

    assert citizen.post("/api/documents/", {"title": "新"}).status_code == 405
    assert citizen.delete(f"/api/documents/{document.pk}/").status_code == 405
    document.refresh_from_db()
    assert document.title == "原标题"


@pytest.mark.usefixtures("no_page_cache")
def test_the_list_runs_the_same_queries_whatever_its_size(citizen, housing_tag, django_capture_on_commit_callbacks):
    def add_documents(count: int) -> None:
        previous = PolicyDocumentFactory(published=True, tags=[housing_tag])
        for i in range(count):
            document = PolicyDocumentFactory(published=True, tags=[housing_tag, CatalogTagFactory()])
            make_attachment(document, f"附件{i}.pdf")
            make_attachment(document, f"附表{i}.pdf")
            document.replaces.add(previous)
            previous = document

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert citizen.get("/api/documents/?tag=housing").status_code == 200
        return len(captured)

    def publish(count: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            add_documents(count)
            aggregates.changed()  # as the publishing service does: the count is recomputed once

    publish(1)
    small = queries_for_list()
    publish(18)

    assert queries_for_list() == small <= 11


def test_the_openapi_schema_describes_the_documents_api(citizen):
    response = citizen.get("/api/schema/")

    assert response.status_code == 200
    assert "/api/documents/" in response.content.decode()
    assert "/api/documents/{id}/" in response.content.decode()


def test_the_schema_is_valid_openapi_and_documents_page_size_and_search(citizen):
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    for path in ["/api/documents/", "/api/interpretations/", "/api/decisions/", "/api/faqs/", "/api/consultations/"]:
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
        assert "search" in parameters, path
    detail = {p["name"] for p in schema["paths"]["/api/documents/{id}/"]["get"]["parameters"]}
    assert "search" not in detail and "page_size" not in detail


def test_the_schema_of_the_documents_api_generates_without_warnings():
    GENERATOR_STATS.reset()
    GENERATOR_STATS.silent = True
    try:
        SchemaGenerator().get_schema(request=None, public=True)
        problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    finally:
        GENERATOR_STATS.silent = False

    ours = [p for p in problems if "PolicyDocument" in p or "documents/" in p]
    assert ours == []
