"""Malformed input gets the normal page with a Chinese message or a 4xx, never a 500.

Run on SQLite and PostgreSQL: PostgreSQL rejects NUL bytes in strings and
integers beyond bigint, SQLite beyond int64.
"""

from __future__ import annotations

import pytest

from factories import CatalogTagFactory, CatalogueItemFactory, PolicyDocumentFactory

pytestmark = pytest.mark.django_db

LONG = "徐" * 10_000


@pytest.fixture(autouse=True)
def some_documents(organisation):
    tag = CatalogTagFactory(name="企业", slug="enterprise")
    item = CatalogueItemFactory(code="0101", name="政策文件")
    PolicyDocumentFactory.create_batch(3, published=True, organisation=organisation, tags=[tag], catalogue_item=item)


@pytest.fixture
def client(citizen):
    citizen.raise_request_exception = False
    return citizen


BAD_LIST_QUERIES = [
    "tag=nonexistent",
    "organisation=nobody",
    "doc_type=secret",
    "topic=weather",
    "year=abc",
    "year=-1",
    "year=99999999999999999999999",
    "year=2023.5",
    "validity=foo",
    "page=abc",
    "page=-1",
    "page=0",
    "page=1000000000",
    "page=" + "9" * 5000,
    "tag=" + "a" * 10_000,
    "q=" + LONG,
    "tag=%00",
    "tag=enterprise%00",
    "organisation=%00office",
    "year=20%0023",
    "page=%00",
    "validity=%00",
    "%00=%00",
    "tag=%E4%B8",
    "tag=%ZZ%",
    "year=%E4%B8",
    "tag=enterprise&tag=other",
    "tag[]=enterprise",
    "doc_type=normative&doc_type=" + "x" * 300,
]


@pytest.mark.parametrize("query", BAD_LIST_QUERIES)
def test_the_list_survives_malformed_filters(client, query):
    response = client.get(f"/documents/?{query}")

    assert response.status_code in {200, 400}
    assert "徐泾镇政务公开" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("tag=nonexistent", "筛选条件“标签”的值“nonexistent”无效或不存在"),
        ("year=abc", "筛选条件“成文年份”的值“abc”无效或不存在"),
        ("validity=foo", "筛选条件“有效性”的值“foo”无效或不存在"),
        ("page=abc", "页码“abc”无效，已为您显示第 1 页"),
        ("page=-1", "页码“-1”无效，已为您显示第 1 页"),
        ("page=1000000000", "没有第 1000000000 页，已为您显示最后一页"),
    ],
)
def test_it_explains_what_it_ignored_in_chinese(client, query, message):
    response = client.get(f"/documents/?{query}")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 3


def test_a_nul_byte_is_stripped_not_sent_to_the_database(client):
    response = client.get("/documents/?tag=enter%00prise")

    assert response.status_code == 200
    assert response.context["total"] == 3
    assert [f["label"] for f in response.context["active_filters"]] == ["企业"]


def test_a_long_value_is_shortened_in_the_message(client):
    html = client.get("/documents/?tag=" + "a" * 10_000).content.decode()

    assert "a" * 31 not in html
    assert "无效或不存在" in html


def test_junk_parameters_are_dropped_from_the_links(client):
    html = client.get("/documents/?tag=enterprise&utm=%00junk&year=abc").content.decode()

    assert "junk" not in html
    assert "year=abc" not in html


def test_too_many_parameters_get_a_chinese_413_saying_what_to_do(client):
    query = "&".join(f"f{i}=1" for i in range(1500))

    response = client.get(f"/documents/?{query}")

    assert response.status_code == 413
    assert "提交的内容太多或太大" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/documents/normative/?page=abc",
        "/documents/normative/?page=1000000000",
        "/documents/normative/?page=%00",
        "/catalogue/?page=%E4%B8",
        "/catalogue/items/0101/?page=-1",
        "/catalogue/items/%00/",
        "/catalogue/items/%E4%B8/",
        "/catalogue/items/" + "x" * 5000 + "/",
        "/organisations/office/?page=abc",
        "/organisations/%00/",
        "/documents/99999999999999999999999/",
        "/documents/9223372036854775808/",
        "/documents/1/attachments/99999999999999999999999/",
        "/documents/%00/",
        "/documents/abc/",
        "/?q=%00&page=%E4%B8",
    ],
)
def test_other_pages_survive_malformed_input(client, path):
    response = client.get(path)

    assert response.status_code in {200, 400, 404}


def test_a_page_number_past_the_end_shows_the_last_page(client):
    response = client.get("/catalogue/items/0101/?page=99")

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "已为您显示最后一页" in response.content.decode()


def test_a_post_to_a_public_page_is_refused(client):
    assert client.post("/documents/").status_code == 405
