"""The RSS/Atom feeds and the read-only API show published interpretations only,
and nothing a reader of the public page could not see."""

from __future__ import annotations

import pytest

from factories import InterpretationFactory, PolicyDocumentFactory, UserFactory
from interpretations.models import Form, QuestionAnswer, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    policy = PolicyDocumentFactory(published=True, title="创业带动就业补贴实施办法")
    drafter = UserFactory(username="drafter-x", email="drafter@example.com")
    public = InterpretationFactory(
        document=policy, published=True, title="补贴办法问答", form=Form.QA, created_by=drafter
    )
    QuestionAnswer.objects.create(
        interpretation=public, question="多久能拿到补贴？", answer="审核通过后 10 个工作日内。"
    )
    InterpretationFactory(document=policy, title="起草中的解读")
    InterpretationFactory(document=policy, title="已撤回的解读", status=Status.WITHDRAWN)
    return public


@pytest.mark.parametrize("url", ["/interpretations/feeds/latest.rss", "/interpretations/feeds/latest.atom"])
def test_the_feeds_carry_published_interpretations_only(citizen, items, url):
    response = citizen.get(url)

    assert response.status_code == 200
    text = response.content.decode()
    assert "补贴办法问答" in text and "创业带动就业补贴实施办法" in text
    assert "起草中的解读" not in text and "已撤回的解读" not in text


def test_the_api_lists_published_interpretations_with_their_policy(citizen, items):
    data = citizen.get("/api/interpretations/").json()

    assert [row["title"] for row in data["results"]] == ["补贴办法问答"]
    row = data["results"][0]
    assert row["document"]["title"] == "创业带动就业补贴实施办法"
    assert row["questions"] == [{"question": "多久能拿到补贴？", "answer": "审核通过后 10 个工作日内。"}]
    assert {s["label"] for s in row["sections"]} == {"办事指引"}
    for private in ("status", "created_by", "signed_by", "withdrawal_reason"):
        assert private not in row
    assert "drafter@example.com" not in str(data)


def test_the_api_filters_by_form(citizen, items):
    assert citizen.get("/api/interpretations/?form=qa").json()["count"] == 1
    assert citizen.get("/api/interpretations/?form=video").json()["count"] == 0


def test_the_api_does_not_reveal_a_draft(citizen, items):
    draft = items.document.interpretations.get(title="起草中的解读")

    assert citizen.get(f"/api/interpretations/{draft.pk}/").status_code == 404
    assert citizen.get(f"/api/interpretations/{items.pk}/").status_code == 200


def test_the_api_schema_describes_the_interpretations_endpoint(citizen):
    response = citizen.get("/api/schema/")

    assert response.status_code == 200
    assert "/api/interpretations/" in response.content.decode()


def test_the_sitemap_lists_published_interpretations_only(citizen, items):
    text = citizen.get("/sitemap-interpretations.xml").content.decode()

    assert f"/interpretations/{items.pk}/" in text
    for hidden in items.document.interpretations.exclude(pk=items.pk):
        assert f"/interpretations/{hidden.pk}/" not in text
