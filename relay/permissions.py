"""Who may do what in the relay push, on organisations.access: staff holding the role
permission (relay/roles.py), town-wide (partners serve every office's policies); the
drafting office's staff also read their own policies' relay pages."""

from __future__ import annotations

from organisations import access

NO_ROLE = "您的角色不能办理政策接力推送。"


def can_view(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("relay.view_relaypackage")


def check_view(user) -> access.Denial | None:
    return None if can_view(user) else access.Denial(NO_ROLE)


def check_view_policy(user, document) -> access.Denial | None:
    """A policy's relay page: the relay staff, and the staff of the office that drafted it
    (its confirmation deadlines are theirs in 我的期限)."""
    if can_view(user) or access.same_organisation(user, document.organisation_id):
        return None
    return access.Denial(NO_ROLE)


def can_send(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("relay.send_relaypackage")


def check_send(user) -> access.Denial | None:
    return None if can_send(user) else access.Denial(NO_ROLE)
