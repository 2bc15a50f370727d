"""Detail pages and feeds answer a repeated request with 304 Not Modified while nothing a
visitor would see changed, and with the new page as soon as it did; pages are gzipped
for clients that accept it (attachments are not)."""

from __future__ import annotations

import gzip

import pytest

from documents import services
from factories import CatalogTagFactory, PolicyDocumentFactory, make_attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(organisation):
    return PolicyDocumentFactory(
        published=True, organisation=organisation, title="养老服务补贴办法", tags=[CatalogTagFactory(slug="elderly")]
    )


@pytest.mark.parametrize("address", ["detail", "/feeds/latest.rss", "/feeds/tags/elderly.atom"])
def test_a_repeated_request_is_answered_304_until_the_document_changes(citizen, document, signer, address):
    url = document.get_absolute_url() if address == "detail" else address
    first = citizen.get(url)
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]
    etag = first["ETag"]

    again = citizen.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    document.title = "养老服务补贴办法（修订）"
    document.save()
    services.document_record_edit(document=document, user=signer, changed=["title"])

    changed = citizen.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "养老服务补贴办法（修订）" in changed.content.decode()
    assert changed["ETag"] != etag


def test_a_withdrawn_document_is_not_answered_304(citizen, document, signer):
    etag = citizen.get(document.get_absolute_url())["ETag"]

    services.document_withdraw(document=document, user=signer, comment="内容有误，撤回")

    assert citizen.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_pages_are_gzipped_for_clients_that_accept_it(citizen, document):
    response = citizen.get("/documents/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "养老服务补贴办法" in gzip.decompress(response.content).decode()


@pytest.mark.usefixtures("media_root")
def test_attachments_and_the_api_are_not_gzipped(citizen, document):
    attachment = make_attachment(document, "细则.pdf")

    download = citizen.get(f"/documents/{document.pk}/attachments/{attachment.pk}/", HTTP_ACCEPT_ENCODING="gzip")
    api = citizen.get("/api/documents/", HTTP_ACCEPT_ENCODING="gzip")

    assert download.status_code == 200 and not download.has_header("Content-Encoding")
    assert api.status_code == 200 and not api.has_header("Content-Encoding")
