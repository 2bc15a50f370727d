"""Who may do what with a policy document: the one place the admin, the staff
pages and the workflow services ask.

Roles (organisations.roles) act on their own organisation's documents only;
the administrator role is town-wide (it manages the catalogues, the historical
review and withdrawals). A superuser holds every role, but the separation of
duties still applies: no one performs two steps on the same document.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from organisations import access, roles
from organisations.access import Denial, is_staff_member, is_town_wide
from organisations.models import Organisation

from .models import DocumentTransition, PolicyDocument, Status, issuing_organisations_for

User = AbstractBaseUser | AnonymousUser

SUBMIT = DocumentTransition.Action.SUBMIT
APPROVE_REVIEW = DocumentTransition.Action.APPROVE_REVIEW
SEND_BACK = DocumentTransition.Action.SEND_BACK
SIGN = DocumentTransition.Action.SIGN
WITHDRAW = DocumentTransition.Action.WITHDRAW
WAIVE = DocumentTransition.Action.WAIVE
EDIT = "change"  # edit the document's fields (in the state it is in)
VIEW = "view"
DECIDE = "decide_historical"  # historical review decisions (item 20)

TWO_STEPS = "two_steps"  # Denial.code: the user already performed another step of this document

WORKFLOW_ACTIONS = (SUBMIT, APPROVE_REVIEW, SEND_BACK, SIGN, WITHDRAW)
ALL_ACTIONS = (VIEW, EDIT, *WORKFLOW_ACTIONS, WAIVE, DECIDE)

# Fields each role may change, by status. Everything else is shown read-only.
CONTENT_FIELDS = (
    "title",
    "doc_number",
    "issuing_organisation",
    "organisation",
    "written_date",
    "doc_type",
    "topic",
    "catalogue_item",
    "summary",
    "body",
    "tags",
    "validity",
    "effective_date",
    "expiry_date",
    "replaces",
    "interpretation_required",
    "scheduled_publish_at",
)
DISCLOSURE_FIELDS = ("disclosure_attribute", "non_disclosure_reason", "disclosure_scope", "target_groups")
REVIEW_FIELDS = ("title", "summary", "body", *DISCLOSURE_FIELDS)
SIGNOFF_FIELDS = ("scheduled_publish_at",)
PUBLISHED_FIELDS = tuple(
    f for f in CONTENT_FIELDS if f not in {"organisation", "scheduled_publish_at"}
)  # disclosure changes after publication go through the historical review


def in_scope(user: User, document: PolicyDocument) -> bool:
    """The document belongs to the user's organisation, or the user is town-wide."""
    return access.in_scope(user, document.organisation_id)


def visible_documents(user: User, queryset: QuerySet[PolicyDocument] | None = None) -> QuerySet[PolicyDocument]:
    """The documents a staff member sees in the admin and on the staff pages."""
    return access.scope(PolicyDocument.objects.all() if queryset is None else queryset, user)


def last_submitter_id(document: PolicyDocument) -> int | None:
    return document.transitions.filter(action=SUBMIT).order_by("-at", "-id").values_list("actor_id", flat=True).first()


def _earlier_steps(document: PolicyDocument, user: User) -> list[str]:
    """Steps this user already performed on the document in its current round."""
    steps = []
    if user.pk in {document.created_by_id, last_submitter_id(document)}:
        steps.append("起草或提交")
    if document.status == Status.PENDING_SIGNOFF and document.reviewed_by_id == user.pk:
        steps.append("公开审查")
    return steps


def _two_steps(document: PolicyDocument, user: User) -> Denial | None:
    steps = _earlier_steps(document, user)
    if steps:
        return Denial(
            f"您已在本文件中承担了“{'、'.join(steps)}”环节，同一人不能承担两个环节。请由其他同事办理。",
            forbidden=False,
            code=TWO_STEPS,
        )
    return None


def _wrong_status(document: PolicyDocument, *allowed: str) -> Denial | None:
    if document.status in allowed:
        return None
    return Denial(f"文件当前状态为“{document.get_status_display()}”，不能进行此操作。", forbidden=False, code="status")


def _role(user: User, *names: str) -> bool:
    return any(roles.has_role(user, name) for name in names)


def _same_organisation(user: User, document: PolicyDocument) -> bool:
    return access.same_organisation(user, document.organisation_id)


def denial(user: User, action: str, document: PolicyDocument) -> Denial | None:
    """None if `user` may do `action` to `document` now, else why not."""
    if not is_staff_member(user):
        return Denial(access.NOT_STAFF)
    if not in_scope(user, document):
        return Denial("这不是您所在机构的文件，您无权查看或办理。")
    rule = _RULES.get(action)
    if rule is None:
        raise ValueError(f"unknown action {action!r}")
    return rule(user, document)


def blocked_hint(user: User, action: str, document: PolicyDocument) -> str:
    """Why a step the user's role performs is blocked for this document by the
    separation of duties, for the workflow panel ('' otherwise). Superusers, who
    hold every role, get no hint: the step is simply someone else's."""
    refused = denial(user, action, document)
    if refused is None or refused.code != TWO_STEPS or user.is_superuser:
        return ""
    return refused.message


def can(user: User, action: str, document: PolicyDocument) -> bool:
    return denial(user, action, document) is None


def allowed_actions(user: User, document: PolicyDocument, actions: Iterable[str] = WORKFLOW_ACTIONS) -> list[str]:
    return [action for action in actions if can(user, action, document)]


def editable_fields(user: User, document: PolicyDocument | None) -> tuple[str, ...]:
    """The fields `user` may change on `document` (None: a new document)."""
    if document is None:
        return (*CONTENT_FIELDS, *DISCLOSURE_FIELDS) if _role(user, roles.DRAFTER) else ()
    if not can(user, EDIT, document):
        return ()
    if document.status == Status.DRAFT:
        return (*CONTENT_FIELDS, *DISCLOSURE_FIELDS)
    if document.status == Status.PENDING_REVIEW:
        return REVIEW_FIELDS
    if document.status == Status.PENDING_SIGNOFF:
        return SIGNOFF_FIELDS
    return PUBLISHED_FIELDS


def can_add(user: User) -> bool:
    return is_staff_member(user) and _role(user, roles.DRAFTER) and roles.organisation_of(user) is not None


def issuing_organisations(user: User) -> QuerySet[Organisation]:
    """The organs `user` may name as a document's 发文机关: every organisation for
    town-wide staff; otherwise those their own organisation may issue in the name of
    (itself, and the town government for its offices and departments)."""
    if is_town_wide(user):
        return Organisation.objects.order_by("order", "id")
    organisation = roles.organisation_of(user)
    return issuing_organisations_for(organisation) if organisation else Organisation.objects.none()


def can_decide_historical(user: User) -> bool:
    return is_staff_member(user) and _role(user, roles.ADMINISTRATOR, roles.REVIEWER)


# --- one rule per action ---------------------------------------------------


def _view(user: User, document: PolicyDocument) -> Denial | None:
    return None  # in scope is enough


def _edit(user: User, document: PolicyDocument) -> Denial | None:
    owners = {
        Status.DRAFT: (roles.DRAFTER,),
        Status.PENDING_REVIEW: (roles.REVIEWER,),
        Status.PENDING_SIGNOFF: (roles.SIGNER,),
        Status.PUBLISHED: (roles.SIGNER, roles.ADMINISTRATOR),
    }.get(document.status, ())
    if not owners:
        return Denial(f"“{document.get_status_display()}”的文件不能修改。", forbidden=False)
    if not _role(user, *owners):
        return Denial(f"文件处于“{document.get_status_display()}”状态，您的角色不能修改。")
    if roles.ADMINISTRATOR not in owners or not _role(user, roles.ADMINISTRATOR):
        if not _same_organisation(user, document):
            return Denial("只能修改本机构的文件。")
    if document.status == Status.PENDING_REVIEW:
        return _two_steps(document, user)
    return None


def _submit(user: User, document: PolicyDocument) -> Denial | None:
    if not _role(user, roles.DRAFTER) or not _same_organisation(user, document):
        return Denial("只有本机构的起草人可以提交审查。")
    return _wrong_status(document, Status.DRAFT)


def _approve_review(user: User, document: PolicyDocument) -> Denial | None:
    if not _role(user, roles.REVIEWER) or not _same_organisation(user, document):
        return Denial("只有本机构的公开审查人可以审查通过。")
    return _wrong_status(document, Status.PENDING_REVIEW) or _two_steps(document, user)


def _send_back(user: User, document: PolicyDocument) -> Denial | None:
    role = {Status.PENDING_REVIEW: roles.REVIEWER, Status.PENDING_SIGNOFF: roles.SIGNER}.get(document.status)
    if not _role(user, roles.REVIEWER, roles.SIGNER) or not _same_organisation(user, document):
        return Denial("只有本机构的公开审查人或审签负责人可以退回修改。")
    if role is None:
        return _wrong_status(document, Status.PENDING_REVIEW, Status.PENDING_SIGNOFF)
    if not _role(user, role):
        return Denial(f"文件处于“{document.get_status_display()}”状态，只有{role}可以退回。", forbidden=False)
    return _two_steps(document, user)


def _sign(user: User, document: PolicyDocument) -> Denial | None:
    if not _role(user, roles.SIGNER) or not _same_organisation(user, document):
        return Denial("只有本机构的审签负责人可以审签发布。")
    return _wrong_status(document, Status.PENDING_SIGNOFF) or _two_steps(document, user)


def _withdraw(user: User, document: PolicyDocument) -> Denial | None:
    """In review or sign-off: the drafting organisation's drafter takes it back.
    Published: the signing head (own organisation) or an administrator takes it down."""
    if document.status in {Status.PENDING_REVIEW, Status.PENDING_SIGNOFF}:
        if _role(user, roles.DRAFTER) and _same_organisation(user, document):
            return None
        return Denial("送审中的文件只能由本机构的起草人撤回。")
    if document.status == Status.PUBLISHED:
        if _role(user, roles.ADMINISTRATOR) or (_role(user, roles.SIGNER) and _same_organisation(user, document)):
            return None
        return Denial("已发布的文件只能由本机构的审签负责人或管理员撤回。")
    if not _role(user, roles.DRAFTER, roles.SIGNER, roles.ADMINISTRATOR):
        return Denial("您的角色不能撤回文件。")
    return _wrong_status(document, Status.PENDING_REVIEW, Status.PENDING_SIGNOFF, Status.PUBLISHED)


def _waive(user: User, document: PolicyDocument) -> Denial | None:
    if not _role(user, roles.REVIEWER) or not _same_organisation(user, document):
        return Denial("只有本机构的公开审查人可以豁免隐私扫描结果。")
    return _wrong_status(document, Status.PENDING_REVIEW) or _two_steps(document, user)


def _decide(user: User, document: PolicyDocument) -> Denial | None:
    if _role(user, roles.ADMINISTRATOR):
        pass
    elif not (_role(user, roles.REVIEWER) and _same_organisation(user, document)):
        return Denial("只有管理员或本机构的公开审查人可以作出历史文件审查决定。")
    return _wrong_status(document, Status.PUBLISHED)


_RULES = {
    VIEW: _view,
    EDIT: _edit,
    SUBMIT: _submit,
    APPROVE_REVIEW: _approve_review,
    SEND_BACK: _send_back,
    SIGN: _sign,
    WITHDRAW: _withdraw,
    WAIVE: _waive,
    DECIDE: _decide,
}
