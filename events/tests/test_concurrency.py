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


def test_the_same_code_answering_at_the_same_moment_gives_one_answer_set(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("并发测试需要 PostgreSQL。")
    import datetime as dt

    from events.models import Question, QuestionKind, Questionnaire, QuestionnaireResponse

    event = make_event(organisation)
    session = make_session(event, days=-1)
    questionnaire = services.questionnaire_save(questionnaire=Questionnaire(event=event, accepting=True))
    rating = services.question_save(
        question=Question(questionnaire=questionnaire, text="总体评价", kind=QuestionKind.RATING)
    )
    receipt = services.registration_register(
        session_id=session.pk,
        name="甲",
        phone="13600000001",
        party_size=1,
        now=session.starts_at() - dt.timedelta(days=1),
    )
    services.registration_check_in(registration=receipt.registration, now=session.starts_at())
    barrier = threading.Barrier(4)
    refused: list[str] = []

    def answer() -> None:
        try:
            barrier.wait()
            services.questionnaire_answer(questionnaire=questionnaire, code=receipt.code, answers={rating.pk: 4})
        except services.QuestionnaireError as error:
            refused.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert QuestionnaireResponse.objects.count() == 1
    assert len(refused) == 3 and all("只能填写一次" in text for text in refused)
