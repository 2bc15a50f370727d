"""load_demo_consultations: every state present, and a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ..models import FAQ, Message, WindowQuestion


@pytest.mark.django_db
def test_the_demo_loads_once_and_publishes_only_masked_copies():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_consultations", stdout=io.StringIO())
    counts = (Message.objects.count(), WindowQuestion.objects.count(), FAQ.objects.count())
    call_command("load_demo_consultations", stdout=io.StringIO())
    assert (Message.objects.count(), WindowQuestion.objects.count(), FAQ.objects.count()) == counts
    assert {"answered", "assigned", "received"} <= set(Message.objects.values_list("status", flat=True))
    for message in Message.objects.published():
        public = message.public_title + message.public_question + message.public_answer + message.public_asker
        assert message.phone not in public and message.asker_name not in public
