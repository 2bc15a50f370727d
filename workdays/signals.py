"""``calendar_changed(change, first_date, last_date)``: sent by workdays.services
inside the transaction that changed the calendar (an entry saved or deleted, a year
confirmed or imported), so receivers recompute what it affects atomically with the
change. A receiver returns the number of items it recomputed; ``change`` is not saved
yet: the record is append-only, written once with the count the receivers return.
The workdays app imports none of its receivers.

Every receiver (keep this list complete; workdays/tests/test_signals.py checks it):

- ``deadlines.receivers.on_calendar_changed``: recomputes the due date of every
  active deadline whose period the change touches
  (``deadlines.services.deadlines_recompute_for_calendar``).
- ``applications.deadline_rules.calendar_changed``: after the engine, copies the new
  reply dates to the open applications it touched (``Application.due_on``), each with a
  期限调整 step the applicant sees; returns None (the engine counted the deadlines).
"""

from __future__ import annotations

from django.dispatch import Signal

calendar_changed = Signal()
