"""Who may do what on the work-points tracker, on organisations.access.

Staff holding the role permission (workpoints/roles.py) act on the plans their own office
coordinates; town-wide staff (管理员, superusers) on every plan. Anyone reads the public page."""

from __future__ import annotations

from organisations import access

from .models import WorkPlan

NOT_YOURS = "只有统筹协调该年度工作要点的科室可以修改。"
NO_ROLE = "您的角色不能管理政务公开工作要点。"


def can_view(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("workpoints.view_workplan")


def can_manage(user, plan: WorkPlan | None = None) -> bool:
    """Edit a plan's items, evidence and status (without a plan: any plan at all)."""
    if not (access.is_staff_member(user) and user.has_perm("workpoints.change_workitem")):
        return False
    return plan is None or access.in_scope(user, plan.coordinator_id)


def check_manage(user, plan: WorkPlan) -> access.Denial | None:
    if not (access.is_staff_member(user) and user.has_perm("workpoints.change_workitem")):
        return access.Denial(NO_ROLE)
    if not access.in_scope(user, plan.coordinator_id):
        return access.Denial(NOT_YOURS)
    return None


def can_record_head_report(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("workpoints.add_headreport")


def can_open_minutes(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("workpoints.view_headreport")


def managed_plans(queryset, user):
    """The plans the user may edit."""
    return access.scope(queryset, user, field="coordinator")
