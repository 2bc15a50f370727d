"""load_demo_consultations: every state present, a second run adds nothing, staff who get
the notices, and content that agrees with the demo policies."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from notifications.models import OutboxMessage
from organisations.demo import DemoAccount, all_demo_accounts
from organisations.roles import organisation_of

from .. import demo, permissions
from ..models import FAQ, Message, WindowQuestion


@pytest.fixture
def loaded(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_interpretations", stdout=io.StringIO())
    call_command("load_demo_consultations", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_demo_loads_once_and_publishes_only_masked_copies(loaded):
    counts = (Message.objects.count(), WindowQuestion.objects.count(), FAQ.objects.count())
    call_command("load_demo_consultations", stdout=io.StringIO())
    assert (Message.objects.count(), WindowQuestion.objects.count(), FAQ.objects.count()) == counts
    statuses = set(Message.objects.values_list("status", flat=True))
    assert {"answered", "assigned", "received", "in_review"} <= statuses
    for message in Message.objects.published():
        public = message.public_title + message.public_question + message.public_answer + message.public_asker
        assert message.phone not in public and message.asker_name not in public


def test_the_accounts_follow_the_shared_convention():
    assert all(isinstance(a, DemoAccount) for a in demo.ACCOUNTS)
    for account in demo.ACCOUNTS:
        assert account.email.endswith("@xujing.example.gov.cn"), account.username
        assert account.first_name and account.last_name and account.does, account.username
    usernames = {a.username: a.password for a in demo.ACCOUNTS}
    assert usernames["consult-dispatcher"] == "Xujing-Dispatcher-2023"
    assert usernames["consult-handler"] == "Xujing-Handler-2023"
    assert usernames["consult-leader"] == "Xujing-Leader-2023"


@pytest.mark.django_db
def test_the_accounts_have_their_passwords_and_addresses_and_appear_in_the_shared_list(loaded):
    listed = {a.username for a in all_demo_accounts()}
    for account in demo.ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        assert user.email == account.email and user.is_staff
        assert user.check_password(account.password), account.username
        assert account.username in listed


@pytest.mark.django_db
def test_every_office_that_receives_demo_messages_has_a_handler_who_can_answer(loaded):
    handlers = [get_user_model().objects.get(username=a.username) for a in demo.ACCOUNTS if a.role == demo.HANDLER]
    for message in Message.objects.filter(organisation__isnull=False).select_related("organisation"):
        able = [u for u in handlers if permissions.can_handle(u, message) and not permissions.can_dispatch(u)]
        assert able, f"{message.organisation.name} 没有演示办理人"
        assert all(organisation_of(u) == message.organisation for u in able)


@pytest.mark.django_db
def test_staff_notices_of_the_demo_go_to_real_addresses(loaded):
    assigned = OutboxMessage.objects.filter(subject__startswith="新的留言待办理")
    assert assigned.exists()
    addresses = {r for m in assigned for r in m.recipients}
    assert addresses and all(a.endswith("@xujing.example.gov.cn") for a in addresses)


MEALS = "徐府发〔2022〕25号"


@pytest.mark.django_db
def test_what_citizens_read_about_meals_agrees_with_the_policy(loaded):
    texts = [faq.answer for faq in FAQ.objects.filter(related_policies__doc_number=MEALS)]
    texts += [m.answer for m in Message.objects.filter(related_policy__doc_number=MEALS).exclude(answer="")]
    texts += [m.public_answer for m in Message.objects.published().filter(related_policy__doc_number=MEALS)]
    assert len(texts) >= 3
    for text in texts:
        assert "70周岁" not in text and "每餐3元" not in text
        assert "80周岁以上" in text and "低收入" in text and "60周岁以上" in text
    from interpretations.models import Interpretation

    interpretation = Interpretation.objects.get(document__doc_number=MEALS)
    how = interpretation.how_to_apply
    assert "80 岁以上" in how and "低收入" in how and "失能" in how and "独居" not in how


@pytest.mark.django_db
def test_the_office_landline_survives_in_published_answers(loaded):
    published = Message.objects.published().get(related_policy__doc_number=MEALS)
    assert demo.OFFICE_PHONE in published.public_answer
    assert not re.search(r"1[3-9]\d{9}", published.public_question + published.public_answer)


@pytest.mark.django_db
def test_an_existing_demo_account_gets_its_address_and_keeps_its_password():
    call_command("load_demo", stdout=io.StringIO())
    user = get_user_model().objects.create_user("consult-handler", password="Changed-By-Me-1", is_staff=True)
    call_command("load_demo_consultations", stdout=io.StringIO())
    user.refresh_from_db()
    assert user.email == "consult-handler@xujing.example.gov.cn"
    assert user.check_password("Changed-By-Me-1")
    assert user.groups.filter(name=permissions.HANDLER).exists()
