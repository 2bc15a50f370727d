"""Publication, withdrawal and edits after publication show on every public
surface (pages, feeds, API, sitemap, search) within one request."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from documents import services
from documents.sitemaps import page_of
from factories import make_draft

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit search syncing really runs

TITLE = "关于开展社区睦邻点建设的通知"


def surfaces(document) -> dict[str, str]:
    client = Client()
    urls = {
        "home": reverse("documents:home"),
        "list": reverse("documents:list"),
        "rss": reverse("documents:feed_rss"),
        "atom": reverse("documents:feed_atom"),
        "api": "/api/documents/",
        "sitemap": f"/sitemap-documents.xml?p={page_of(document.pk)}",
        "search": "/search/?q=睦邻点",
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    pages["search"] = re.sub(r"<[^>]+>", "", pages["search"])  # matches are highlighted with <mark>
    detail = client.get(reverse("documents:detail", args=[document.pk]))
    pages["detail"] = detail.content.decode() if detail.status_code == 200 else ""
    return pages


def shown_on(document, text: str) -> set[str]:
    return {name for name, page in surfaces(document).items() if text in page}


ALL = {"home", "list", "rss", "atom", "api", "search", "detail"}


def test_publish_edit_and_withdraw_show_everywhere_at_once(organisation, drafter, reviewer, signer):
    document = make_draft(organisation, drafter, title=TITLE, body="<p>各居委会要建成睦邻点。</p>")
    assert shown_on(document, TITLE) == set()

    services.document_submit(document=document, user=drafter)
    services.document_approve_review(document=document, user=reviewer)
    services.document_sign(document=document, user=signer)
    assert shown_on(document, TITLE) == ALL
    assert f"/documents/{document.pk}/" in surfaces(document)["sitemap"]

    document.title = "关于开展社区睦邻点建设的通知（更正）"
    document.save()
    services.document_record_edit(document=document, user=signer, changed=["title"])
    assert shown_on(document, "（更正）") == ALL

    services.document_withdraw(document=document, user=signer, comment="重新发文")
    assert shown_on(document, TITLE) == set()
    assert f"/documents/{document.pk}/" not in surfaces(document)["sitemap"]
