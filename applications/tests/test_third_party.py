"""Third-party consultation (Art. 32) on real dates: the reply clock stops from the day the
letter is sent and goes on when the view is recorded, the waiting time excluded; disclosure
against an objection needs the public-interest reason, and the third party is to be told.
Each expected date was counted by hand from the calendar (see test_clock.py):

- National Day 2025: 1-8 Oct off; Sun 28 Sep and Sat 11 Oct working.
- Received Fri 26 Sep 2025 in person: the reply is due Thu 30 Oct 2025.
- Letter Mon 29 Sep: the third party answers by Mon 27 Oct (15 working days: 30 Sep, 9-11,
  13-17, 20-24, 27 Oct).
- Qingming 2026: 4-6 Apr off (the admin tests: received Mon 2 Mar 2026, due Mon 30 Mar).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import clock, deadline_rules, services
from applications.models import ApplicationEvent, Outcome, Status, ThirdPartyView
from deadlines.models import Deadline
from factories import client_for

pytestmark = pytest.mark.django_db

D = dt.date
Action = ApplicationEvent.Action
SEP_26 = timezone.make_aware(dt.datetime(2025, 9, 26, 10, 0))
SEP_29, OCT_10 = D(2025, 9, 29), D(2025, 10, 10)
LETTER = "贵公司2025年度道路养护合同的金额是否同意公开？请于15个工作日内书面答复。"


@pytest.fixture
def received(new_application, organisation):
    """Received Fri 26 Sep 2025 at the counter, dispatched to the persona organisation."""
    return new_application(submitted_at=SEP_26, organisation=organisation).application


def _consult(application, user, on=SEP_29):
    return services.application_consult_third_party(
        application=application, user=user, party="上海某某建设有限公司", letter=LETTER, on=on
    )


def _objected(application, user, on=OCT_10):
    return services.application_third_party_answered(
        application=application, user=user, on=on, view="不同意公开", note="涉及商业秘密。"
    )


def test_the_letter_stops_the_reply_clock_and_starts_the_third_party_s(received, handler):
    _consult(received, handler)

    assert (received.status, received.due_on) == (Status.THIRD_PARTY, None)
    assert (received.third_party_sent_on, received.third_party_due_on) == (D(2025, 9, 29), D(2025, 10, 27))
    assert deadline_rules.reply_deadline_for(received).paused_since == D(2025, 9, 29)
    third = deadline_rules.third_party_deadline_for(received)
    assert (third.due_date, third.working_days, third.is_active) == (D(2025, 10, 27), 15, True)
    assert third.due_date == clock.third_party_due_on(D(2025, 9, 29))
    assert "第三十二条" in third.legal_basis
    visible = received.events.filter(visible_to_applicant=True, action=Action.CONSULTATION).get()
    assert "不计算在答复期限内" in visible.comment and "某某建设" not in visible.comment


def test_the_answer_over_national_day_resumes_the_clock_without_the_waiting_time(received, handler):
    _consult(received, handler)

    _objected(received, handler)

    # Counted: 28, 29 Sep; excluded 30 Sep, 9, 10 Oct; then 11 Oct (make-up Saturday), 13-17,
    # 20-24, 27-31 Oct, 3, 4 Nov: Tue 4 Nov, three working days after 30 Oct.
    received.refresh_from_db()
    assert (received.status, received.third_party_view, received.third_party_answered_on) == (
        Status.IN_PROGRESS,
        ThirdPartyView.OBJECTED,
        D(2025, 10, 10),
    )
    assert received.due_on == D(2025, 11, 4)
    assert received.due_on == clock.reply_due_on(D(2025, 9, 26), paused=[(D(2025, 9, 30), D(2025, 10, 10))])
    reply = deadline_rules.reply_deadline_for(received)
    assert (reply.due_date, reply.paused_since) == (D(2025, 11, 4), None)
    assert [(p.paused_on, p.resumed_on) for p in reply.pauses.all()] == [(D(2025, 9, 29), D(2025, 10, 10))]
    third = deadline_rules.third_party_deadline_for(received)
    assert (third.state, third.closed_on) == (Deadline.State.MET, D(2025, 10, 10))
    last = received.events.filter(visible_to_applicant=True).last()
    assert "2025年09月29日至2025年10月10日" in last.comment and "2025年11月04日" in last.comment


def test_no_answer_counts_only_the_third_party_s_fifteen_days(received, handler):
    _consult(received, handler)
    with pytest.raises(services.ApplicationError, match="尚未届满"):
        services.application_third_party_answered(
            application=received, user=handler, on=D(2025, 10, 27), view="逾期未答复", note=""
        )

    services.application_third_party_answered(
        application=received, user=handler, on=D(2025, 10, 29), view=ThirdPartyView.NO_ANSWER, note=""
    )

    # Excluded 30 Sep to 27 Oct (15 working days), not the two days until it was recorded:
    # 28, 29 Sep, then 28-31 Oct, 3-7, 10-14, 17-20 Nov.
    received.refresh_from_db()
    assert received.due_on == D(2025, 11, 20)
    assert received.due_on == clock.reply_due_on(D(2025, 9, 26), paused=[(D(2025, 9, 30), D(2025, 10, 27))])
    assert deadline_rules.third_party_deadline_for(received).state == Deadline.State.CANCELLED


def test_a_consultation_during_an_extension_returns_to_the_extension(received, handler, application_signer):
    services.application_extend(
        application=received, user=application_signer, days=5, reason="需要调取档案。", on=D(2025, 9, 29)
    )
    _consult(received, handler, on=D(2025, 9, 30))
    services.application_third_party_answered(
        application=received, user=handler, on=D(2025, 10, 9), view="同意公开", note=""
    )

    # 30 Oct + 5 (31 Oct, 3-6 Nov) + 1 excluded (9 Oct): Fri 7 Nov.
    assert (received.status, received.due_on) == (Status.EXTENDED, D(2025, 11, 7))
    assert received.due_on == clock.reply_due_on(
        D(2025, 9, 26), paused=[(D(2025, 10, 1), D(2025, 10, 9))], extension_days=5
    )


def test_a_consultation_is_sent_once_and_only_while_handling(received, handler):
    services.application_request_correction(application=received, user=handler, items="请补充年度。", on=D(2025, 9, 29))
    with pytest.raises(services.ApplicationError, match="不能征求第三方意见"):
        _consult(received, handler)
    services.application_correction_received(application=received, user=handler, on=D(2025, 9, 30))
    _consult(received, handler, on=D(2025, 10, 9))
    _objected(received, handler, on=D(2025, 10, 10))

    with pytest.raises(services.ApplicationError, match="已经征求过"):
        _consult(received, handler, on=D(2025, 10, 13))


def test_a_consultation_needs_the_party_and_the_letter(received, handler):
    with pytest.raises(ValidationError) as error:
        services.application_consult_third_party(application=received, user=handler, party=" ", letter=LETTER)
    assert "party" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.application_consult_third_party(application=received, user=handler, party="某公司", letter="")
    assert "letter" in error.value.message_dict


def test_only_the_handling_organisation_s_handler_consults(received, other_handler, application_signer):
    for user in (other_handler, application_signer):
        with pytest.raises(PermissionDenied):
            _consult(received, user)


def test_disclosure_against_the_objection_needs_the_public_interest_reason(received, handler, application_signer):
    _consult(received, handler)
    _objected(received, handler)

    for outcome in (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED):
        with pytest.raises(ValidationError) as error:
            services.application_reply_draft(application=received, user=handler, outcome=outcome, note="见附件。")
        assert "公共利益" in error.value.message_dict["public_interest_reason"][0]
    received.refresh_from_db()
    assert received.outcome == ""

    reason = "合同金额涉及公共财政资金使用，不公开可能对公共利益造成重大影响。"
    services.application_reply_draft(
        application=received, user=handler, outcome=Outcome.DISCLOSED, note="见附件。", public_interest_reason=reason
    )
    services.application_reply_sign(application=received, user=application_signer, on=D(2025, 10, 20))

    told = received.events.filter(action=Action.CONSULTATION).last()
    assert "书面告知第三方" in told.comment and reason in told.comment and "上海某某建设有限公司" in told.comment
    assert not told.visible_to_applicant
    assert received.public_interest_reason == reason


def test_withholding_after_the_objection_needs_no_reason_and_tells_nobody(received, handler, application_signer):
    _consult(received, handler)
    _objected(received, handler)

    services.application_reply_draft(
        application=received, user=handler, outcome=Outcome.WITHHELD, reason="withheld_third_party_rights"
    )
    services.application_reply_sign(application=received, user=application_signer, on=D(2025, 10, 20))

    assert not received.events.filter(action=Action.CONSULTATION, comment__contains="书面告知第三方").exists()


def test_a_public_interest_reason_without_an_objection_is_refused(received, handler):
    with pytest.raises(ValidationError) as error:
        services.application_reply_draft(
            application=received, user=handler, outcome=Outcome.DISCLOSED, public_interest_reason="公共利益"
        )
    assert "public_interest_reason" in error.value.message_dict


# --- Through the admin's buttons ---------------------------------------------------

TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def application(new_application, organisation):
    with time_machine.travel(TODAY, tick=False):
        yield new_application(organisation=organisation).application


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


def _change(application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def test_consultation_then_the_view_through_the_buttons(application, handler, application_signer):
    client = client_for(handler)
    assert _step(application, "consult") in client.get(_change(application)).content.decode()
    assert _step(application, "third_party_answered") not in client.get(_change(application)).content.decode()

    data = {"consult-party": "某某物业公司", "consult-letter": LETTER, "consult-on": "2026-03-03"}
    assert client.post(_step(application, "consult"), data).status_code == 302
    application.refresh_from_db()
    assert (application.status, application.due_on, application.third_party_due_on) == (
        Status.THIRD_PARTY,
        None,
        D(2026, 3, 24),  # 4-6, 9-13, 16-20, 23-24 Mar
    )
    page = client.get(_change(application)).content.decode()
    assert _step(application, "consult") not in page and _step(application, "third_party_answered") in page

    data = {"third_party_answered-view": "objected", "third_party_answered-on": "2026-03-10"}
    assert client.post(_step(application, "third_party_answered"), data).status_code == 302
    application.refresh_from_db()
    # Excluded 4-6, 9-10 Mar: 30 Mar + 5 = 31 Mar, 1-3 Apr, 7 Apr (Qingming 4-6 Apr off).
    assert (application.status, application.due_on) == (Status.IN_PROGRESS, D(2026, 4, 7))

    draft = {"draft-outcome": Outcome.DISCLOSED, "draft-note": "见附件。"}
    refused = client.post(_step(application, "draft"), draft)
    assert refused.status_code == 400 and "公共利益" in refused.content.decode()
    draft["draft-public_interest_reason"] = "涉及公共安全。"
    assert client.post(_step(application, "draft"), draft).status_code == 302
    application.refresh_from_db()
    assert application.public_interest_reason == "涉及公共安全。"


@pytest.mark.parametrize(
    ("persona", "key", "status"),
    [
        ("other_handler", "consult", 403),
        ("application_signer", "consult", 403),
        ("registrar", "consult", 403),
        ("handler", "third_party_answered", 409),  # nothing asked yet
    ],
)
def test_consultation_refusals(request, application, persona, key, status):
    data = {
        "consult-party": "某公司",
        "consult-letter": LETTER,
        "consult-on": "2026-03-03",
        "third_party_answered-view": "agreed",
        "third_party_answered-on": "2026-03-03",
    }
    response = client_for(request.getfixturevalue(persona)).post(_step(application, key), data)

    assert response.status_code == status
    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS
