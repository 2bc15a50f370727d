"""Who may do what with an annual report: the one place the admin, its buttons and the
services ask.

A report is worked on by the staff of the organs it covers: the town government's by the
staff of the town government and of its offices and departments that do not report on
their own; an office's own report by that office's staff. The 管理员 role and superusers
see every report. Generating, editing and publishing need the role's permission
(reports.roles); a published report is a record and is not changed (409). Publishing is the
head's sign-off: not by the person who last drafted it.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from organisations import access
from organisations.access import Denial
from organisations.models import Organisation

from .models import AnnualReport, ReportingOrgan

User = AbstractBaseUser | AnonymousUser

VIEW = "view"
GENERATE = "generate"
EDIT = "edit"
PUBLISH = "publish"

_PERMISSION = {
    VIEW: "reports.view_annualreport",
    GENERATE: "reports.add_annualreport",
    EDIT: "reports.change_annualreport",
    PUBLISH: "reports.publish_annualreport",
}
_REFUSED = {
    VIEW: "您的角色不能查看年度报告。",
    GENERATE: "您的角色不能生成年度报告草稿。",
    EDIT: "您的角色不能编辑年度报告。",
    PUBLISH: "只有审签负责人或管理员可以审签发布年度报告。",
}
_TOWN_KINDS = (Organisation.Kind.GOVERNMENT, Organisation.Kind.OFFICE, Organisation.Kind.DEPARTMENT)


def _works_for_town_report(organisation: Organisation) -> bool:
    separate = ReportingOrgan.objects.filter(organisation=organisation).exists()
    return organisation.kind in _TOWN_KINDS and not separate


def visible_reports(user: User, queryset: QuerySet | None = None) -> QuerySet:
    queryset = AnnualReport.objects.all() if queryset is None else queryset
    if not (access.is_staff_member(user) and user.has_perm(_PERMISSION[VIEW])):
        return queryset.none()
    if access.is_town_wide(user):
        return queryset
    organisation = access.organisation_of(user)
    if organisation is None:
        return queryset.none()
    mine = Q(organisation=organisation)
    if _works_for_town_report(organisation):
        mine |= Q(organisation__kind=Organisation.Kind.GOVERNMENT)
    return queryset.filter(mine)


def may_report_for(user: User, organisation: Organisation) -> bool:
    """The user may generate a report for this organ."""
    if access.is_town_wide(user):
        return True
    own = access.organisation_of(user)
    if own is None:
        return False
    if own.pk == organisation.pk:
        return True
    return organisation.kind == Organisation.Kind.GOVERNMENT and _works_for_town_report(own)


def check(user: User, action: str, report: AnnualReport | None = None, *, organisation=None) -> Denial | None:
    """Why ``user`` may not do ``action`` on ``report`` (or, to generate, for ``organisation``); None if allowed."""
    if not access.is_staff_member(user):
        return Denial(access.NOT_STAFF)
    if not user.has_perm(_PERMISSION[action]):
        return Denial(_REFUSED[action])
    organ = report.organisation if report is not None else organisation
    if organ is not None and not may_report_for(user, organ):
        return Denial("这份年度报告不属于您所在机构。")
    if report is None or action == VIEW:
        return None
    if report.is_published:
        return Denial("年度报告已发布，不能再修改。", forbidden=False, code="status")
    if action == PUBLISH and report.drafted_by_id == user.pk:
        return Denial("审签发布须由编写人以外的负责人进行。", forbidden=False, code="four_eyes")
    return None
