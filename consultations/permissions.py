"""Who may do what with messages: one place for every check in this app."""

from __future__ import annotations

from organisations.roles import organisation_of

from .models import Message
from .roles import DISPATCHER, HANDLER, LEADER  # noqa: F401  (the roles this app's checks name)


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_dispatch(user) -> bool:
    return is_staff(user) and user.has_perm("consultations.dispatch_message")


def can_view_statistics(user) -> bool:
    return is_staff(user) and user.has_perm("consultations.view_statistics")


def can_handle(user, message: Message) -> bool:
    """Draft and send answers: staff of the organisation the message is assigned to, or a dispatcher."""
    if not (is_staff(user) and user.has_perm("consultations.change_message")):
        return False
    if can_dispatch(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and message.organisation_id == organisation.pk


def can_review(user, message: Message) -> bool:
    return (
        is_staff(user) and user.has_perm("consultations.review_answer") and message.status == Message.Status.IN_REVIEW
    )
