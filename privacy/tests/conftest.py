from __future__ import annotations

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _frozen_today():
    """Birth-date plausibility depends on today: pin it."""
    with time_machine.travel("2024-05-20 10:00 +0800", tick=False):
        yield
