"""Who may do what with an application: the one place the admin, the staff views and the
services ask.

Handlers (依申请承办人) and signers (依申请审签人) see the applications of their own
organisation; the registrar (依申请登记人, who holds ``register_application``), the 管理员
role and superusers see every application, town-wide, since they register and dispatch
them. The applicant's personal data is shown to exactly those who may see the application.
What a role may do at all is its Django permissions (applications.roles).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from organisations import access
from organisations.access import Denial, is_staff_member

from .models import Application

User = AbstractBaseUser | AnonymousUser

VIEW = "view"
REGISTER = "register"
DISPATCH = "dispatch"
HANDLE = "handle"  # record steps, draft the reply
SIGN = "sign"  # approve an extension, sign the reply
VIEW_IDENTITY_SCAN = "view_identity_scan"

_PERMISSION = {
    VIEW: "applications.view_application",
    REGISTER: "applications.register_application",
    DISPATCH: "applications.dispatch_application",
    HANDLE: "applications.change_application",
    SIGN: "applications.sign_application",
    VIEW_IDENTITY_SCAN: "applications.view_identity_scan",
}
_REFUSED = {
    VIEW: "您的角色不能查看依申请公开申请。",
    REGISTER: "只有依申请登记人或管理员可以登记申请。",
    DISPATCH: "只有依申请登记人或管理员可以分办、转办申请。",
    HANDLE: "您的角色不能办理依申请公开申请：请由承办机构的依申请承办人办理。",
    SIGN: "只有依申请审签人（负责人）可以审签答复、批准延期。",
    VIEW_IDENTITY_SCAN: "您的角色不能查看申请人的身份证明。",
}
OUT_OF_SCOPE = "这不是您所在单位承办的申请，您无权查看或办理。"


def is_town_wide(user: User) -> bool:
    """Sees every application: the registrar, the 管理员 role and superusers."""
    return access.is_town_wide(user) or (is_staff_member(user) and user.has_perm("applications.register_application"))


def visible_applications(user: User, queryset: QuerySet[Application] | None = None) -> QuerySet[Application]:
    """The applications ``user`` may see (none for anyone who is not staff)."""
    queryset = Application.objects.all() if queryset is None else queryset
    if is_town_wide(user):
        return queryset
    return access.scope(queryset, user)


def in_scope(user: User, application: Application) -> bool:
    return is_town_wide(user) or access.in_scope(user, application.organisation_id)


def denial(user: User, action: str, application: Application | None = None) -> Denial | None:
    """None if ``user`` may do ``action`` (to ``application``, when one is named), else why
    not. Always ``forbidden``: the workflow rules that block a step for now live in the
    services and answer 409."""
    if action not in _PERMISSION:
        raise ValueError(f"unknown action {action!r}")
    if not is_staff_member(user):
        return Denial(access.NOT_STAFF)
    if application is not None and not in_scope(user, application):
        return Denial(OUT_OF_SCOPE)
    if not user.has_perm(_PERMISSION[action]):
        return Denial(_REFUSED[action])
    return None


def can(user: User, action: str, application: Application | None = None) -> bool:
    return denial(user, action, application) is None


def can_see_personal_data(user: User, application: Application) -> bool:
    """The applicant's name, identity, contacts and address: staff who may see the application."""
    return can(user, VIEW, application)
