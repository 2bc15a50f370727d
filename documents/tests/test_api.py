"""The read-only JSON API: /api/documents/ and its OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from documents.models import DocumentType, Topic, Validity
from documents.tests.factories import (
    CatalogTagFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    TagDimensionFactory,
)
from documents.tests.public_pages import make_attachment

pytestmark = pytest.mark.django_db

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


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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

    assert titles(citizen.get(f"/api/documents/?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["tag=no-such-tag", "organisation=nowhere", "doc_type=poem", "topic=%E6%97%A0", "year=abc", "validity=maybe"],
)
def test_a_bad_filter_value_is_a_400_with_a_chinese_message(citizen, query):
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?{query}")

    assert response.status_code == 400
    [messages] = response.json().values()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in messages[0])


@pytest.mark.parametrize("query", ["year=2023%00", "tag=" + "x" * 10_000, "page=1&year=%ZZ"])
def test_malformed_input_never_breaks_the_api(citizen, query):
    PolicyDocumentFactory(published=True)

    assert citizen.get(f"/api/documents/?{query}").status_code in {200, 400}


@pytest.mark.parametrize("page", ["abc", "-1", "1000000000"])
def test_a_bad_page_is_a_json_404(citizen, page):
    PolicyDocumentFactory(published=True)

    response = citizen.get(f"/api/documents/?page={page}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "无效页面。"}


@pytest.mark.parametrize("path", ["/api/documents/999999/", "/api/documents/abc/"])
def test_an_unknown_document_is_a_json_404(citizen, path):
    response = citizen.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_api_is_read_only(citizen):
    document = PolicyDocumentFactory(published=True, title="原标题")

    assert citizen.post("/api/documents/", {"title": "新"}).status_code == 405
    assert citizen.delete(f"/api/documents/{document.pk}/").status_code == 405
    document.refresh_from_db()
    assert document.title == "原标题"


def test_the_list_runs_the_same_queries_whatever_its_size(citizen, housing_tag):
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

    add_documents(1)
    small = queries_for_list()
    add_documents(18)

    assert queries_for_list() == small <= 8


def test_the_openapi_schema_describes_the_documents_api(citizen):
    response = citizen.get("/api/schema/")

    assert response.status_code == 200
    assert "/api/documents/" in response.content.decode()
    assert "/api/documents/{id}/" in response.content.decode()


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
