"""``calendar_changed(change, first_date, last_date)``: sent inside the
transaction that changed the calendar, so receivers (the deadline engine)
recompute what it affects atomically with the change. A receiver returns the
number of items it recomputed. ``change`` is not saved yet: the record is
append-only, written once with the count the receivers return."""

from __future__ import annotations

from django.dispatch import Signal

calendar_changed = Signal()
