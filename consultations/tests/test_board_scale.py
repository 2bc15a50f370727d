"""The board and the knowledge base do not grow with the library: the ask form lists a
short list (any other policy is found by typing, through the search index), and the FAQ
API and CSV read only the policies the FAQs cite."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import synthetic
from factories import FAQFactory, PolicyDocumentFactory

from .test_board_view import URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]  # context and query counts


def _board(client) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    select = page.split('name="related_policy"', 1)[1].split("</select>", 1)[0]
    return len(re.findall(r"<option ", select)), len(page), len(queries)


def test_the_ask_form_stays_the_same_size_as_the_library_grows(anonymous):
    synthetic.generate(40, seed=1, index=True)
    small = _board(anonymous)

    synthetic.generate(400, seed=2, index=True)
    large = _board(anonymous)

    assert large[0] == small[0] <= 1 + 12 + 20  # "不指定", the FAQ-cited and the newest in force
    assert large[1] < small[1] * 1.1
    assert large[2] == small[2]


def test_a_policy_beyond_the_list_is_found_by_typing(anonymous):
    synthetic.generate(300, seed=3, index=True)
    from documents.models import PolicyDocument

    oldest = PolicyDocument.objects.public().order_by("published_at").first()

    found = anonymous.get("/consultations/policies.json", {"q": oldest.doc_number}).json()["results"]

    assert found and found[0]["id"] == oldest.pk
    assert oldest.title not in anonymous.get(URL).content.decode()


def test_the_faq_api_reads_only_the_cited_policies(anonymous):
    synthetic.generate(200, seed=4, index=True)
    cited = PolicyDocumentFactory(published=True, title="助餐服务管理办法")
    hidden = PolicyDocumentFactory(title="尚未公开的助餐细则")
    faq = FAQFactory(question="助餐怎么申请？")
    faq.related_policies.add(cited, hidden)

    with CaptureQueriesContext(connection) as queries:
        data = anonymous.get("/api/faqs/").json()

    titles = [p["title"] for item in data["results"] for p in item["related_policies"]]
    assert titles == ["助餐服务管理办法"]
    reading_documents = [q["sql"] for q in queries.captured_queries if '"documents_policydocument"' in q["sql"]]
    assert reading_documents
    assert all("consultations_faq_related_policies" in sql for sql in reading_documents)
