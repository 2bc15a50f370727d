"""While the applicant describes what they want, documents already disclosed that match it
are offered ("您要找的信息可能已经公开"), as JSON and on the no-JavaScript "查找" button."""

from __future__ import annotations

import pytest

from applications.models import Application
from documents.search_sync import sync_document
from factories import PolicyDocumentFactory

from .online import (
    URL,
    citizen_data,
    relaxed_guards,  # noqa: F401 (autouse)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    document = PolicyDocumentFactory(published=True, title="徐泾镇道路养护管理办法")
    sync_document(document.pk)
    return document


def test_the_json_lists_matching_public_documents(citizen, published):
    response = citizen.get("/applications/new/disclosed.json", {"q": "道路养护"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["title"] for r in results] == ["徐泾镇道路养护管理办法"]
    assert results[0]["url"] == published.get_absolute_url()


@pytest.mark.parametrize("q", ["", "x", "\x00" * 3, "路" * 5000])
def test_odd_queries_answer_an_empty_or_short_list(citizen, q):
    response = citizen.get("/applications/new/disclosed.json", {"q": q})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 5


def test_the_find_button_lists_them_without_javascript_and_applies_nothing(citizen, published):
    response = citizen.post(URL, {**citizen_data(description="道路养护"), "find": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "您要找的信息可能已经公开" in page and published.get_absolute_url() in page
    assert "道路养护" in page and "欧阳秘密" in page  # what was typed is kept
    assert not Application.objects.exists()
