"""Who may manage which user accounts in the admin.

Administrators (管理员) manage the portal's staff, not the people above them: they
never change a superuser, never set the superuser flag or single permissions, and
hand out only groups whose every permission they hold themselves (so granting a role
such as 起草人 is a superuser's). They may take roles away and deactivate accounts.
Nobody but a superuser types another account's password: others send a link to the
owner's address, and the address of an account that can do things the administrator
cannot stays as it is (else changing it and sending the link would take the account).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db.models import QuerySet

User = AbstractBaseUser | AnonymousUser


def _codes(permissions: QuerySet[Permission]) -> set[str]:
    return {f"{app}.{code}" for app, code in permissions.values_list("content_type__app_label", "codename")}


def holds_all(requester: User, permissions: set[str]) -> bool:
    return bool(requester.is_active and (requester.is_superuser or permissions <= requester.get_all_permissions()))


def may_manage_user(requester: User, target: AbstractBaseUser) -> bool:
    """Change the target's account (details, status, groups within grantable_groups)."""
    if not requester.is_authenticated or not requester.is_active:
        return False
    if requester.is_superuser:
        return True
    return not target.is_superuser and requester.has_perm("auth.change_user")


def may_change_address(requester: User, target: AbstractBaseUser) -> bool:
    """Change where the target's password links go: only for accounts that can do
    nothing the requester cannot."""
    return may_manage_user(requester, target) and holds_all(requester, target.get_all_permissions())


def may_set_password(requester: User, target: AbstractBaseUser) -> bool:
    """Type a new password for the target: a superuser, or the account's owner."""
    return bool(
        requester.is_authenticated and requester.is_active and (requester.is_superuser or requester.pk == target.pk)
    )


def grantable_groups(requester: User) -> QuerySet[Group]:
    """The groups the requester may give: those whose every permission the requester holds."""
    groups = Group.objects.order_by("name")
    if requester.is_superuser:
        return groups
    held = requester.get_all_permissions()
    outside = [
        group.pk
        for group in groups.prefetch_related("permissions__content_type")
        if not _codes(group.permissions.all()) <= held
    ]
    return groups.exclude(pk__in=outside)
