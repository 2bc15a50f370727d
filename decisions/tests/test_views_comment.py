"""Public comment: the window, storage, privacy of the contact, the rate limit, bad input."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from decisions.models import Opinion
from factories import DraftArticleFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "body": "建议把补贴申请时限延长到60天，方便老年人办理。",
    "submitter_type": "citizen",
    "author_name": "王小明",
    "contact_email": "wang.xiaoming@example.com",
    "contact_phone": "13812345678",
}


def comment_url(decision) -> str:
    return reverse("decisions:comment", args=[decision.catalogue.year, decision.pk])


def page_url(decision) -> str:
    return reverse("decisions:detail", args=[decision.catalogue.year, decision.pk])


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_citizen_comments_during_the_window(citizen, open_decision):
    response = citizen.post(comment_url(open_decision), GOOD)
    assert response.status_code == 302
    assert response["Location"].startswith(page_url(open_decision) + "?receipt=")
    opinion = Opinion.objects.get()
    assert opinion.body == GOOD["body"]
    assert opinion.channel == Opinion.Channel.ONLINE
    assert opinion.contact_email == GOOD["contact_email"]
    page = citizen.get(response["Location"]).content.decode()
    assert "您的意见已收到" in page
    assert '已收到意见 <strong class="count">1</strong> 条' in page


@time_machine.travel(dt.datetime(2023, 9, 15, 2, 30, tzinfo=dt.UTC))
def test_the_commenter_gets_a_receipt_saying_what_happens_next(citizen, open_decision):
    response = citizen.post(comment_url(open_decision), GOOD, follow=True)
    opinion = Opinion.objects.get()
    page = response.content.decode()
    receipt = page.split('id="receipt"')[1].split("</ol>")[0]
    assert opinion.receipt_number == f"YJ20230915-{opinion.pk:06d}"
    assert opinion.receipt_number in receipt
    assert "2023年9月15日 10:30" in receipt  # Shanghai time
    assert "征求意见截止" in receipt and "2023年9月30日" in receipt
    assert "决策作出后10个工作日内" in receipt and "意见采纳情况反馈报告" in receipt
    assert open_decision.organisation.name in receipt
    assert GOOD["contact_email"] not in page and GOOD["author_name"] not in page


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_forged_or_foreign_receipt_shows_nothing(citizen, open_decision):
    from django.core import signing

    from decisions.views import RECEIPT_SALT
    from factories import DecisionFactory, OpinionFactory

    elsewhere = OpinionFactory(decision=DecisionFactory())
    for token in ["not-a-token", signing.dumps(elsewhere.pk, salt=RECEIPT_SALT), signing.dumps(elsewhere.pk)]:
        page = citizen.get(page_url(open_decision), {"receipt": token}).content.decode()
        assert 'id="receipt"' not in page and "回执编号" not in page


@time_machine.travel(dt.date(2023, 9, 15))
def test_the_opinion_text_is_marked_required_and_the_optional_fields_are_not(citizen, open_decision):
    page = citizen.get(page_url(open_decision)).content.decode()
    body_label = page.split('for="id_body"')[1].split("</label>")[0]
    assert "（必填）" in body_label
    email_label = page.split('for="id_contact_email"')[1].split("</label>")[0]
    assert "（必填）" not in email_label and "可选" in email_label


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_refused_comment_opens_the_page_at_the_comment_form(citizen, open_decision):
    page = citizen.get(page_url(open_decision)).content.decode()
    assert f'action="{comment_url(open_decision)}#comment"' in page

    response = citizen.post(comment_url(open_decision), {**GOOD, "body": ""})
    assert response.status_code == 400
    assert 'id="comment"' in response.content.decode()


@time_machine.travel(dt.date(2023, 9, 15))
def test_name_and_contact_are_optional(citizen, open_decision):
    response = citizen.post(comment_url(open_decision), {"body": "支持。", "submitter_type": "citizen"})
    assert response.status_code == 302
    assert Opinion.objects.get().author_name == ""


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_comment_on_one_article(citizen, open_decision):
    article = DraftArticleFactory(decision=open_decision, number=3, heading="补贴标准")
    page = citizen.get(page_url(open_decision)).content.decode()
    assert "对本条提意见" in page and "第3条 补贴标准" in page
    citizen.post(comment_url(open_decision), {**GOOD, "article": article.pk})
    assert Opinion.objects.get().article == article


@time_machine.travel(dt.date(2023, 9, 15))
def test_the_contact_never_appears_on_public_pages_or_the_api(citizen, open_decision):
    citizen.post(comment_url(open_decision), GOOD)
    for url in [
        page_url(open_decision),
        reverse("decisions:catalogue", args=[2023]),
        reverse("decisions:index"),
        "/api/decisions/",
        f"/api/decisions/{open_decision.pk}/",
        reverse("decisions:feed"),
    ]:
        body = citizen.get(url).content.decode()
        assert GOOD["contact_email"] not in body, url
        assert GOOD["contact_phone"] not in body, url
        assert GOOD["author_name"] not in body, url


@time_machine.travel(dt.date(2023, 9, 15))
def test_the_contact_is_not_logged(citizen, open_decision, caplog):
    with caplog.at_level(logging.DEBUG):
        citizen.post(comment_url(open_decision), GOOD)
    assert Opinion.objects.count() == 1
    assert GOOD["contact_email"] not in caplog.text and GOOD["contact_phone"] not in caplog.text


@time_machine.travel(dt.date(2023, 10, 1))
def test_after_the_window_the_form_says_so_and_stores_nothing(citizen, open_decision):
    page = citizen.get(page_url(open_decision)).content.decode()
    assert "征求意见期已于 2023年9月30日 结束" in page
    assert '<form class="comment-form"' not in page
    response = citizen.post(comment_url(open_decision), GOOD)
    assert response.status_code == 400
    text = response.content.decode()
    assert "征求意见期已结束，意见未能提交" in text
    assert GOOD["body"] in text  # what was typed is kept
    assert not Opinion.objects.exists()


@time_machine.travel(dt.date(2023, 8, 31))
def test_before_the_window_nothing_is_accepted(citizen, open_decision):
    assert "征求意见将于 2023年9月1日 开始" in citizen.get(page_url(open_decision)).content.decode()
    assert citizen.post(comment_url(open_decision), GOOD).status_code == 400
    assert not Opinion.objects.exists()


@time_machine.travel(dt.date(2023, 9, 15))
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "   "}, "请填写意见内容。"),
        ({"body": "好" * 5001}, "意见内容最多 5000 字，您填写了 5001 字"),
        ({"body": "<script>alert(1)</script>建议"}, "含有网页代码"),
        ({"contact_email": "not-an-email"}, "电子邮箱格式不正确"),
        ({"contact_phone": "call me"}, "请填写有效的电话号码"),
        ({"submitter_type": "robot"}, "请从列表中选择您的身份"),
        ({"article": "999999"}, "所选条文不存在"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_keeps_the_form(citizen, open_decision, data, message):
    DraftArticleFactory(decision=open_decision)
    response = citizen.post(comment_url(open_decision), {**GOOD, **data})
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert "意见未提交" in text
    kept = GOOD["author_name"] if "body" in data else GOOD["body"]
    assert kept in text
    assert not Opinion.objects.exists()


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_nul_byte_does_not_break_anything(citizen, open_decision):
    response = citizen.post(comment_url(open_decision), {**GOOD, "body": "建议\x00增加"})
    assert response.status_code in (302, 400)


@time_machine.travel(dt.date(2023, 9, 15))
@override_settings(DECISIONS_SUBMIT_RATE="3/h")
def test_the_rate_limit_keeps_what_was_typed(citizen, open_decision):
    for i in range(3):
        assert citizen.post(comment_url(open_decision), {**GOOD, "body": f"意见{i}"}).status_code == 302
    response = citizen.post(comment_url(open_decision), {**GOOD, "body": "第四条意见"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "提交过于频繁" in text and "第四条意见" in text
    assert Opinion.objects.count() == 3


@time_machine.travel(dt.date(2023, 9, 15))
@override_settings(DECISIONS_SUBMIT_RATE="1/h")
def test_the_rate_limit_is_per_address(client, open_decision):
    assert client.post(comment_url(open_decision), GOOD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(comment_url(open_decision), GOOD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(comment_url(open_decision), GOOD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_comment_needs_post(citizen, open_decision):
    assert citizen.get(comment_url(open_decision)).status_code == 405


def test_comment_on_an_unpublished_catalogue_is_404(citizen, open_decision):
    open_decision.catalogue.published_at = None
    open_decision.catalogue.save()
    assert citizen.post(comment_url(open_decision), GOOD).status_code == 404
    assert citizen.get(page_url(open_decision)).status_code == 404
