"""The sweep and the outbox through a real Celery worker.

The worker runs in a thread of the test process (celery.contrib.testing), against
the real broker: Redis at REDIS_URL when it is set (as in CI), otherwise kombu's
filesystem transport in a temporary folder (the embedded default). When REDIS_URL
is set and Redis does not answer, these tests fail; they never skip.

The broker being down is simulated by pointing the producer at a closed port for
the request, then restoring it.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import Counter
from contextlib import contextmanager

import pytest
import redis
import time_machine
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connection, connections, transaction
from django.urls import reverse

from deadlines import services
from deadlines.models import Deadline
from deadlines.tasks import sweep_deadlines
from factories import LEGAL_BASIS, UserFactory, client_for, make_staff, subject
from notifications import outbox
from notifications.models import OutboxMessage
from notifications.tasks import deliver_outbox, deliver_outbox_message
from organisations import roles
from xujing_portal import broker
from xujing_portal.celery import app

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("REDIS_URL")
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def _use_broker(url: str, options: dict) -> None:
    """Point the producer side of the app at another broker (drops pooled connections)."""
    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    saved = (app.conf.broker_url, dict(app.conf.broker_transport_options))
    _use_broker(CLOSED_PORT_BROKER, {"max_retries": 0})
    try:
        yield
    finally:
        _use_broker(*saved)


class FinishedTasks:
    """Counts tasks the worker finished, so the test waits without polling the database."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.changed = threading.Condition()

    def __call__(self, sender=None, task=None, **kwargs) -> None:
        connections.close_all()  # the worker thread's connections must not outlive the test
        with self.changed:
            self.counts[task.name] += 1
            self.changed.notify_all()

    def wait(self, name: str, count: int, timeout: float = 15) -> None:
        with self.changed:
            if not self.changed.wait_for(lambda: self.counts[name] >= count, timeout):
                pytest.fail(f"worker finished {self.counts[name]} of {count} {name} tasks within {timeout}s")


@pytest.fixture
def worker(tmp_path, settings):
    saved = (app.conf.broker_url, dict(app.conf.broker_transport_options), app.conf.task_always_eager)
    if REDIS_URL:
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        except redis.exceptions.ConnectionError as exc:
            pytest.fail(f"REDIS_URL={REDIS_URL} is set but Redis does not answer: {exc}")
        _use_broker(REDIS_URL, {"max_retries": 2, "interval_start": 0, "interval_step": 0.2})
    else:
        queue = tmp_path / "queue"
        queue.mkdir()
        _use_broker(
            f"{broker.SCHEME}://localhost/",
            {
                "data_folder_in": str(queue),
                "data_folder_out": str(queue),
                "control_folder": str(tmp_path / "control"),
                "polling_interval": 0.05,
            },
        )
    app.conf.task_always_eager = False
    app.control.purge()
    # PostgreSQL: two worker threads, so two sweeps really run at once.
    # SQLite's in-memory test database is shared between threads but takes one writer at a time.
    concurrent = connection.vendor == "postgresql"
    finished = FinishedTasks()
    task_postrun.connect(finished, weak=False)
    try:
        with start_worker(
            app,
            pool="threads" if concurrent else "solo",
            concurrency=2 if concurrent else 1,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=20,
        ):
            yield finished
    finally:
        task_postrun.disconnect(finished)
        _use_broker(saved[0], saved[1])
        app.conf.task_always_eager = saved[2]


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=SHANGHAI))


def sweep(worker, times: int = 1) -> None:
    """Queue ``times`` sweeps at once and wait for them and the deliveries they queue."""
    done = worker.counts[sweep_deadlines.name]
    for _ in range(times):
        sweep_deadlines.delay()
    worker.wait(sweep_deadlines.name, done + times)
    worker.wait(deliver_outbox_message.name, OutboxMessage.objects.count())


def subjects() -> list[str]:
    return [m.subject for m in mail.outbox]


def test_the_sweep_reminds_once_escalates_once_and_catches_up(worker, organisation):
    """One scenario, because every transactional test costs a database flush.

    Beat runs on 12 Oct, is down from 13 to 18 Oct, and is back on 19 Oct; each
    day two sweeps are queued at once (on PostgreSQL two worker threads run them
    concurrently)."""
    staff = make_staff(roles.DRAFTER, organisation, "worker-drafter")
    staff.email = "drafter@xujing.example"
    staff.save(update_fields=["email"])

    def start(name: str, start: dt.date, working_days: int, remind_before: int = 3) -> Deadline:
        return services.deadline_start(
            subject=subject(name),
            kind="request_reply",
            purpose=name,
            legal_basis=LEGAL_BASIS,
            start=start,
            working_days=working_days,
            organisation=organisation,
            remind_before=remind_before,
        )

    a = start("甲", D(2023, 9, 27), 10)  # due Tue 17 Oct (across National Day 2023)
    b = start("乙", D(2023, 9, 27), 14)  # due Mon 23 Oct
    c = start("丙", D(2023, 10, 9), 5, remind_before=1)  # due Mon 16 Oct, reminder due on 13 Oct

    with at(D(2023, 10, 12)):
        sweep(worker, times=2)
    assert subjects() == ["【即将到期】甲"]

    with at(D(2023, 10, 19)):  # back after the gap
        sweep(worker, times=2)
    assert sorted(subjects()[1:]) == sorted(["【已逾期】丙", "【已逾期】甲", "【即将到期】乙"])

    with at(D(2023, 10, 20)):
        sweep(worker, times=2)
    with at(D(2023, 10, 24)):
        sweep(worker, times=2)

    assert Counter(subjects()) == {
        "【即将到期】甲": 1,
        "【已逾期】甲": 1,
        "【已逾期】丙": 1,
        "【即将到期】乙": 1,
        "【已逾期】乙": 1,
    }
    for deadline in (a, b, c):
        deadline.refresh_from_db()
        assert deadline.state == Deadline.State.OVERDUE
    assert c.reminder_sent_at is None  # overdue when beat came back: one escalation, not two
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_broker_down_then_up_delivers_exactly_once(worker, organisation):
    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = client_for(admin_user)

    with broker_down():
        started = time.monotonic()
        # A change that writes a notification commits although queuing its delivery fails...
        with transaction.atomic():
            message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="down-1")
        # ...and a web request that queues a delivery answers normally.
        response = client.post(
            reverse("admin:notifications_outboxmessage_changelist"),
            {"action": "retry", "_selected_action": [message.pk]},
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 5
    time.sleep(0.3)
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.sent_at is None

    deliver_outbox.delay()  # the periodic task, once the broker is back
    worker.wait(deliver_outbox.name, 1)
    deliver_outbox.delay()
    deliver_outbox_message.delay(message.pk)
    worker.wait(deliver_outbox.name, 2)
    worker.wait(deliver_outbox_message.name, 1)

    assert [m.to for m in mail.outbox] == [["a@xujing.example"]]
    message.refresh_from_db()
    assert message.sent_at is not None
