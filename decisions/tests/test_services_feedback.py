"""Grouping, dispositions, the drafted report's numbers, publishing and the commenters' e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import services as deadline_services
from deadlines.models import Deadline
from decisions import services
from decisions.models import Activity, Disposition, FeedbackReport, Opinion, OpinionGroup, Stage
from factories import DecisionFactory, OpinionFactory, put_in_stage, result_document
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

SAME = "反对在小区东门设置湿垃圾收集点，要求迁到北侧绿地旁边。"


@pytest.fixture
def issued(organisation, drafter):
    """A decision issued on Wed 2023-09-27, its feedback clock running (due 2023-10-17)."""
    decision = DecisionFactory(
        organisation=organisation,
        comment_opens_on=dt.date(2023, 8, 1),
        comment_closes_on=dt.date(2023, 8, 31),
        issued_on=dt.date(2023, 9, 27),
        result_document=result_document(),
    )
    put_in_stage(decision, Stage.DELIBERATION, drafter)
    with time_machine.travel(dt.date(2023, 9, 27)):
        services.decision_advance(decision=decision, to_stage=Stage.DECIDED, user=drafter)
    decision.refresh_from_db()
    return decision


def test_near_identical_opinions_are_grouped(issued, drafter):
    copies = [OpinionFactory(decision=issued, body=SAME + "！" * i) for i in range(4)]
    other = OpinionFactory(decision=issued, body="建议投放时间延长到晚上9点。")
    groups = services.opinion_group_similar(decision=issued, user=drafter)
    assert len(groups) == 1
    for opinion in copies:
        opinion.refresh_from_db()
        assert opinion.group == groups[0]
    other.refresh_from_db()
    assert other.group is None


def test_a_new_copy_joins_the_existing_group(issued, drafter):
    for _ in range(2):
        OpinionFactory(decision=issued, body=SAME)
    (group,) = services.opinion_group_similar(decision=issued, user=drafter)
    late = OpinionFactory(decision=issued, body=SAME + "。")
    services.opinion_group_similar(decision=issued, user=drafter)
    late.refresh_from_db()
    assert late.group == group
    assert OpinionGroup.objects.count() == 1


def test_a_group_is_decided_once_for_all_its_members(issued, drafter):
    for _ in range(3):
        OpinionFactory(decision=issued, body=SAME)
    (group,) = services.opinion_group_similar(decision=issued, user=drafter)
    services.opinion_group_dispose(group=group, disposition=Disposition.NOT_ADOPTED, reason="消防通道。", user=drafter)
    assert {o.effective_disposition for o in Opinion.objects.all()} == {Disposition.NOT_ADOPTED}
    assert not services.undisposed_opinions(issued).exists()


def test_not_adopted_needs_a_reason(issued, drafter):
    opinion = OpinionFactory(decision=issued)
    with pytest.raises(Exception, match="不予采纳必须说明理由"):
        services.opinion_dispose(opinion=opinion, disposition=Disposition.NOT_ADOPTED, reason=" ", user=drafter)
    opinion.refresh_from_db()
    assert opinion.disposition == ""


def _dispose_mixed(decision, drafter):
    for i in range(5):
        OpinionFactory(decision=decision, body=SAME + "！" * i)
    (group,) = services.opinion_group_similar(decision=decision, user=drafter)
    services.opinion_group_dispose(
        group=group, disposition=Disposition.NOT_ADOPTED, reason="北侧绿地为消防通道。", user=drafter
    )
    adopted = OpinionFactory(decision=decision, body="建议投放时间延长到晚上9点。")
    services.opinion_dispose(opinion=adopted, disposition=Disposition.ADOPTED, reason="", user=drafter)
    activity = Activity.objects.create(
        decision=decision,
        kind=Activity.Kind.HEARING,
        held_on=dt.date(2023, 8, 20),
        participants=23,
        participants_description="居民代表18人、企业代表5人",
    )
    for kind in (Opinion.SubmitterType.ENTERPRISE, Opinion.SubmitterType.CITIZEN):
        opinion = OpinionFactory(
            decision=decision,
            channel=Opinion.Channel.HEARING,
            activity=activity,
            submitter_type=kind,
            body=f"{kind}：建议给志愿者发放补贴，按服务时长计算。",
        )
        services.opinion_dispose(opinion=opinion, disposition=Disposition.PARTLY, reason="以积分代替。", user=drafter)


def test_the_draft_states_the_numbers_of_the_dispositions(issued, drafter):
    _dispose_mixed(issued, drafter)
    figures = services.feedback_figures(issued)
    assert figures["totals"] == {"total": 8, "adopted": 1, "partly": 2, "not_adopted": 5, "pending": 0}
    assert figures["by_channel"]["网上征求意见"]["total"] == 6
    assert figures["by_channel"]["听证会"]["total"] == 2
    report = services.feedback_report_draft(decision=issued, user=drafter)
    assert "共收到意见8条" in report.body
    assert "网上征求意见：6条" in report.body and "听证会：2条" in report.body
    assert "采纳1条，部分采纳2条，不予采纳5条" in report.body
    assert "2023年8月20日听证会，23人参加（居民代表18人、企业代表5人）" in report.body
    assert "共5条" in report.body and "北侧绿地为消防通道。" in report.body


def test_a_report_with_undisposed_opinions_cannot_be_published(issued, drafter, signer):
    OpinionFactory(decision=issued)
    report = services.feedback_report_draft(decision=issued, user=drafter)
    with pytest.raises(services.ReportBlocked, match="还有 1 条意见没有处理结果"):
        services.feedback_report_publish(report=report, user=signer)
    report.refresh_from_db()
    assert report.published_at is None


def test_publishing_meets_the_deadline_moves_the_stage_and_tells_each_commenter_once(issued, drafter, signer):
    _dispose_mixed(issued, drafter)
    Opinion.objects.filter(pk__in=Opinion.objects.order_by("id").values("pk")[:2]).update(contact_email="a@example.com")
    Opinion.objects.filter(pk=Opinion.objects.order_by("id").last().pk).update(contact_email="B@example.com")
    report = services.feedback_report_draft(decision=issued, user=drafter)
    with time_machine.travel(dt.date(2023, 10, 16)):
        services.feedback_report_publish(report=report, user=signer)
    issued.refresh_from_db()
    assert issued.stage == Stage.FEEDBACK
    assert issued.feedback_state(dt.date(2023, 10, 20)) == "published"
    deadline = deadline_services.deadline_for(issued, services.FEEDBACK_KIND)
    assert deadline.state == Deadline.State.MET
    mails = OutboxMessage.objects.filter(key__startswith=f"decisions:feedback:{issued.pk}:")
    assert sorted(m.recipients[0] for m in mails) == ["a@example.com", "b@example.com"]
    assert all(issued.title in m.subject for m in mails)
    # Publishing again is refused and sends nothing more.
    with pytest.raises(services.ReportBlocked):
        services.feedback_report_publish(report=report, user=signer)
    services._notify_commenters(issued)
    assert OutboxMessage.objects.filter(key__startswith="decisions:feedback:").count() == 2


def test_a_late_report_is_marked_late(issued, drafter, signer):
    report = services.feedback_report_draft(decision=issued, user=drafter)
    assert issued.feedback_state(dt.date(2023, 10, 17)) == "pending"
    assert issued.feedback_state(dt.date(2023, 10, 18)) == "late"
    with time_machine.travel(dt.date(2023, 10, 19)):
        services.feedback_report_publish(report=report, user=signer)
    issued.refresh_from_db()
    assert issued.feedback_state(dt.date(2023, 10, 19)) == "published_late"


@time_machine.travel(dt.date(2023, 9, 15))
def test_no_draft_while_the_public_may_still_comment(open_decision, drafter):
    OpinionFactory(decision=open_decision)
    with pytest.raises(services.ReportBlocked, match="征求意见期到 2023年9月30日 才结束"):
        services.feedback_report_draft(decision=open_decision, user=drafter)
    assert not FeedbackReport.objects.exists()


def test_a_draft_with_undisposed_opinions_is_labelled_and_cannot_be_published(issued, drafter, signer):
    pending = OpinionFactory(decision=issued)
    report = services.feedback_report_draft(decision=issued, user=drafter)
    assert report.body.startswith("初稿（尚有1条意见未处理") and "尚未处理1条" in report.body
    services.opinion_dispose(opinion=pending, disposition=Disposition.ADOPTED, reason="", user=drafter)
    with pytest.raises(services.ReportBlocked, match="请重新生成反馈报告草稿"):
        services.feedback_report_publish(report=report, user=signer)
    report = services.feedback_report_draft(decision=issued, user=drafter, replace=True)
    assert not report.is_preliminary
    with time_machine.travel(dt.date(2023, 10, 16)):
        services.feedback_report_publish(report=report, user=signer)
    report.refresh_from_db()
    assert report.is_published


def test_every_not_adopted_opinion_is_in_the_report_with_its_reason(issued, drafter):
    _dispose_mixed(issued, drafter)
    single = OpinionFactory(decision=issued, body="建议取消收集点，请联系我13812345678。")
    services.opinion_dispose(
        opinion=single, disposition=Disposition.NOT_ADOPTED, reason="收集点是法定配套设施，不能取消。", user=drafter
    )
    body = services.feedback_report_draft(decision=issued, user=drafter).body
    others = body.split("四、其他未予采纳的意见及理由")[1]
    assert "建议取消收集点" in others and "收集点是法定配套设施，不能取消。" in others
    assert "13812345678" not in body  # personal data in an opinion's text is masked
    assert "北侧绿地为消防通道。" in body.split("三、")[1].split("四、")[0]  # the widely held one, as before
