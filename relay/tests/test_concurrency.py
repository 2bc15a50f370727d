"""Two staff members (or the periodic task and a staff member) sending the same policy at
the same moment still send each partner one package (PostgreSQL: the unique constraint
and the claim on matched_at; SQLite serialises writes anyway)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from notifications.models import OutboxMessage
from relay import services
from relay.models import RelayPackage

from .conftest import make_partner, make_policy

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_sends_write_one_package_per_partner(organisation, tags):
    if connection.vendor != "postgresql":
        pytest.skip("并发测试需要 PostgreSQL。")
    for name in ["制造业协会", "产业园", "商会"]:
        make_partner(name, industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])
    barrier = threading.Barrier(6)
    errors: list[Exception] = []

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            if n % 2:
                services.policies_match_new()
            else:
                services.packages_send(document=policy)
        except Exception as error:  # noqa: BLE001 - collected for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert RelayPackage.objects.filter(relay__document=policy).count() == 3
    assert OutboxMessage.objects.filter(key__startswith="relay.package").count() == 3
