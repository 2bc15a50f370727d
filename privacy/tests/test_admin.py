from __future__ import annotations

import pytest

import privacy
from factories import client_for
from privacy.models import SensitiveWord

pytestmark = pytest.mark.django_db


def test_the_reviewer_sees_the_word_list(reviewer):
    response = client_for(reviewer).get("/admin/privacy/sensitiveword/")
    assert response.status_code == 200
    assert "内部资料" in response.content.decode()


def test_the_reviewer_can_search_the_word_list(reviewer):
    response = client_for(reviewer).get("/admin/privacy/sensitiveword/", {"q": "绝密"})
    body = response.content.decode()
    assert "绝密" in body
    assert "内部资料" not in body


def test_a_word_added_in_the_admin_applies_to_the_next_scan(reviewer):
    text = "附件为征求意见稿，仅供讨论。"
    assert privacy.scan(text) == []
    response = client_for(reviewer).post(
        "/admin/privacy/sensitiveword/add/", {"word": "征求意见稿", "note": "未定稿材料"}
    )
    assert response.status_code == 302
    assert SensitiveWord.objects.get(word="征求意见稿").note == "未定稿材料"
    assert [f.text for f in privacy.scan(text)] == ["征求意见稿"]


def test_a_word_removed_in_the_admin_no_longer_applies(reviewer):
    word = SensitiveWord.objects.get(word="内部文件")
    response = client_for(reviewer).post(f"/admin/privacy/sensitiveword/{word.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert privacy.scan("这是内部文件。") == []


def test_a_drafter_cannot_open_the_word_list(drafter):
    response = client_for(drafter).get("/admin/privacy/sensitiveword/")
    assert response.status_code == 403


def test_a_citizen_is_sent_to_the_login_page(citizen):
    response = citizen.get("/admin/privacy/sensitiveword/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
