"""calendar_changed's receivers are listed, by module path, in workdays.signals' docstring."""

from __future__ import annotations

from workdays import signals
from workdays.models import CalendarChange


def test_every_receiver_is_listed_in_the_module_docstring():
    sync_receivers, async_receivers = signals.calendar_changed._live_receivers(CalendarChange)
    paths = {f"{r.__module__}.{r.__qualname__}" for r in [*sync_receivers, *async_receivers]}

    assert paths == {"deadlines.receivers.on_calendar_changed", "applications.deadline_rules.calendar_changed"}
    assert all(path in signals.__doc__ for path in paths)
