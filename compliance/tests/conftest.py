"""A fixed day for the self-check's tests: Monday 15 June 2026, 10:00 in Shanghai, frozen."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """`day` at `hour` o'clock in Shanghai, as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(at(TODAY), tick=False):
        yield TODAY
