"""The FAQ and window-question admins write through services: the site search follows
an FAQ's edits and deletion, and a window question records who logged it."""

from __future__ import annotations

import pytest

from factories import client_for

from .. import services
from ..models import FAQ, WindowQuestion


def _search(client, words: str) -> str:
    return client.get(f"/search/?q={words}").content.decode()


@pytest.mark.django_db
def test_an_faq_edited_and_deleted_in_the_admin_follows_in_the_site_search(anonymous, dispatcher, admin_user):
    faq = services.faq_create(
        faq=FAQ(question="研发费用补贴如何申请？", answer="每年9月申请。", topic="economy", is_published=True)
    )
    client = client_for(dispatcher)
    edit = {
        "question": "高新技术企业认定补贴如何申请？",
        "answer": "每年9月申请。",
        "topic": "economy",
        "asked_count": "3",
    }
    client.post(f"/admin/consultations/faq/{faq.pk}/change/", {**edit, "is_published": "on"})
    faq.refresh_from_db()
    assert faq.question == "高新技术企业认定补贴如何申请？"
    assert f"#faq-{faq.pk}" in _search(anonymous, "高新技术企业认定")
    client_for(admin_user).post(f"/admin/consultations/faq/{faq.pk}/delete/", {"post": "yes"})  # 删除: superusers
    assert not FAQ.objects.filter(pk=faq.pk).exists()
    assert f"#faq-{faq.pk}" not in _search(anonymous, "高新技术企业认定")


@pytest.mark.django_db
def test_faqs_deleted_from_the_list_leave_the_site_search(anonymous, admin_user):
    faq = services.faq_create(
        faq=FAQ(question="研发费用补贴如何申请？", answer="每年9月申请。", topic="economy", is_published=True)
    )
    client_for(admin_user).post(
        "/admin/consultations/faq/", {"action": "delete_selected", "_selected_action": [faq.pk], "post": "yes"}
    )
    assert not FAQ.objects.exists()
    assert f"#faq-{faq.pk}" not in _search(anonymous, "研发费用补贴")


@pytest.mark.django_db
def test_a_window_question_records_who_logged_it(dispatcher, organisation):
    client_for(dispatcher).post(
        "/admin/consultations/windowquestion/add/",
        {"question": "社保卡补办要带什么？", "topic": "civil", "asked_on": "2026-09-28", "times": "2"},
    )
    question = WindowQuestion.objects.get()
    assert question.logged_by == dispatcher and question.times == 2
