"""No document a citizen may not see leaks through feeds, sitemap, API or pages,
and publication and withdrawal show everywhere on the very next request."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from documents import services
from documents.models import DisclosureAttribute, DisclosureScope, NonDisclosureReason, PolicyDocument, Status
from documents.sitemaps import page_of
from factories import CatalogTagFactory, PolicyDocumentFactory, client_for

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
PUBLIC_ADDRESSES = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/tags/housing.rss",
    "/feeds/tags/housing.atom",
    "/sitemap-documents.xml",
    "/api/documents/",
    "/api/documents/?tag=housing",
    "/",
    "/documents/",
    "/documents/?tag=housing",
]


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def housing_tag(db):
    return CatalogTagFactory(name="住房保障", slug="housing")


@pytest.fixture
def hidden_documents(housing_tag) -> dict[str, PolicyDocument]:
    """One document for every reason it must stay out of sight, all tagged 住房保障."""
    yesterday = timezone.now() - dt.timedelta(days=1)
    residents = Group.objects.create(name="前明村村民")
    documents = {
        "draft": PolicyDocumentFactory(status=Status.DRAFT),
        "pending_review": PolicyDocumentFactory(status=Status.PENDING_REVIEW),
        "pending_signoff": PolicyDocumentFactory(status=Status.PENDING_SIGNOFF),
        "withdrawn": PolicyDocumentFactory(status=Status.WITHDRAWN, published_at=yesterday),
        "targeted": PolicyDocumentFactory(published=True, disclosure_scope=DisclosureScope.TARGETED),
        "scheduled": PolicyDocumentFactory(
            status=Status.PUBLISHED,
            published_at=timezone.now() + dt.timedelta(hours=2),
            scheduled_publish_at=timezone.now() + dt.timedelta(hours=2),
        ),
        "on_request": PolicyDocumentFactory(published=True, disclosure_attribute=DisclosureAttribute.ON_REQUEST),
        "not_disclosed": PolicyDocumentFactory(
            published=True,
            disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
            non_disclosure_reason=NonDisclosureReason.INTERNAL,
        ),
    }
    documents["targeted"].target_groups.add(residents)
    for reason, document in documents.items():
        document.title = f"不应公开的文件：{reason}"
        document.save(update_fields=["title"])
        document.tags.add(housing_tag)
    return documents


@pytest.fixture
def public_document(housing_tag) -> PolicyDocument:
    return PolicyDocumentFactory(published=True, title="已公开的住房保障文件", tags=[housing_tag])


def leaks(client, document: PolicyDocument) -> list[str]:
    """The public addresses that mention the document, by title or by address."""
    found = []
    for address in PUBLIC_ADDRESSES:
        # The documents' sitemap is paged by ids: read the page that would list this one.
        url = f"{address}?p={page_of(document.pk)}" if address == "/sitemap-documents.xml" else address
        response = client.get(url)
        if address == "/sitemap-documents.xml" and response.status_code == 404:
            continue  # a page past the highest public id does not exist: it lists nothing
        assert response.status_code == 200, address
        text = response.content.decode()
        if document.title in text or f"/documents/{document.pk}/" in text:
            found.append(address)
    return found


def test_the_control_document_is_everywhere(citizen, public_document):
    assert leaks(citizen, public_document) == PUBLIC_ADDRESSES


@pytest.mark.parametrize(
    "reason",
    ["draft", "pending_review", "pending_signoff", "withdrawn", "targeted", "scheduled", "on_request", "not_disclosed"],
)
def test_a_hidden_document_appears_nowhere(citizen, hidden_documents, public_document, reason):
    document = hidden_documents[reason]

    assert leaks(citizen, document) == []
    assert citizen.get(f"/api/documents/{document.pk}/").status_code == 404


def test_a_targeted_document_stays_out_of_the_api_even_for_its_audience(enterprise_user, hidden_documents):
    document = hidden_documents["targeted"]
    enterprise_user.groups.add(*document.target_groups.all())

    assert client_for(enterprise_user).get(f"/api/documents/{document.pk}/").status_code == 404


def test_publication_shows_on_the_next_request(citizen, hidden_documents, public_document, organisation, signer):
    document = hidden_documents["pending_signoff"]
    document.organisation = document.issuing_organisation = organisation  # the signer's
    document.save(update_fields=["organisation", "issuing_organisation"])
    assert leaks(citizen, document) == []
    assert leaks(citizen, document) == []  # the pages are now cached

    services.document_sign(document=document, user=signer)

    assert leaks(citizen, document) == PUBLIC_ADDRESSES
    assert citizen.get(f"/api/documents/{document.pk}/").status_code == 200


def test_withdrawal_shows_on_the_next_request(citizen, public_document, organisation, signer):
    public_document.organisation = organisation  # the signer's
    public_document.save(update_fields=["organisation"])
    assert leaks(citizen, public_document) == PUBLIC_ADDRESSES
    assert leaks(citizen, public_document) == PUBLIC_ADDRESSES  # the pages are now cached

    services.document_withdraw(document=public_document, user=signer, comment="内容有误，撤回")

    assert leaks(citizen, public_document) == []
    assert citizen.get(f"/api/documents/{public_document.pk}/").status_code == 404


def test_a_scheduled_document_appears_once_its_time_has_come(citizen, hidden_documents, frozen_time):
    document = hidden_documents["scheduled"]

    frozen_time.move_to(NOW + dt.timedelta(hours=2, minutes=1))

    assert leaks(citizen, document) == PUBLIC_ADDRESSES
