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
# The workflow's steps, done by the handling organisation's own staff (applications.services).
CORRECT = "correct"  # 补正: the notice, the corrected application, abandonment
EXTEND = "extend"  # 延期, approved by the head
DRAFT_REPLY = "draft_reply"  # the handler drafts the reply
SIGN_REPLY = "sign_reply"  # the head signs it and it goes out
CLOSE = "close"  # 办结
ARCHIVE = "archive"  # 归档
CONSULT = "consult"  # 征求第三方意见 (Art. 32): the letter, the view recorded
CHARGE = "charge"  # 收费: the fee notice, the payment, abandonment when unpaid
# --- exchanges (item 25) and Art. 35 ---
MESSAGE = "message"  # 给申请人留言, and asking for reasons (Art. 35)
LATE_REPLY = "late_reply"  # Art. 35: a later reply date with its reason, set by the head
# --- end exchanges ---
EDIT_LETTER = "edit_letter"  # 修改告知书, before the head signs
PROVIDE = "provide"  # the files of the information provided with the reply
DELIVER = "deliver"  # 送达: how the signed reply reached the applicant
STEPS = (
    CORRECT,
    EXTEND,
    DRAFT_REPLY,
    SIGN_REPLY,
    CLOSE,
    ARCHIVE,
    CONSULT,
    CHARGE,
    MESSAGE,
    LATE_REPLY,
    EDIT_LETTER,
    PROVIDE,
    DELIVER,
)

_PERMISSION = {
    VIEW: "applications.view_application",
    REGISTER: "applications.register_application",
    DISPATCH: "applications.dispatch_application",
    HANDLE: "applications.change_application",
    SIGN: "applications.sign_application",
    VIEW_IDENTITY_SCAN: "applications.view_identity_scan",
    CORRECT: "applications.handle_application",
    EXTEND: "applications.sign_application",
    DRAFT_REPLY: "applications.handle_application",
    SIGN_REPLY: "applications.sign_application",
    CLOSE: "applications.handle_application",
    ARCHIVE: "applications.handle_application",
    CONSULT: "applications.handle_application",
    CHARGE: "applications.handle_application",
    MESSAGE: "applications.handle_application",
    LATE_REPLY: "applications.sign_application",
    EDIT_LETTER: "applications.handle_application",
    PROVIDE: "applications.handle_application",
    DELIVER: "applications.handle_application",
}
_REFUSED = {
    VIEW: "您的角色不能查看依申请公开申请。",
    REGISTER: "只有依申请登记人或管理员可以登记申请。",
    DISPATCH: "只有依申请登记人或管理员可以分办、转办申请。",
    HANDLE: "您的角色不能办理依申请公开申请：请由承办机构的依申请承办人办理。",
    SIGN: "只有依申请审签人（负责人）可以审签答复、批准延期。",
    VIEW_IDENTITY_SCAN: "您的角色不能查看申请人的身份证明。",
    CORRECT: "只有承办机构的依申请承办人可以办理补正。",
    EXTEND: "延长答复期限须经负责人同意：只有依申请审签人可以批准延期。",
    DRAFT_REPLY: "只有承办机构的依申请承办人可以拟定答复。",
    SIGN_REPLY: "只有依申请审签人（负责人）可以审签答复。",
    CLOSE: "只有承办机构的依申请承办人可以办结申请。",
    ARCHIVE: "只有承办机构的依申请承办人可以归档申请。",
    CONSULT: "只有承办机构的依申请承办人可以征求第三方意见。",
    CHARGE: "只有承办机构的依申请承办人可以办理收费。",
    MESSAGE: "只有承办机构的依申请承办人可以给申请人留言。",
    LATE_REPLY: "确定延迟答复的合理期限须经负责人同意：只有依申请审签人可以确定。",
    EDIT_LETTER: "只有承办机构的依申请承办人可以修改答复告知书。",
    PROVIDE: "只有承办机构的依申请承办人可以上传提供的政府信息。",
    DELIVER: "只有承办机构的依申请承办人可以登记送达。",
}
OUT_OF_SCOPE = "这不是您所在单位承办的申请，您无权查看或办理。"
NOT_OWN_ORGANISATION = "这不是您所在单位承办的申请：办理步骤由承办机构的工作人员完成。"
NOT_DISPATCHED = "申请尚未分办到承办机构：请先由依申请登记人分办。"


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
    if action in STEPS and application is not None:
        return _step_denial(user, application)
    return None


def _step_denial(user: User, application: Application) -> Denial | None:
    """A step is done by the handling organisation's own staff (a superuser anywhere): the
    registrar and the 管理员 role see every application but act on their own only."""
    if application.organisation_id is None:
        return Denial(NOT_DISPATCHED, forbidden=False, code="not_dispatched")
    if not access.same_organisation(user, application.organisation_id):
        return Denial(NOT_OWN_ORGANISATION)
    return None


def can(user: User, action: str, application: Application | None = None) -> bool:
    return denial(user, action, application) is None


def can_see_personal_data(user: User, application: Application) -> bool:
    """The applicant's name, identity, contacts and address: staff who may see the application."""
    return can(user, VIEW, application)
