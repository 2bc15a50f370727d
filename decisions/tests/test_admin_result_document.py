"""决策结果文件 is chosen by title from published public documents, in an autocomplete box."""

from __future__ import annotations

import re

import pytest

from factories import DecisionFactory, PolicyDocumentFactory, client_for

pytestmark = pytest.mark.django_db

SEARCH = "/admin/decisions/decision/result-documents/"


@pytest.fixture
def documents(other_organisation):
    """A published document of another unit (the town government issues most results), and a draft."""
    return {
        "published": PolicyDocumentFactory(
            published=True,
            title="徐泾镇人民政府关于印发垃圾分类收集点布局调整方案的通知",
            doc_number="徐府发〔2023〕41号",
        ),
        "draft": PolicyDocumentFactory(title="垃圾分类收集点布局调整方案（草稿）"),
    }


def test_the_field_is_an_autocomplete_box_not_an_id_box(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    page = client_for(decision_staff).get(f"/admin/decisions/decision/{decision.pk}/change/").content.decode()
    (field,) = re.findall(r'<select[^>]*name="result_document"[^>]*>', page)
    assert "admin-autocomplete" in field and f'data-ajax--url="{SEARCH}"' in field
    assert "vForeignKeyRawIdAdminField" not in page


def test_searching_by_title_finds_published_documents_only(decision_staff, documents):
    results = client_for(decision_staff).get(SEARCH, {"term": "垃圾分类"}).json()["results"]
    assert [r["id"] for r in results] == [str(documents["published"].pk)]
    assert "徐府发〔2023〕41号" in results[0]["text"]
    by_number = client_for(decision_staff).get(SEARCH, {"term": "41号"}).json()["results"]
    assert [r["id"] for r in by_number] == [str(documents["published"].pk)]


def test_only_decision_staff_may_search(reviewer, enterprise_user, documents):
    assert client_for(reviewer).get(SEARCH, {"term": "垃圾"}).status_code == 403
    response = client_for(enterprise_user).get(SEARCH, {"term": "垃圾"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_draft_cannot_be_linked_as_the_result(decision_staff, organisation, documents):
    from django.forms.models import model_to_dict

    decision = DecisionFactory(organisation=organisation)
    url = f"/admin/decisions/decision/{decision.pk}/change/"
    data = {k: v for k, v in model_to_dict(decision).items() if v is not None and k != "id"}
    for prefix in ("articles", "materials", "activities", "stage_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client_for(decision_staff).post(url, {**data, "result_document": documents["draft"].pk})
    assert response.status_code == 200 and "所选文件不存在或尚未公开发布" in response.content.decode()
    decision.refresh_from_db()
    assert decision.result_document is None
    response = client_for(decision_staff).post(url, {**data, "result_document": documents["published"].pk})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.result_document == documents["published"]
