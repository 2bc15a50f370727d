"""Who may do what with a major decision: the one place the admin, the staff views and the
services ask.

The rule is the document library's (documents.permissions): staff act on the decisions
their own organisation organises (承办单位), and the rows hanging off them (opinions,
activities, the feedback report, ...); the 管理员 role and superusers are town-wide. What a
role may do at all is its Django permissions (decisions.roles).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from organisations import access
from organisations.access import Denial, is_staff_member

from .models import Decision

User = AbstractBaseUser | AnonymousUser

VIEW = "view"
CHANGE = "change"  # edit the decision, record opinions and activities, group opinions
ADVANCE = "advance"  # move the decision to its next stage
DISPOSE = "dispose"  # decide what becomes of an opinion (采纳 / 部分采纳 / 不予采纳)
DRAFT_REPORT = "draft_report"
PUBLISH_REPORT = "publish_report"

_PERMISSION = {
    VIEW: "decisions.view_decision",
    CHANGE: "decisions.change_decision",
    ADVANCE: "decisions.change_decision",
    DISPOSE: "decisions.change_opinion",
    DRAFT_REPORT: "decisions.change_feedbackreport",
    PUBLISH_REPORT: "decisions.publish_feedbackreport",
}
_REFUSED = {
    VIEW: "您的角色不能查看重大行政决策。",
    CHANGE: "您的角色不能办理重大行政决策事项。",
    ADVANCE: "您的角色不能推进决策阶段：请由本单位的决策承办人、起草人或审签负责人办理。",
    DISPOSE: "您的角色不能处理公众意见：请由本单位的决策承办人或起草人办理。",
    DRAFT_REPORT: "您的角色不能生成意见采纳情况反馈报告。",
    PUBLISH_REPORT: "只有本单位的审签负责人或管理员可以发布意见采纳情况反馈报告。",
}


def visible_decisions(user: User, queryset: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    return access.scope(Decision.objects.all() if queryset is None else queryset, user)


def denial(user: User, action: str, decision: Decision) -> Denial | None:
    """None if `user` may do `action` to `decision`, else why not (always `forbidden`: the
    stage rules that block a step for now live in services and answer 409)."""
    if action not in _PERMISSION:
        raise ValueError(f"unknown action {action!r}")
    if not is_staff_member(user):
        return Denial(access.NOT_STAFF)
    if not access.in_scope(user, decision.organisation_id):
        return Denial("这不是您所在单位承办的决策事项，您无权查看或办理。")
    if not user.has_perm(_PERMISSION[action]):
        return Denial(_REFUSED[action])
    return None


def can(user: User, action: str, decision: Decision) -> bool:
    return denial(user, action, decision) is None


def can_work_on_decisions(user: User) -> bool:
    """Any decision role (for staff pages that are not about one decision)."""
    return is_staff_member(user) and user.has_perm("decisions.change_decision")
