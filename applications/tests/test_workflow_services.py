"""The statutory steps as services: who may do each (the role × step matrix: 403), what the
application's state blocks (409), the trail, and the notices to the applicant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from applications import services
from applications.models import ApplicationEvent, Outcome, OutcomeReason, Status
from applications.roles import SIGNER
from factories import PolicyDocumentFactory, make_staff
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

D = dt.date
Action = ApplicationEvent.Action


@pytest.fixture
def application(new_application, organisation):
    """Received Mon 2 Mar 2026 in person (due 30 Mar), handled by the persona organisation."""
    return new_application(organisation=organisation).application


@pytest.fixture
def other_signer(other_organisation):
    return make_staff(SIGNER, other_organisation, "apply-signer-other")


def _correct(application, user):
    return services.application_request_correction(
        application=application, user=user, items="请写明年度。", on=D(2026, 3, 3)
    )


def _extend(application, user):
    return services.application_extend(
        application=application, user=user, days=10, reason="需要调取档案。", on=D(2026, 3, 3)
    )


def _draft(application, user):
    return services.application_reply_draft(application=application, user=user, outcome=Outcome.DISCLOSED)


STEPS = {"correct": _correct, "extend": _extend, "draft": _draft}
# Who may do each step to an application of the persona organisation.
ALLOWED = {"correct": {"handler"}, "extend": {"application_signer"}, "draft": {"handler"}}
PERSONAS = ["registrar", "handler", "other_handler", "application_signer", "other_signer", "anonymous"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("step", list(STEPS))
def test_the_role_and_organisation_decide_who_may_do_a_step(request, application, step, persona):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)

    if persona in ALLOWED[step]:
        STEPS[step](application, user)
        assert application.events.filter(actor=user).exists()
    else:
        with pytest.raises(PermissionDenied):
            STEPS[step](application, user)
        assert not application.events.exclude(action__in=[Action.RECEIVED, Action.REGISTERED, Action.DISPATCHED])


def test_signing_needs_the_signer_of_the_handling_organisation(application, handler, application_signer, other_signer):
    _draft(application, handler)

    for user in (handler, other_signer, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.application_reply_sign(application=application, user=user, on=D(2026, 3, 20))
    services.application_reply_sign(application=application, user=application_signer, on=D(2026, 3, 20))
    assert application.status == Status.ANSWERED


def test_a_step_on_an_undispatched_application_is_blocked_not_forbidden(new_application, admin_user):
    application = new_application().application

    with pytest.raises(services.ApplicationError, match="尚未分办"):
        _correct(application, admin_user)


def test_the_correction_notice_lists_every_item_and_tells_the_applicant(application, handler):
    services.application_request_correction(
        application=application, user=handler, items="1. 请写明年度。\n2. 请写明道路名称。", days=10, on=D(2026, 3, 3)
    )

    application.refresh_from_db()
    # 10 working days after Tue 3 Mar: 4-6, 9-13, 16-17 Mar.
    assert (application.status, application.correction_due_on) == (Status.CORRECTION, D(2026, 3, 17))
    event = application.events.get(action=Action.CORRECTION)
    assert event.visible_to_applicant and "2. 请写明道路名称。" in event.comment and event.actor == handler
    notice = OutboxMessage.objects.get(key=f"application:{application.pk}:correction")
    assert notice.recipients == ["ouyang.private@example.com"]
    assert "2026-0001" in notice.body and "2026年03月17日" in notice.body and "2. 请写明道路名称。" in notice.body
    assert "欧阳秘密" not in notice.body and "13912345678" not in notice.body


def test_a_correction_is_asked_for_once_only(application, handler):
    _correct(application, handler)
    services.application_correction_received(application=application, user=handler, on=D(2026, 3, 5))

    with pytest.raises(services.ApplicationError, match="一次性告知"):
        _correct(application, handler)


def test_a_correction_without_items_is_refused(application, handler):
    with pytest.raises(services.ApplicationError, match="逐项列出"):
        services.application_request_correction(application=application, user=handler, items="  ")


def test_the_correction_received_needs_a_pending_correction(application, handler):
    with pytest.raises(services.ApplicationError, match="不在待补正状态"):
        services.application_correction_received(application=application, user=handler, on=D(2026, 3, 5))


def test_an_application_not_corrected_in_time_is_abandoned_and_recorded(application, handler):
    _correct(application, handler)  # period: 15 working days after 3 Mar, to 24 Mar

    with pytest.raises(services.ApplicationError, match="尚未届满"):
        services.application_abandon_uncorrected(application=application, on=D(2026, 3, 24))
    assert services.application_abandon_uncorrected(application=application, on=D(2026, 3, 25))
    assert not services.application_abandon_uncorrected(application=application, on=D(2026, 3, 26))  # twice: nothing

    application.refresh_from_db()
    assert (application.status, application.outcome, application.outcome_reason) == (
        Status.CLOSED,
        Outcome.OTHER,
        OutcomeReason.NO_CORRECTION,
    )
    event = application.events.get(action=Action.CLOSED)
    assert event.actor is None and event.visible_to_applicant and "视为放弃申请" in event.comment


def test_an_extension_is_refused_the_second_time(application, application_signer):
    _extend(application, application_signer)

    with pytest.raises(services.ApplicationError, match="只能延长一次"):
        _extend(application, application_signer)
    application.refresh_from_db()
    assert application.extension_days == 10


@pytest.mark.parametrize("days", [0, 21, True])
def test_an_extension_is_one_to_twenty_working_days(application, application_signer, days):
    with pytest.raises(services.ApplicationError, match="1至20个工作日"):
        services.application_extend(application=application, user=application_signer, days=days, reason="理由")


def test_an_extension_needs_a_reason_and_a_running_period(application, application_signer):
    with pytest.raises(services.ApplicationError, match="说明理由"):
        services.application_extend(application=application, user=application_signer, days=5, reason=" ")
    with pytest.raises(services.ApplicationError, match="已于2026年03月30日届满"):
        services.application_extend(
            application=application, user=application_signer, days=5, reason="理由", on=D(2026, 3, 31)
        )


def test_the_extension_is_visible_to_the_applicant_and_sent(application, application_signer):
    _extend(application, application_signer)

    event = application.events.get(action=Action.EXTENSION)
    # 30 Mar + 10 working days: 31 Mar, 1-3, 7-10, 13-14 Apr (Qingming: 4-6 Apr off).
    assert event.visible_to_applicant and "至2026年04月14日" in event.comment
    assert OutboxMessage.objects.filter(key=f"application:{application.pk}:extension").exists()


def test_no_notice_without_an_e_mail_address(new_application, organisation, application_signer):
    application = new_application(organisation=organisation, email="").application

    _extend(application, application_signer)

    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "reason", "field"),
    [
        (Outcome.WITHHELD, OutcomeReason.NOT_HELD, "outcome_reason"),  # another outcome's reason
        (Outcome.WITHHELD, "", "outcome_reason"),  # a reason is needed
        (Outcome.DISCLOSED, OutcomeReason.STATE_SECRET, "outcome_reason"),  # 予以公开 has none
        (Outcome.OTHER, OutcomeReason.NO_CORRECTION, "outcome_reason"),  # the portal's own
        ("nonsense", "", "outcome"),
    ],
)
def test_a_reply_whose_reason_does_not_match_its_outcome_is_refused(application, handler, outcome, reason, field):
    with pytest.raises(ValidationError) as error:
        services.application_reply_draft(application=application, user=handler, outcome=outcome, reason=reason)

    assert field in error.value.message_dict
    application.refresh_from_db()
    assert application.outcome == ""


def test_only_a_not_held_reply_names_the_competent_organ(application, handler):
    with pytest.raises(ValidationError, match="本机关不掌握"):
        services.application_reply_draft(
            application=application, user=handler, outcome=Outcome.DISCLOSED, competent_organ="青浦区规划资源局"
        )
    services.application_reply_draft(
        application=application,
        user=handler,
        outcome=Outcome.UNAVAILABLE,
        reason=OutcomeReason.NOT_HELD,
        competent_organ="青浦区规划资源局",
    )
    assert application.competent_organ == "青浦区规划资源局"


def test_a_disclosed_reply_links_the_published_document(application, handler, application_signer):
    document = PolicyDocumentFactory(title="徐泾镇道路养护经费使用情况", published=True)
    services.application_reply_draft(
        application=application, user=handler, outcome=Outcome.DISCLOSED, document=document
    )
    services.application_reply_sign(application=application, user=application_signer, on=D(2026, 3, 20))

    notice = OutboxMessage.objects.get(key=f"application:{application.pk}:reply")
    assert "《徐泾镇道路养护经费使用情况》" in notice.body and document.get_absolute_url() in notice.body
    with pytest.raises(ValidationError, match="予以公开或部分公开"):
        services.application_reply_draft(
            application=application,
            user=handler,
            outcome=Outcome.WITHHELD,
            reason=OutcomeReason.STATE_SECRET,
            document=document,
        )


def test_the_drafter_cannot_sign_their_own_reply(application, administrator):
    # The 管理员 role of the handling organisation may both draft and sign, but not the same reply.
    services.application_reply_draft(application=application, user=administrator, outcome=Outcome.DISCLOSED)

    with pytest.raises(services.ApplicationError, match="拟稿人不能审签"):
        services.application_reply_sign(application=application, user=administrator)


def test_there_is_nothing_to_sign_before_a_draft(application, application_signer):
    with pytest.raises(services.ApplicationError, match="还没有拟定的答复"):
        services.application_reply_sign(application=application, user=application_signer)


def test_the_signed_reply_is_in_the_trail_and_sent(application, handler, application_signer):
    services.application_reply_draft(
        application=application,
        user=handler,
        outcome=Outcome.WITHHELD,
        reason=OutcomeReason.PROCESS_INFORMATION,
        note="属于内部讨论记录。",
    )
    services.application_reply_sign(application=application, user=application_signer, on=D(2026, 3, 20))

    application.refresh_from_db()
    assert (application.status, application.replied_on) == (Status.ANSWERED, D(2026, 3, 20))
    assert (application.reply_drafted_by, application.reply_signed_by) == (handler, application_signer)
    draft, signed = application.events.filter(action=Action.REPLY)
    assert not draft.visible_to_applicant and signed.visible_to_applicant
    assert "不予公开（属于四类过程性信息）" in signed.comment
    notice = OutboxMessage.objects.get(key=f"application:{application.pk}:reply")
    assert "属于内部讨论记录。" in notice.body and "查询码" in notice.body  # it says where to look, never the code


def test_close_then_archive_each_an_event(application, handler, application_signer):
    with pytest.raises(services.ApplicationError, match="已答复"):
        services.application_close(application=application, user=handler)
    _draft(application, handler)
    services.application_reply_sign(application=application, user=application_signer, on=D(2026, 3, 20))
    with pytest.raises(services.ApplicationError, match="已办结"):
        services.application_archive(application=application, user=handler)

    services.application_close(application=application, user=handler, comment="已送达。")
    services.application_archive(application=application, user=handler)

    application.refresh_from_db()
    assert application.status == Status.ARCHIVED
    assert [e.action for e in application.events.all()][-2:] == [Action.CLOSED, Action.ARCHIVED]
    with pytest.raises(PermissionDenied):
        services.application_archive(application=application, user=application_signer)
