"""Subscriptions to new interpretations (政策解读) and to decision drafts opened for public
comment (征求意见): matched once, sent once in their own section of the digest, never after
a withdrawal (or the end of the comment window) before sending, offered on the form."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from decisions.models import Decision, Stage
from factories import DecisionFactory, InterpretationFactory, PolicyDocumentFactory
from interpretations import services as interpretation_services
from interpretations.models import Status as InterpretationStatus
from subscriptions import services
from subscriptions.models import Delivery, Frequency, Kind, Subscription
from subscriptions.services import Choice

from .helpers import confirmed, digests, publish, run, subscribe

INTERPRETATIONS = Choice(kind=Kind.INTERPRETATION)
COMMENT = Choice(kind=Kind.OPEN_FOR_COMMENT)


def published_interpretation(**fields):
    """An interpretation published just now with its public policy."""
    now = timezone.now() + dt.timedelta(microseconds=1)
    document = PolicyDocumentFactory(status="published", published_at=now)
    return InterpretationFactory(document=document, status=InterpretationStatus.PUBLISHED, published_at=now, **fields)


def open_draft(**fields) -> Decision:
    today = timezone.localdate()
    values = {
        "stage": Stage.CONSULTATION,
        "comment_opens_on": today,
        "comment_closes_on": today + dt.timedelta(days=30),
        "summary": "拟调整老旧小区加装电梯的补贴标准。",
    }
    return DecisionFactory(**{**values, **fields})


def test_a_new_interpretation_is_sent_once_in_its_own_section(db):
    confirmed("a@example.com", INTERPRETATIONS)
    confirmed("b@example.com", Choice(kind=Kind.QUERY, query="电梯"))  # follows documents only
    interpretation = published_interpretation(title="一图读懂加装电梯补贴")

    assert run() == 1
    [digest] = digests()
    assert digest.recipients == ["a@example.com"]
    assert "【新发布的政策解读（1 篇）】" in digest.body
    assert "一图读懂加装电梯补贴" in digest.body
    assert f"/interpretations/{interpretation.pk}/" in digest.body
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/subscriptions/unsubscribe/" in digest.headers["List-Unsubscribe"]

    assert run() == 0  # once only
    assert len(digests()) == 1


def test_a_draft_opened_for_comment_is_sent_with_its_window_in_its_own_section(db):
    confirmed("a@example.com", COMMENT, frequency=Frequency.DAILY)
    decision = open_draft(title="徐泾镇加装电梯补贴办法（征求意见稿）")
    DecisionFactory(title="尚在目录阶段的决策")  # not open for comment

    assert run(Frequency.IMMEDIATE) == 0
    assert run(Frequency.DAILY) == 1
    [digest] = digests()
    assert "【公开征求意见的重大行政决策草案（1 项）】" in digest.body
    assert decision.title in digest.body and "尚在目录阶段的决策" not in digest.body
    closes = decision.comment_closes_on
    assert f"至 {closes:%Y-%m-%d}" in digest.body
    assert decision.get_absolute_url() in digest.body
    assert run(Frequency.DAILY) == 0
    assert Delivery.objects.filter(decision=decision).count() == 1


def test_documents_interpretations_and_drafts_go_in_one_email_in_three_sections(db):
    from factories import CatalogTagFactory

    tag = CatalogTagFactory()
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk), INTERPRETATIONS, COMMENT)
    publish(title="关于电梯补贴的通知", tags=[tag])
    published_interpretation(title="电梯补贴政策解读")
    open_draft(title="徐泾镇电梯管理办法（征求意见稿）")

    assert run() == 1
    [digest] = digests()
    body = digest.body
    assert body.index("【新公开的政策文件（1 件）】") < body.index("【新发布的政策解读（1 篇）】")
    assert body.index("【新发布的政策解读（1 篇）】") < body.index("【公开征求意见的重大行政决策草案（1 项）】")
    assert "（3 项）" in digest.subject


def test_an_interpretation_withdrawn_before_sending_is_not_sent(db, signer):
    confirmed("a@example.com", INTERPRETATIONS, frequency=Frequency.WEEKLY)
    interpretation = published_interpretation(title="将被撤回的解读")
    services.items_match_new(now=timezone.now() + dt.timedelta(seconds=1))
    interpretation_services.interpretation_withdraw(interpretation=interpretation, user=signer, reason="表述有误")

    assert run(Frequency.WEEKLY) == 0
    assert digests() == []
    delivery = Delivery.objects.get(interpretation=interpretation)
    assert delivery.cancelled_at is not None and delivery.sent_at is None


def test_a_draft_whose_window_closed_before_sending_is_not_sent(db):
    confirmed("a@example.com", COMMENT, frequency=Frequency.WEEKLY)
    decision = open_draft()
    services.items_match_new(now=timezone.now())
    Decision.objects.filter(pk=decision.pk).update(stage=Stage.REVIEW)  # the window ended early

    assert run(Frequency.WEEKLY) == 0
    assert digests() == []
    assert Delivery.objects.get(decision=decision).cancelled_at is not None


def test_nothing_is_sent_before_the_address_confirms(db):
    subscribe("a@example.com", INTERPRETATIONS, COMMENT)
    published_interpretation()
    open_draft()
    assert run() == 0
    assert not Delivery.objects.exists()


def test_an_interpretation_published_before_the_subscription_was_confirmed_is_not_sent(db):
    past = timezone.now() - dt.timedelta(days=2)
    InterpretationFactory(
        document=PolicyDocumentFactory(status="published", published_at=past),
        status=InterpretationStatus.PUBLISHED,
        published_at=past,
    )
    confirmed("a@example.com", INTERPRETATIONS)
    assert run() == 0


def test_the_form_offers_both_and_subscribes_with_double_opt_in(client, db):
    page = client.get("/subscriptions/").content.decode()
    assert "新发布的政策解读" in page and "公开征求意见的重大行政决策草案" in page
    response = client.post(
        "/subscriptions/",
        {"email": "a@example.com", "interpretations": "on", "open_for_comment": "on", "frequency": "daily"},
    )
    assert response.status_code == 302
    kinds = set(Subscription.objects.values_list("kind", flat=True))
    assert kinds == {Kind.INTERPRETATION, Kind.OPEN_FOR_COMMENT}
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    again = client.post("/subscriptions/", {"email": "a@example.com", "interpretations": "on", "frequency": "daily"})
    assert again.status_code == 302
    assert Subscription.objects.count() == 2  # not added twice


def test_the_open_for_comment_feed_lists_only_open_public_drafts(client, db):
    shown = open_draft(title="徐泾镇养老服务补贴办法（征求意见稿）")
    DecisionFactory(title="尚在目录阶段的决策")
    today = timezone.localdate()
    open_draft(
        title="征求意见已结束的草案",
        comment_opens_on=today - dt.timedelta(days=40),
        comment_closes_on=today - dt.timedelta(days=10),
    )
    response = client.get("/subscriptions/feeds/open-for-comment.rss")
    assert response.status_code == 200
    body = response.content.decode()
    assert shown.title in body and shown.get_absolute_url() in body
    assert "尚在目录阶段的决策" not in body and "征求意见已结束的草案" not in body
    atom = client.get("/subscriptions/feeds/open-for-comment.atom")
    assert atom.status_code == 200 and shown.title in atom.content.decode()


def test_staff_see_what_each_delivery_carries(admin_client):
    confirmed("a@example.com", INTERPRETATIONS, COMMENT)
    interpretation = published_interpretation(title="养老补贴政策解读")
    decision = open_draft(title="徐泾镇养老服务办法（征求意见稿）")
    run()
    page = admin_client.get("/admin/subscriptions/delivery/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"解读：{interpretation.title}" in html and f"征求意见：{decision.title}" in html
    assert "a@example.com" not in html
