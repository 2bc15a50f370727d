"""Every write of the work-points tracker: called by the admin and the demo loader alike.

Each service takes the acting ``user`` and refuses (PermissionDenied, the Chinese reason)
what workpoints.permissions does not allow."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction

from documents.models import PolicyDocument
from organisations.models import Organisation

from . import permissions
from .models import Evidence, HeadReport, WorkItem, WorkPlan

NO_HEAD_REPORT = "您的角色不能记录听取工作汇报。"


def _check(user: AbstractBaseUser, plan: WorkPlan) -> None:
    denial = permissions.check_manage(user, plan)
    if denial is not None:
        raise PermissionDenied(denial.message)


@transaction.atomic
def plan_save(*, plan: WorkPlan, user: AbstractBaseUser) -> WorkPlan:
    """Create or change a year's plan (the coordinating office must be the user's own)."""
    if plan.pk is not None:
        _check(user, WorkPlan.objects.get(pk=plan.pk))  # the office it had before
    _check(user, plan)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_ensure(
    *, year: int, document: PolicyDocument, coordinator: Organisation, user: AbstractBaseUser, introduction: str = ""
) -> tuple[WorkPlan, bool]:
    """The year's plan, created when missing (an existing one is left as staff changed it)."""
    plan = WorkPlan.objects.filter(year=year).first()
    if plan is not None:
        return plan, False
    plan = WorkPlan(year=year, document=document, coordinator=coordinator, introduction=introduction)
    return plan_save(plan=plan, user=user), True


@transaction.atomic
def item_save(*, item: WorkItem, user: AbstractBaseUser, update_fields: list[str] | None = None) -> WorkItem:
    """Create or change one task of a plan."""
    _check(user, item.plan)
    item.full_clean()
    if item.pk is not None and update_fields:
        item.save(update_fields=update_fields)
    else:
        item.save()
    return item


@transaction.atomic
def item_set_status(*, item: WorkItem, status: str, user: AbstractBaseUser, note: str | None = None) -> WorkItem:
    item.status = status
    fields = ["status"]
    if note is not None:
        item.progress_note = note
        fields.append("progress_note")
    return item_save(item=item, user=user, update_fields=fields)


@transaction.atomic
def item_delete(*, item: WorkItem, user: AbstractBaseUser) -> None:
    _check(user, item.plan)
    item.delete()


@transaction.atomic
def evidence_save(*, evidence: Evidence, user: AbstractBaseUser) -> Evidence:
    """Add or change an evidence row: a label, a link or a portal object, a date."""
    _check(user, evidence.item.plan)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add(
    *,
    item: WorkItem,
    label: str,
    user: AbstractBaseUser,
    url: str = "",
    target=None,
    dated_on: dt.date | None = None,
) -> Evidence:
    evidence = Evidence(item=item, label=label, url=url, dated_on=dated_on, order=item.evidence.count())
    if target is not None:
        evidence.target = target
    return evidence_save(evidence=evidence, user=user)


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user: AbstractBaseUser) -> None:
    _check(user, evidence.item.plan)
    evidence.delete()


@transaction.atomic
def head_report_save(*, report: HeadReport, user: AbstractBaseUser) -> HeadReport:
    """Create or change the record of a hearing (item 26)."""
    action = "change_headreport" if report.pk else "add_headreport"
    if not (permissions.can_record_head_report(user) and user.has_perm(f"workpoints.{action}")):
        raise PermissionDenied(NO_HEAD_REPORT)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def head_report_record(
    *,
    heard_on: dt.date,
    topic: str,
    user: AbstractBaseUser,
    meeting: str = "",
    minutes: File | None = None,
    minutes_document: PolicyDocument | None = None,
) -> HeadReport:
    report = HeadReport(heard_on=heard_on, topic=topic, meeting=meeting, minutes_document=minutes_document)
    if minutes is not None:
        report.minutes_file.save(minutes.name, minutes, save=False)
    return head_report_save(report=report, user=user)
