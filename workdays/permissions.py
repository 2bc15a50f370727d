"""Who may change the working-day calendar: one rule for the import page and the banner
that links to it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def can_import_arrangement(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Import a year's arrangement (导入年度安排): it confirms the year and replaces its entries."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("workdays.add_calendaryear")
        and user.has_perm("workdays.add_calendarentry")
    )
