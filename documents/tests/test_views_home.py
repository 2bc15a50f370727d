from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from documents.models import DocumentType, Validity
from factories import CatalogTagFactory, PolicyDocumentFactory, TagDimensionFactory, make_hidden_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_documents(organisation):
    return make_hidden_documents(organisation)


def test_it_shows_the_latest_public_policies(citizen, organisation):
    PolicyDocumentFactory(published=True, title="关于开展政务公开月活动的通知", organisation=organisation)

    response = citizen.get("/")

    assert response.status_code == 200
    assert "关于开展政务公开月活动的通知" in response.content.decode()


def test_it_lists_currently_valid_normative_documents_only(citizen, organisation):
    today = timezone.localdate()
    PolicyDocumentFactory(
        published=True, title="现行有效的规范性文件甲", organisation=organisation, doc_type=DocumentType.NORMATIVE
    )
    PolicyDocumentFactory(
        published=True,
        title="已过期的规范性文件乙",
        organisation=organisation,
        doc_type=DocumentType.NORMATIVE,
        expiry_date=today - dt.timedelta(days=1),
    )

    response = citizen.get("/")

    normative = response.context["normative"]
    assert [d.title for d in normative] == ["现行有效的规范性文件甲"]


def test_it_shows_the_tag_catalogue_by_dimension_with_counts(citizen, organisation):
    audience = TagDimensionFactory(name="对象", slug="audience")
    enterprises = CatalogTagFactory(name="企业", slug="enterprises", dimension=audience)
    PolicyDocumentFactory.create_batch(2, published=True, organisation=organisation, tags=[enterprises])
    PolicyDocumentFactory(organisation=organisation, tags=[enterprises])  # a draft does not count

    response = citizen.get("/")

    assert response.context["tag_groups"] == [("对象", [enterprises])]
    assert response.context["tag_groups"][0][1][0].document_count == 2
    assert 'href="/documents/?tag=enterprises"' in response.content.decode()


def test_it_offers_a_labelled_search_box(citizen):
    html = citizen.get("/").content.decode()

    assert 'action="/search/"' in html
    assert '<label for="home-search-q">' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html


def test_it_never_shows_hidden_documents(citizen, hidden_documents):
    html = citizen.get("/").content.decode()

    for document in hidden_documents:
        assert document.title not in html


def test_it_has_share_friendly_metadata_and_no_inline_code(citizen):
    html = citizen.get("/").content.decode()

    assert '<meta name="viewport"' in html
    assert '<meta property="og:title"' in html
    assert '<link rel="canonical"' in html
    assert 'type="application/rss+xml"' in html
    assert 'href="#main"' in html
    assert "style=" not in html
    assert "<script>" not in html


@time_machine.travel(dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False)
def test_it_marks_an_expired_document_on_the_home_page(citizen, organisation):
    PolicyDocumentFactory(
        published=True,
        organisation=organisation,
        validity=Validity.VALID,
        expiry_date=dt.date(2025, 2, 28),
    )

    html = citizen.get("/").content.decode()

    assert "badge--expired" in html
