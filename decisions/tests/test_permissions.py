"""Scope and roles: staff act on their own unit's decisions; 管理员 and superusers town-wide.
Every rule has its refusal: the admin hides another unit's rows, the buttons and services say 403."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from decisions import permissions, services
from decisions.models import Disposition, FeedbackReport, Stage
from decisions.roles import DECISION_STAFF
from factories import DecisionFactory, OpinionFactory, client_for, make_staff, put_in_stage
from organisations import roles

pytestmark = pytest.mark.django_db

LIST = "/admin/decisions/decision/"


@pytest.fixture
def mine(organisation):
    return DecisionFactory(organisation=organisation, title="本单位的决策")


@pytest.fixture
def theirs(other_organisation):
    return DecisionFactory(organisation=other_organisation, title="其他单位的决策")


def test_the_decision_staff_role_exists_with_the_work_permissions():
    group = Group.objects.get(name=DECISION_STAFF)
    codes = set(group.permissions.values_list("codename", flat=True))
    assert {"change_decision", "change_opinion", "change_feedbackreport", "add_activity"} <= codes
    assert "publish_feedbackreport" not in codes and "change_catalogue" not in codes


@pytest.mark.parametrize("persona", ["decision_staff", "drafter", "reviewer", "signer"])
def test_every_decision_role_sees_its_own_units_decisions_only(request, persona, mine, theirs):
    client = client_for(request.getfixturevalue(persona))
    listing = client.get(LIST).content.decode()
    assert "本单位的决策" in listing and "其他单位的决策" not in listing
    assert client.get(f"{LIST}{mine.pk}/change/").status_code == 200
    assert client.get(f"{LIST}{theirs.pk}/change/").status_code == 302  # the admin's "does not exist"


@pytest.mark.parametrize("persona", ["administrator", "superuser"])
def test_administrators_and_superusers_are_town_wide(request, persona, mine, theirs, organisation):
    if persona == "superuser":
        user = make_staff(roles.DRAFTER, organisation, "root")
        user.is_superuser = True
        user.save()
    else:
        user = request.getfixturevalue(persona)
    listing = client_for(user).get(LIST).content.decode()
    assert "本单位的决策" in listing and "其他单位的决策" in listing
    assert permissions.can(user, permissions.ADVANCE, theirs)


def test_a_reviewer_reads_but_cannot_advance(reviewer, mine):
    assert permissions.denial(reviewer, permissions.VIEW, mine) is None
    with pytest.raises(PermissionDenied, match="您的角色不能推进决策阶段"):
        services.decision_advance_next(decision=mine, user=reviewer)
    response = client_for(reviewer).post(f"{LIST}{mine.pk}/advance/", {"comment": ""})
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.stage == Stage.CATALOGUE


def test_another_units_decision_cannot_be_advanced(other_decision_staff, mine):
    response = client_for(other_decision_staff).post(f"{LIST}{mine.pk}/advance/", {"comment": "越权"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied, match="不是您所在单位承办的决策事项"):
        services.decision_advance(decision=mine, to_stage=Stage.DRAFTING, user=other_decision_staff)
    mine.refresh_from_db()
    assert mine.stage == Stage.CATALOGUE and not mine.stage_changes.exists()


def test_another_units_opinion_cannot_be_disposed_or_grouped(other_decision_staff, mine):
    opinion = OpinionFactory(decision=mine)
    with pytest.raises(PermissionDenied):
        services.opinion_dispose(opinion=opinion, disposition=Disposition.ADOPTED, reason="", user=other_decision_staff)
    with pytest.raises(PermissionDenied):
        services.opinion_group_similar(decision=mine, user=other_decision_staff)
    opinion.refresh_from_db()
    assert opinion.disposition == "" and opinion.disposed_by is None


def test_another_units_report_cannot_be_drafted_from_its_page(other_decision_staff, mine, drafter):
    put_in_stage(mine, Stage.REVIEW, drafter)
    response = client_for(other_decision_staff).post(f"{LIST}{mine.pk}/draft-report/")
    assert response.status_code == 403
    assert not FeedbackReport.objects.exists()


def test_decision_staff_cannot_publish_the_report(decision_staff, mine, drafter):
    put_in_stage(mine, Stage.DECIDED, drafter)
    report = FeedbackReport.objects.create(decision=mine, body="意见采纳情况……")
    with pytest.raises(PermissionDenied, match="审签负责人或管理员"):
        services.feedback_report_publish(report=report, user=decision_staff)
    report.refresh_from_db()
    assert report.published_at is None


def test_a_citizen_gets_the_login_page_not_a_button(enterprise_user, mine):
    response = client_for(enterprise_user).post(f"{LIST}{mine.pk}/advance/", {"comment": ""})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    mine.refresh_from_db()
    assert mine.stage == Stage.CATALOGUE
