"""Who may do what with messages: one place for every check in this app."""

from __future__ import annotations

from organisations.access import is_staff_member
from organisations.roles import organisation_of

from .models import Message

# Roles of this app (Django groups); listed in roles.CONSULTATION_ROLES, synced by organisations.roles.
HANDLER = "留言办理人"
DISPATCHER = "留言受理分派人"
LEADER = "留言审核领导"


def can_dispatch(user) -> bool:
    return is_staff_member(user) and user.has_perm("consultations.dispatch_message")


def can_view_statistics(user) -> bool:
    return is_staff_member(user) and user.has_perm("consultations.view_statistics")


def can_handle(user, message: Message) -> bool:
    """Draft and send answers: staff of the organisation the message is assigned to, or a dispatcher."""
    if not (is_staff_member(user) and user.has_perm("consultations.change_message")):
        return False
    if can_dispatch(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and message.organisation_id == organisation.pk


def can_review(user, message: Message) -> bool:
    return (
        is_staff_member(user)
        and user.has_perm("consultations.review_answer")
        and message.status == Message.Status.IN_REVIEW
    )
