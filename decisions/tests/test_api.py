"""/api/decisions/: public decisions only, counts but no opinions, and a clean schema."""

from __future__ import annotations

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from decisions.models import Stage
from factories import CatalogueFactory, DecisionFactory, OpinionFactory, put_in_stage

pytestmark = pytest.mark.django_db


def test_the_api_lists_public_decisions_with_their_timeline(citizen, drafter):
    decision = DecisionFactory(title="加装电梯补贴办法", concerns_enterprises=True)
    put_in_stage(decision, Stage.DRAFTING, drafter)
    OpinionFactory(decision=decision, body="一条只给工作人员看的意见原文", contact_email="x@example.com")
    DecisionFactory(catalogue=CatalogueFactory(year=2030, published_at=None), title="未公布目录中的事项")
    data = citizen.get("/api/decisions/").json()
    assert data["count"] == 1
    (item,) = data["results"]
    assert (item["title"], item["stage_label"], item["concerns_enterprises"]) == ("加装电梯补贴办法", "起草", True)
    assert [step["stage_label"] for step in item["timeline"]] == ["起草"]
    assert item["opinion_count"] == 1
    text = citizen.get("/api/decisions/").content.decode()
    assert "只给工作人员看的意见原文" not in text and "x@example.com" not in text


def test_a_decision_of_an_unpublished_catalogue_is_404_in_the_api(citizen):
    hidden = DecisionFactory(catalogue=CatalogueFactory(year=2030, published_at=None))
    assert citizen.get(f"/api/decisions/{hidden.pk}/").status_code == 404


def test_the_api_is_read_only(citizen):
    decision = DecisionFactory()
    assert citizen.post("/api/decisions/", {"title": "x"}).status_code == 405
    assert citizen.delete(f"/api/decisions/{decision.pk}/").status_code == 405


def test_the_schema_of_the_decisions_api_generates_without_warnings():
    GENERATOR_STATS.reset()
    GENERATOR_STATS.silent = True
    try:
        schema = SchemaGenerator().get_schema(request=None, public=True)
        problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    finally:
        GENERATOR_STATS.silent = False
    assert "/api/decisions/{id}/" in schema["paths"]
    assert [p for p in problems if "Decision" in p or "decisions" in p] == []
