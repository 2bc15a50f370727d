"""The workflow services: 草稿 → 待公开审查 → 待审签 → 已发布, send-back and withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from documents import services, signals
from documents.models import DocumentTransition, PolicyDocument, PrivacyFinding, Status
from factories import make_draft, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db
Action = DocumentTransition.Action


@pytest.fixture
def draft(organisation, drafter):
    return make_draft(organisation, drafter)


def publish(document, drafter, reviewer, signer) -> PolicyDocument:
    services.document_submit(document=document, user=drafter)
    services.document_approve_review(document=document, user=reviewer)
    return services.document_sign(document=document, user=signer)


def test_a_draft_goes_through_review_and_signing_to_publication(draft, drafter, reviewer, signer):
    services.document_submit(document=draft, user=drafter, comment="请审查")
    draft.refresh_from_db()
    assert draft.status == Status.PENDING_REVIEW

    services.document_approve_review(document=draft, user=reviewer, comment="公开属性无误")
    draft.refresh_from_db()
    assert draft.status == Status.PENDING_SIGNOFF
    assert draft.reviewed_by == reviewer

    with time_machine.travel(dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC), tick=False):
        services.document_sign(document=draft, user=signer)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.signed_by == signer
    assert draft.published_at == dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)

    records = list(
        draft.transitions.order_by("id").values_list("action", "from_status", "to_status", "actor__username", "comment")
    )
    assert records == [
        (Action.SUBMIT, Status.DRAFT, Status.PENDING_REVIEW, "drafter", "请审查"),
        (Action.APPROVE_REVIEW, Status.PENDING_REVIEW, Status.PENDING_SIGNOFF, "reviewer", "公开属性无误"),
        (Action.SIGN, Status.PENDING_SIGNOFF, Status.PUBLISHED, "signer", ""),
    ]


def test_a_scheduled_document_is_published_at_its_time_not_before(draft, drafter, reviewer, signer):
    later = timezone.now() + dt.timedelta(days=2)
    draft.scheduled_publish_at = later
    draft.save()
    publish(draft, drafter, reviewer, signer)
    draft.refresh_from_db()
    assert draft.published_at == later
    assert not PolicyDocument.objects.public().filter(pk=draft.pk).exists()
    with time_machine.travel(later + dt.timedelta(minutes=1)):
        assert PolicyDocument.objects.public().filter(pk=draft.pk).exists()


def test_a_scheduled_time_already_past_publishes_now(draft, drafter, reviewer, signer):
    draft.scheduled_publish_at = timezone.now() - dt.timedelta(days=3)
    draft.save()
    publish(draft, drafter, reviewer, signer)
    draft.refresh_from_db()
    assert timezone.now() - draft.published_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize("step", ["review", "signoff"])
def test_send_back_needs_a_reason_and_returns_the_draft(step, draft, drafter, reviewer, signer):
    services.document_submit(document=draft, user=drafter)
    actor = reviewer
    if step == "signoff":
        services.document_approve_review(document=draft, user=reviewer)
        actor = signer
    with pytest.raises(services.TransitionBlocked, match="理由"):
        services.document_send_back(document=draft, user=actor, comment="  ")
    services.document_send_back(document=draft, user=actor, comment="请补充施行日期")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.reviewed_by is None
    assert draft.status_comment == "请补充施行日期"
    assert draft.transitions.last().action == Action.SEND_BACK


def test_the_drafter_withdraws_a_submission_back_to_draft(draft, drafter):
    services.document_submit(document=draft, user=drafter)
    with pytest.raises(services.TransitionBlocked, match="理由"):
        services.document_withdraw(document=draft, user=drafter)
    services.document_withdraw(document=draft, user=drafter, comment="附件传错了")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_withdrawing_a_published_document_takes_it_off_public_pages(draft, drafter, reviewer, signer):
    publish(draft, drafter, reviewer, signer)
    assert PolicyDocument.objects.public().filter(pk=draft.pk).exists()
    services.document_withdraw(document=draft, user=signer, comment="内容有误，重新发文")
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    assert not PolicyDocument.objects.public().filter(pk=draft.pk).exists()
    assert draft.transitions.last().comment == "内容有误，重新发文"


def test_no_one_performs_two_steps(organisation, draft, drafter, reviewer, signer):
    both = make_staff(roles.REVIEWER, organisation, "reviewer-and-signer")
    both.groups.add(*signer.groups.all())
    services.document_submit(document=draft, user=drafter)
    services.document_approve_review(document=draft, user=both)
    with pytest.raises(services.TransitionBlocked, match="同一人不能承担两个环节"):
        services.document_sign(document=draft, user=both)
    draft.refresh_from_db()
    assert draft.status == Status.PENDING_SIGNOFF


def test_the_submitter_cannot_review_their_own_submission(organisation, draft, drafter):
    drafter.groups.add(*make_staff(roles.REVIEWER, organisation, "r2").groups.all())
    services.document_submit(document=draft, user=drafter)
    with pytest.raises(services.TransitionBlocked, match="同一人"):
        services.document_approve_review(document=draft, user=drafter)


def test_a_step_out_of_order_is_refused(draft, signer):
    with pytest.raises(services.TransitionBlocked, match="草稿"):
        services.document_sign(document=draft, user=signer)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.transitions.exists()


def test_a_stale_copy_cannot_move_the_document_twice(draft, drafter):
    stale = PolicyDocument.objects.get(pk=draft.pk)
    services.document_submit(document=draft, user=drafter)
    with pytest.raises(services.TransitionBlocked, match="刷新"):
        services.document_submit(document=stale, user=drafter)
    assert draft.transitions.count() == 1


def test_an_incomplete_document_cannot_be_submitted(organisation, drafter):
    document = make_draft(organisation, drafter, doc_type="normative", doc_number="")
    with pytest.raises(services.TransitionBlocked, match="发文字号"):
        services.document_submit(document=document, user=drafter)


# --- privacy scan ---


def test_a_finding_blocks_review_until_waived_with_a_reason(organisation, drafter, reviewer, signer):
    document = make_draft(organisation, drafter, body="<p>联系人：王老师，电话 13812345678。</p>")
    services.document_submit(document=document, user=drafter)
    finding = document.privacy_findings.get()
    assert (finding.kind, finding.text, finding.state) == ("mobile", "138****5678", PrivacyFinding.State.OPEN)
    assert finding.context.endswith("联系人：王老师，电话 138****5678。")  # readable text, no markup, masked
    assert "<" not in finding.context
    assert "13812345678" not in finding.fingerprint
    with pytest.raises(services.TransitionBlocked, match="隐私扫描"):
        services.document_approve_review(document=document, user=reviewer)
    with pytest.raises(services.TransitionBlocked, match="理由"):
        services.finding_waive(finding=finding, user=reviewer, reason="")

    services.finding_waive(finding=finding, user=reviewer, reason="这是公开的办事咨询电话")
    finding.refresh_from_db()
    assert finding.state == PrivacyFinding.State.WAIVED
    assert finding.waived_by == reviewer
    assert document.transitions.filter(action=Action.WAIVE).exists()
    services.document_approve_review(document=document, user=reviewer)
    services.document_sign(document=document, user=signer)
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED


def test_a_fixed_finding_no_longer_blocks_and_a_waiver_survives_a_rescan(organisation, drafter, reviewer):
    body = "<p>电话 13812345678，邮箱 wang@example.com。</p>"
    document = make_draft(organisation, drafter, body=body)
    services.document_submit(document=document, user=drafter)
    mobile = document.privacy_findings.get(kind="mobile")
    services.finding_waive(finding=mobile, user=reviewer, reason="公开热线")

    document.body = "<p>电话 13812345678。</p>"  # the reviewer removes the e-mail address
    document.save()
    open_findings = services.document_scan_privacy(document=document)

    assert open_findings == []
    assert document.privacy_findings.get(kind="email").state == PrivacyFinding.State.FIXED
    assert document.privacy_findings.get(kind="mobile").state == PrivacyFinding.State.WAIVED
    services.document_approve_review(document=document, user=reviewer)


def test_the_scan_covers_attachment_text(organisation, drafter):
    document = make_draft(organisation, drafter)
    document.attachments.create(
        file="attachments/x.pdf", original_name="名单.pdf", kind="pdf", size=10, text="张三 11010519491231002X"
    )
    findings = services.document_scan_privacy(document=document)
    assert [(f.source, f.kind) for f in findings] == [("附件：名单.pdf", "id_card")]


# --- signals ---


def test_signals_are_sent_and_a_receiver_can_block(draft, drafter, reviewer, signer):
    seen = []

    def on_before(sender, document, action, user, **kwargs):
        seen.append(("before", action))
        if action == Action.SIGN:
            raise services.TransitionBlocked("请先发布配套政策解读。")

    def on_published(sender, document, user, **kwargs):
        seen.append(("published", document.status))

    signals.before_transition.connect(on_before)
    signals.document_published.connect(on_published)
    try:
        services.document_submit(document=draft, user=drafter)
        services.document_approve_review(document=draft, user=reviewer)
        with pytest.raises(services.TransitionBlocked, match="政策解读"):
            services.document_sign(document=draft, user=signer)
    finally:
        signals.before_transition.disconnect(on_before)
        signals.document_published.disconnect(on_published)
    draft.refresh_from_db()
    assert draft.status == Status.PENDING_SIGNOFF
    assert seen == [("before", Action.SUBMIT), ("before", Action.APPROVE_REVIEW), ("before", Action.SIGN)]


def test_published_and_withdrawn_signals_carry_the_document(draft, drafter, reviewer, signer):
    seen = []

    def on_published(sender, document, user, **kwargs):
        seen.append(("published", document.status, document.published_at is not None, user.username))

    def on_withdrawn(sender, document, user, reason, **kwargs):
        seen.append(("withdrawn", document.status, reason, user.username))

    signals.document_published.connect(on_published)
    signals.document_withdrawn.connect(on_withdrawn)
    try:
        publish(draft, drafter, reviewer, signer)
        services.document_withdraw(document=draft, user=signer, comment="错发")
    finally:
        signals.document_published.disconnect(on_published)
        signals.document_withdrawn.disconnect(on_withdrawn)
    assert seen == [("published", Status.PUBLISHED, True, "signer"), ("withdrawn", Status.WITHDRAWN, "错发", "signer")]


def test_needs_interpretation(organisation, drafter):
    normative = make_draft(organisation, drafter, doc_type="normative")
    notice = make_draft(organisation, drafter, doc_type="notice")
    assert normative.needs_interpretation
    assert not notice.needs_interpretation
    notice.interpretation_required = True
    assert notice.needs_interpretation


# --- edits after publication ---


def test_an_edit_after_publication_is_recorded(draft, drafter, reviewer, signer):
    publish(draft, drafter, reviewer, signer)
    draft.summary = "新摘要"
    draft.save()
    record = services.document_record_edit(document=draft, user=signer, changed=["summary"])
    assert record.action == Action.EDIT
    assert record.comment == "修改了：摘要。"
    assert draft.transitions.filter(action=Action.EDIT).count() == 1
