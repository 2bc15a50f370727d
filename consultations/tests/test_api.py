"""The FAQ knowledge base export: /api/faqs/ (filters, schema) and the CSV download."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine

from factories import FAQFactory, PolicyDocumentFactory


@pytest.mark.django_db
def test_published_faqs_are_listed_most_asked_first(anonymous):
    FAQFactory(question="少的", asked_count=2)
    FAQFactory(question="多的", asked_count=20)
    FAQFactory(question="草稿", asked_count=99, is_published=False)
    data = anonymous.get("/api/faqs/").json()
    assert [r["question"] for r in data["results"]] == ["多的", "少的"]


@pytest.mark.django_db
def test_faqs_filter_by_topic_policy_and_updated_since(anonymous):
    policy = PolicyDocumentFactory(published=True)
    with time_machine.travel(dt.datetime(2026, 1, 5, tzinfo=dt.UTC), tick=False):
        old = FAQFactory(question="旧的", topic="economy")
    with time_machine.travel(dt.datetime(2026, 3, 5, tzinfo=dt.UTC), tick=False):
        new = FAQFactory(question="新的", topic="civil")
    new.related_policies.add(policy)
    assert [r["question"] for r in anonymous.get("/api/faqs/?topic=civil").json()["results"]] == ["新的"]
    assert [r["question"] for r in anonymous.get(f"/api/faqs/?policy={policy.pk}").json()["results"]] == ["新的"]
    since = anonymous.get("/api/faqs/?updated_since=2026-02-01T00:00:00%2B08:00").json()["results"]
    assert [r["question"] for r in since] == ["新的"]
    assert old.pk not in [r["id"] for r in since]
    row = anonymous.get(f"/api/faqs/{new.pk}/").json()
    assert row["related_policies"][0]["doc_number"] == policy.doc_number


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_400_not_a_500(anonymous):
    assert anonymous.get("/api/faqs/?updated_since=yesterday").status_code == 400
    assert anonymous.get("/api/faqs/?topic=nonsense").status_code == 400


@pytest.mark.django_db
def test_the_faq_api_is_in_the_openapi_schema(anonymous):
    schema = anonymous.get("/api/schema/").content.decode()
    assert "/api/faqs/" in schema
    assert "updated_since" in schema
    assert "/api/consultations/" in schema


@pytest.mark.django_db
def test_the_csv_neutralises_formulas_and_keeps_payloads_as_text(anonymous):
    FAQFactory(question='=HYPERLINK("http://evil")', answer="+1+1", asked_count=3)
    FAQFactory(question="@SUM(A1)", answer="-2 <script>alert(1)</script>", asked_count=2)
    response = anonymous.get("/consultations/faq.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "主题", "问题", "解答"]
    assert rows[1][2] == '\'=HYPERLINK("http://evil")' and rows[1][3] == "'+1+1"
    assert rows[2][2] == "'@SUM(A1)" and rows[2][3] == "'-2 <script>alert(1)</script>"


@pytest.mark.django_db
def test_the_board_lists_faqs_by_topic_and_finds_them(anonymous):
    FAQFactory(question="扶持资金怎么申请？", topic="economy", asked_count=5)
    FAQFactory(question="助餐怎么办理？", topic="civil", asked_count=9)
    page = anonymous.get("/consultations/").content.decode()
    assert page.index("民政、扶贫、救灾") < page.index("经济管理")  # the most-asked topic first
    found = anonymous.get("/consultations/?q=助餐").content.decode()
    assert "助餐怎么办理？" in found and "扶持资金怎么申请？" not in found
