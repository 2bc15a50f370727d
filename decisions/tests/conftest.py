from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from decisions.models import Stage
from decisions.roles import DECISION_STAFF
from factories import DecisionFactory, make_staff, put_in_stage


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_decision(organisation, drafter):
    """A public decision open for comment from 2023-09-01 to 2023-09-30."""
    decision = DecisionFactory(
        organisation=organisation,
        comment_opens_on=dt.date(2023, 9, 1),
        comment_closes_on=dt.date(2023, 9, 30),
    )
    put_in_stage(decision, Stage.CONSULTATION, drafter)
    return decision


@pytest.fixture
def decision_staff(organisation):
    """决策承办人 of the persona organisation."""
    return make_staff(DECISION_STAFF, organisation, "decision-staff")


@pytest.fixture
def other_decision_staff(other_organisation):
    """决策承办人 of another unit: every rule of scope is tested against this persona."""
    return make_staff(DECISION_STAFF, other_organisation, "other-decision-staff")
