"""Who may run the door: staff with the change permission on registrations, in the
organiser's scope."""

from __future__ import annotations

from organisations import access

from .models import Event


def can_check_in(user, event: Event) -> bool:
    return (
        access.is_staff_member(user)
        and user.has_perm("events.change_registration")
        and access.in_scope(user, event.organiser_id)
    )
