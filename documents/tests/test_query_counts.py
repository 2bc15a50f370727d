"""The home, list and detail pages run a bounded number of SQL queries,
whatever the number of documents, tags and attachments they show."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from documents import aggregates
from documents.models import DocumentType
from factories import (
    CatalogTagFactory,
    CatalogueItemFactory,
    PolicyDocumentFactory,
    TagDimensionFactory,
    client_for,
    make_attachment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

MAX_QUERIES = 10


@pytest.fixture
def big_library(organisation, other_organisation):
    """30 documents, each with 4 tags from 3 dimensions and 3 attachments."""
    dimensions = [
        TagDimensionFactory(name=n, slug=s) for n, s in [("主题", "topic"), ("对象", "audience"), ("行业", "industry")]
    ]
    tags = [CatalogTagFactory(name=f"标签{i}", slug=f"tag-{i}", dimension=dimensions[i % 3]) for i in range(9)]
    items = [CatalogueItemFactory(code=f"0{i}", name=f"目录{i}") for i in range(1, 4)]
    documents = []
    for i in range(30):
        document = PolicyDocumentFactory(
            published=True,
            organisation=organisation if i % 2 else other_organisation,
            doc_type=DocumentType.NORMATIVE if i % 3 == 0 else DocumentType.NOTICE,
            catalogue_item=items[i % 3],
            tags=[tags[(i + k) % 9] for k in range(4)],
        )
        for k in range(3):
            make_attachment(document, f"附件{k}.pdf")
        documents.append(document)
    for older, newer in zip(documents, documents[1:5], strict=False):
        newer.replaces.add(older)
    # The public counts are computed once per change and day (three queries, counted in
    # test_public_counts), not by each request.
    aggregates.get()
    return documents


def test_the_home_page(citizen, big_library, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = citizen.get("/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "?tag=tag-1", "?tag=tag-1&organisation=office&doc_type=notice&topic=general&year=2023&validity=valid&page=1"],
)
def test_the_list_page(citizen, big_library, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = citizen.get(f"/documents/{query}")
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) > 0


def test_the_list_page_for_a_signed_in_user(enterprise_user, big_library, django_assert_max_num_queries):
    enterprise_user.save()
    enterprise_user.groups.add(Group.objects.create(name="园区企业"))
    client = client_for(enterprise_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/documents/?tag=tag-2")
    assert response.status_code == 200


def test_the_detail_page(citizen, big_library, django_assert_max_num_queries):
    document = big_library[2]  # replaces one document and is replaced by another
    with django_assert_max_num_queries(MAX_QUERIES):
        response = citizen.get(document.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["attachments"]) == 3
    assert len(response.context["tags"]) == 4
    assert response.context["older"] and response.context["newer"]


def test_the_normative_page(citizen, big_library, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert citizen.get("/documents/normative/").status_code == 200


def test_the_catalogue_pages(citizen, big_library, organisation, django_assert_max_num_queries):
    for path in ["/catalogue/", "/catalogue/items/01/", f"/organisations/{organisation.slug}/"]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert citizen.get(path).status_code == 200
