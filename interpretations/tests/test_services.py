"""The 三同步 gate and the interpretation's status following its policy, through the
real workflow services of documents.services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from documents import services as document_services
from documents import signals
from documents.models import DocumentType, PolicyDocument
from documents.models import Status as DocumentStatus
from documents.services import TransitionBlocked
from factories import InterpretationFactory, make_draft
from interpretations import services
from interpretations.models import Interpretation, Status
from search.models import Kind, SearchEntry

pytestmark = pytest.mark.django_db

SIGNED_AT = dt.datetime(2024, 3, 5, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def normative(organisation, drafter):
    return make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, effective_date=dt.date(2024, 4, 1))


def to_signoff(document, drafter, reviewer) -> None:
    document_services.document_submit(document=document, user=drafter)
    document_services.document_approve_review(document=document, user=reviewer)


def test_a_normative_document_without_interpretation_cannot_be_sent_to_signoff(normative, drafter, reviewer):
    document_services.document_submit(document=normative, user=drafter)

    with pytest.raises(TransitionBlocked, match="三同步") as blocked:
        document_services.document_approve_review(document=normative, user=reviewer)

    assert "送审签" in str(blocked.value) and "起草" in str(blocked.value)
    normative.refresh_from_db()
    assert normative.status == DocumentStatus.PENDING_REVIEW
    assert not normative.transitions.filter(action="approve_review").exists()


def test_signing_is_refused_without_a_drafted_interpretation(normative, signer):
    PolicyDocument.objects.filter(pk=normative.pk).update(status=DocumentStatus.PENDING_SIGNOFF)
    normative.refresh_from_db()

    with pytest.raises(TransitionBlocked, match="不能审签发布"):
        document_services.document_sign(document=normative, user=signer)

    normative.refresh_from_db()
    assert normative.status == DocumentStatus.PENDING_SIGNOFF
    assert normative.published_at is None


def test_a_document_staff_flagged_needs_one_too(organisation, drafter, reviewer):
    flagged = make_draft(organisation, drafter, interpretation_required=True)
    document_services.document_submit(document=flagged, user=drafter)

    with pytest.raises(TransitionBlocked):
        document_services.document_approve_review(document=flagged, user=reviewer)


def test_a_withdrawn_interpretation_does_not_open_the_gate(normative, drafter, reviewer):
    InterpretationFactory(document=normative, status=Status.WITHDRAWN)
    document_services.document_submit(document=normative, user=drafter)

    with pytest.raises(TransitionBlocked):
        document_services.document_approve_review(document=normative, user=reviewer)


def test_a_notice_needs_no_interpretation(organisation, drafter, reviewer, signer):
    notice = make_draft(organisation, drafter, doc_type=DocumentType.NOTICE)
    to_signoff(notice, drafter, reviewer)
    document_services.document_sign(document=notice, user=signer)
    notice.refresh_from_db()
    assert notice.status == DocumentStatus.PUBLISHED


def test_review_marks_the_interpretation_reviewed_and_send_back_returns_it_to_draft(
    normative, drafter, reviewer, signer
):
    interpretation = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)
    interpretation.refresh_from_db()
    assert interpretation.status == Status.REVIEWED

    document_services.document_send_back(document=normative, user=signer, comment="解读的办事指引还要写清楚材料清单")
    interpretation.refresh_from_db()
    assert interpretation.status == Status.DRAFT


def test_signing_publishes_the_document_and_its_interpretation_at_the_same_moment(normative, drafter, reviewer, signer):
    interpretation = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)

    with time_machine.travel(SIGNED_AT, tick=False):
        document_services.document_sign(document=normative, user=signer)

    normative.refresh_from_db()
    interpretation.refresh_from_db()
    assert normative.published_at == SIGNED_AT
    assert interpretation.status == Status.PUBLISHED
    assert interpretation.published_at == normative.published_at
    assert interpretation.signed_by == signer
    assert list(Interpretation.objects.public()) == [interpretation]
    assert SearchEntry.objects.filter(kind=Kind.INTERPRETATION, object_id=interpretation.pk).exists()


def test_a_scheduled_document_takes_its_interpretation_along_at_the_scheduled_time(
    normative, drafter, reviewer, signer
):
    later = timezone.now() + dt.timedelta(days=2)
    normative.scheduled_publish_at = later
    normative.save()
    interpretation = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)
    document_services.document_sign(document=normative, user=signer)

    interpretation.refresh_from_db()
    assert interpretation.published_at == later
    assert not Interpretation.objects.public().exists()
    with time_machine.travel(later + dt.timedelta(minutes=1)):
        assert list(Interpretation.objects.public()) == [interpretation]


def test_if_publishing_fails_neither_the_document_nor_the_interpretation_is_published(
    normative, drafter, reviewer, signer
):
    interpretation = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)

    def fail(sender, **kwargs):
        raise RuntimeError("通知服务异常")

    signals.document_published.connect(fail, dispatch_uid="test-fail-after-publish")
    try:
        with pytest.raises(RuntimeError):
            document_services.document_sign(document=normative, user=signer)
    finally:
        signals.document_published.disconnect(dispatch_uid="test-fail-after-publish")

    normative.refresh_from_db()
    interpretation.refresh_from_db()
    assert normative.status == DocumentStatus.PENDING_SIGNOFF
    assert interpretation.status == Status.REVIEWED
    assert interpretation.published_at is None


def test_withdrawing_the_document_withdraws_its_interpretations(normative, drafter, reviewer, signer, administrator):
    interpretation = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)
    document_services.document_sign(document=normative, user=signer)
    follow_up = InterpretationFactory(
        document=normative, follow_up_of=interpretation, prompting_question="外地户籍能办吗？", published=True
    )

    document_services.document_withdraw(document=normative, user=signer, comment="依据的上位法已修改")

    for item in (interpretation, follow_up):
        item.refresh_from_db()
        assert item.status == Status.WITHDRAWN
        assert "依据的上位法已修改" in item.withdrawal_reason
    assert not Interpretation.objects.public().exists()
    assert not SearchEntry.objects.filter(kind=Kind.INTERPRETATION).exists()


def test_a_follow_up_is_published_by_the_signing_head_only(normative, drafter, reviewer, signer):
    original = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)
    document_services.document_sign(document=normative, user=signer)
    follow_up = InterpretationFactory(document=normative, follow_up_of=original, prompting_question="租房的能申请吗？")

    with pytest.raises(TransitionBlocked, match="审签负责人"):
        services.interpretation_publish(interpretation=follow_up, user=drafter)
    follow_up.refresh_from_db()
    assert follow_up.status == Status.DRAFT

    services.interpretation_publish(interpretation=follow_up, user=signer)
    follow_up.refresh_from_db()
    assert follow_up.status == Status.PUBLISHED
    assert follow_up.published_at >= normative.published_at


def test_a_signer_who_also_drafts_cannot_publish_the_follow_up_they_drafted(normative, drafter, reviewer, signer):
    original = InterpretationFactory(document=normative)
    to_signoff(normative, drafter, reviewer)
    document_services.document_sign(document=normative, user=signer)
    signer.groups.add(*drafter.groups.all())  # one person holding both 起草人 and 审签负责人
    own = InterpretationFactory(document=normative, follow_up_of=original, created_by=signer)

    with pytest.raises(TransitionBlocked, match="同一人不能既起草又审签"):
        services.interpretation_publish(interpretation=own, user=signer)

    own.refresh_from_db()
    assert own.status == Status.DRAFT and own.signed_by is None


def test_an_interpretation_of_an_unpublished_document_is_not_published_on_its_own(normative, signer):
    interpretation = InterpretationFactory(document=normative)

    with pytest.raises(TransitionBlocked, match="同步发布"):
        services.interpretation_publish(interpretation=interpretation, user=signer)
    interpretation.refresh_from_db()
    assert interpretation.status == Status.DRAFT


def test_a_published_interpretation_is_found_by_site_search(normative, drafter, reviewer, signer, citizen):
    interpretation = InterpretationFactory(
        document=normative, title="助餐卡办理指南", how_to_apply="<p>到居委会领取助餐卡。</p>"
    )
    link = f'href="{interpretation.get_absolute_url()}"'
    to_signoff(normative, drafter, reviewer)

    assert link not in citizen.get("/search/?q=助餐卡").content.decode()
    document_services.document_sign(document=normative, user=signer)

    assert link in citizen.get("/search/?q=助餐卡").content.decode()
