"""The board: asking a question without an account, and every kind of bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..forms import new_form_token
from ..models import Message

URL = "/consultations/"


def form_data(**changes) -> dict:
    data = {
        "asker_type": "enterprise",
        "enterprise_name": "上海徐泾智造科技有限公司",
        "asker_name": "王立明",
        "phone": "13812345678",
        "email": "wang@example.com",
        "everyday_topic": "business",
        "title": "产业扶持资金怎么申请",
        "question": "我们公司想了解产业扶持资金的申请条件和需要的材料。",
        "consent": "yes",
        "website": "",
        "form_token": new_form_token(),
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_board_shows_the_form_without_an_account(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 200
    assert "我要留言" in response.content.decode()


@pytest.mark.django_db
def test_a_question_is_stored_and_the_asker_gets_a_tracking_number_and_code(anonymous):
    response = anonymous.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:submitted")
    message = Message.objects.get()
    assert message.channel == "online"
    assert message.enterprise_name == "上海徐泾智造科技有限公司"
    assert message.consent_to_publish is True
    page = anonymous.get(response["Location"]).content.decode()
    assert message.tracking_number in page
    assert "查询码" in page


@pytest.mark.django_db
def test_a_double_click_stores_the_message_once(anonymous):
    data = form_data()
    first = anonymous.post(URL, data)
    second = anonymous.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert Message.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"question": ""}, "请填写留言内容"),
        ({"question": "字" * 100_000}, "留言内容不能超过 5000 字"),
        ({"question": "太短了"}, "留言内容太短"),
        ({"title": ""}, "请填写标题"),
        ({"phone": "12345", "email": ""}, "联系电话格式不正确"),
        ({"email": "not-an-email"}, "电子邮箱格式不正确"),
        ({"phone": "", "email": ""}, "请至少填写联系电话或电子邮箱"),
        ({"consent": ""}, "请选择是否同意公开"),
        ({"enterprise_name": ""}, "请填写企业或社会组织的名称"),
        ({"everyday_topic": "nonsense"}, "请从列表中选择咨询类别"),
        ({"asker_type": "alien"}, "请选择市民、企业或社会组织"),
        ({"related_policy": "999999"}, "所选政策不存在"),
        ({"form_token": "forged"}, "页面已失效"),
        ({"website": "http://spam.example"}, "提交未通过校验"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(anonymous, changes, expected):
    response = anonymous.post(URL, form_data(**changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert 'value="王立明"' in page  # what was typed is still in the form
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_form_filled_faster_than_a_person_can_is_refused(anonymous, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 60
    response = anonymous.post(URL, form_data())
    assert response.status_code == 400
    assert "提交过快" in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_script_payloads_are_stored_as_text_and_shown_escaped(anonymous):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = anonymous.post(URL, form_data(title=payload, question=payload + "，请问扶持资金怎么申请？", phone="1"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_nothing_asked_is_public_until_staff_publish_it(anonymous):
    anonymous.post(URL, form_data(title="一条未经审核的留言标题"))
    assert Message.objects.count() == 1
    for url in [
        "/consultations/",
        "/consultations/published/",
        "/api/consultations/",
        "/consultations/published/feed/",
    ]:
        assert "一条未经审核的留言标题" not in anonymous.get(url).content.decode()
