"""No overbooking when many people register for the last seats at the same moment
(PostgreSQL: the session row is locked; SQLite serialises writes anyway)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration, RegistrationState

from .conftest import make_event, make_session

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_registrations_never_overbook(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("并发测试需要 PostgreSQL（行锁）。")
    session = make_session(make_event(organisation), capacity=5, max_party=2)
    barrier = threading.Barrier(12)
    errors: list[Exception] = []

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            services.registration_register(
                session_id=session.pk, name=f"市民{n}", phone=f"1380000{n:04d}", party_size=1 + n % 2
            )
        except Exception as error:  # noqa: BLE001 - collected for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert session.seats_taken() <= 5
    assert Registration.objects.count() == 12
    assert Registration.objects.filter(state=RegistrationState.WAITING).exists()


def test_concurrent_cancellations_promote_each_waiting_once(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("并发测试需要 PostgreSQL（行锁）。")
    session = make_session(make_event(organisation), capacity=3, max_party=1)
    receipts = [
        services.registration_register(session_id=session.pk, name="甲", phone=f"1370000{n:04d}", party_size=1)
        for n in range(6)
    ]
    barrier = threading.Barrier(3)

    def cancel(receipt) -> None:
        try:
            barrier.wait()
            services.registration_cancel(code=receipt.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in receipts[:3]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert session.seats_taken() == 3
    assert Registration.objects.filter(state=RegistrationState.WAITING).count() == 0
