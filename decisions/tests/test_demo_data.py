from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from deadlines import services as deadline_services
from decisions import demo, services
from decisions.models import Catalogue, Decision, FeedbackReport, Opinion, Stage
from factories import client_for
from notifications.models import OutboxMessage
from organisations.demo import all_demo_accounts

pytestmark = pytest.mark.django_db

WASTE = "徐泾镇生活垃圾分类收集点布局调整方案"


@pytest.fixture
def loaded(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_decisions", stdout=io.StringIO())


def _user(username: str):
    return get_user_model().objects.get(username=username)


def test_demo_decisions_load_twice_without_duplicates(loaded):
    counts = (Catalogue.objects.count(), Decision.objects.count(), Opinion.objects.count())
    elevator = Decision.objects.get(title="徐泾镇既有多层住宅加装电梯补贴办法")
    elevator.stage = Stage.REVIEW  # a change made in the running demo is kept
    elevator.save(update_fields=["stage"])
    call_command("load_demo_decisions", stdout=io.StringIO())
    assert (Catalogue.objects.count(), Decision.objects.count(), Opinion.objects.count()) == counts
    elevator.refresh_from_db()
    assert elevator.stage == Stage.REVIEW


def test_demo_has_a_public_catalogue_and_a_decision_open_for_comment(loaded, citizen):
    year = timezone.localdate().year
    assert citizen.get(f"/decisions/{year}/").status_code == 200
    (open_decision,) = Decision.objects.open_for_comment()
    page = citizen.get(open_decision.get_absolute_url()).content.decode()
    assert "提交意见" in page
    waste = Decision.objects.get(title=WASTE)
    assert waste.stage == Stage.FEEDBACK
    assert "意见采纳情况反馈" in citizen.get(waste.get_absolute_url()).content.decode()


def test_the_decided_demo_decisions_link_their_own_result_documents(loaded, citizen):
    for decision in Decision.objects.filter(issued_on__isnull=False):
        document = decision.result_document
        assert f"《{decision.title}》" in document.title and document.is_public
        assert document.issuing_organisation.name == "徐泾镇人民政府"
        assert (
            f'决策结果文件：<a href="{document.get_absolute_url()}">'
            in citizen.get(decision.get_absolute_url()).content.decode()
        )


def test_every_demo_staff_account_has_an_e_mail_address(loaded):
    assert demo.ACCOUNTS and all(a.email.endswith("@xujing.example.gov.cn") for a in demo.ACCOUNTS)
    staff = _user("decision-staff")
    assert staff.email == "decision-staff@xujing.example.gov.cn" and staff.get_full_name()
    assert staff.groups.filter(name="决策承办人").exists()
    assert "decision-staff" in {a.username for a in all_demo_accounts()}


@pytest.mark.parametrize("username", ["drafter", "reviewer", "signer", "manager", "decision-staff"])
def test_each_demo_staff_member_has_decisions_to_work_on(loaded, username):
    user = _user(username)
    listing = client_for(user).get("/admin/decisions/decision/").content.decode()
    own = Decision.objects.filter(organisation=user.staff_profile.organisation)
    assert own.exists() and all(d.title in listing for d in own)
    if username == "manager":  # 管理员 is town-wide
        assert all(d.title in listing for d in Decision.objects.all())


def test_the_party_office_has_opinions_to_dispose_and_a_report_to_draft_and_publish(loaded):
    drafter, signer = _user("drafter"), _user("signer")
    decision = Decision.objects.get(organisation__name="徐泾镇党政办公室", stage=Stage.DECIDED)
    pending = list(services.undisposed_opinions(decision))
    assert len(pending) == 3
    for opinion in pending:
        services.opinion_dispose(opinion=opinion, disposition="adopted", reason="", user=drafter)
    report = services.feedback_report_draft(decision=decision, user=drafter)
    assert "不予采纳1条" in report.body and "未予采纳的理由：全部更换所需资金超出" in report.body
    services.feedback_report_publish(report=report, user=signer)
    decision.refresh_from_db()
    assert decision.stage == Stage.FEEDBACK and FeedbackReport.objects.get(decision=decision).is_published


@time_machine.travel(dt.datetime(2026, 12, 1, 1, tzinfo=dt.UTC))
def test_the_demo_reminds_the_party_office_staff_of_their_feedback_deadline(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_decisions", stdout=io.StringIO())
    deadline_services.deadlines_sweep(today=dt.date(2026, 12, 1))
    decision = Decision.objects.get(organisation__name="徐泾镇党政办公室", stage=Stage.DECIDED)
    reminded = {
        m.recipients[0] for m in OutboxMessage.objects.filter(key__startswith="deadline:") if decision.title in m.body
    }
    assert "drafter@xujing.example.gov.cn" in reminded and "signer@xujing.example.gov.cn" in reminded
