"""Personas of the message board: a dispatcher, a handler per organisation, a leader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client

from factories import client_for, make_staff

from .. import permissions, services
from ..models import Message


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with empty rate-limit counters and no minimum fill time."""
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dispatcher(organisation):
    return make_staff(permissions.DISPATCHER, organisation, "dispatcher")


@pytest.fixture
def handler(organisation):
    return make_staff(permissions.HANDLER, organisation, "handler")


@pytest.fixture
def other_handler(other_organisation):
    return make_staff(permissions.HANDLER, other_organisation, "other-handler")


@pytest.fixture
def leader(organisation):
    return make_staff(permissions.LEADER, organisation, "leader")


@pytest.fixture
def staff_client():
    return client_for


@pytest.fixture
def new_message(db):
    """new_message(**fields) -> (message, query code), registered through the service."""

    def make(**fields) -> tuple[Message, str]:
        values = {
            "asker_name": "张三丰",
            "phone": "13912345678",
            "email": "zhangsf@example.com",
            "topic": "economy",
            "title": "产业扶持资金怎么申请",
            "question": "请问产业扶持资金的申请条件和材料是什么？",
            "consent_to_publish": True,
            "received_on": dt.date(2026, 9, 28),
        }
        values.update(fields)
        receipt = services.message_register(message=Message(**values))
        return receipt.message, receipt.query_code

    return make


@pytest.fixture
def anonymous() -> Client:
    return Client()
