"""How the portal names a staff member: family name first, as Chinese names are
written (王 + 起草 → 王起草), never the account's user name when a name is known."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def person_name(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """Family name + given name with no space (王起草); a name with Latin letters keeps a
    space (Li Wei); the user name only when no name is recorded; "" for no one."""
    if user is None or not getattr(user, "pk", None):
        return ""
    family = (getattr(user, "last_name", "") or "").strip()
    given = (getattr(user, "first_name", "") or "").strip()
    if not (family or given):
        return user.get_username()
    separator = " " if (family + given).isascii() and family and given else ""
    return f"{family}{separator}{given}"
