"""Who counts as staff, and which organisation's rows a user may see.

The one answer every app uses: its ``permissions.py`` states only its own rules
with these functions, its admin scopes querysets with ``scope``, and its staff
pages are guarded by ``staff_required``. A refused action is a ``Denial``: 403
when the user's role or organisation never allows it, 409 when a workflow rule
blocks it for now (see ``Denial.status``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from . import roles
from .models import Organisation

User = AbstractBaseUser | AnonymousUser

NOT_STAFF = "请以工作人员身份登录后再操作。"
STAFF_ONLY_PAGE = "此页面仅供工作人员使用。"


@dataclass(frozen=True)
class Denial:
    """Why an action is refused.

    ``forbidden``: the user's role or organisation never allows it (HTTP 403).
    Otherwise a workflow rule blocks it now (HTTP 409): the same user may do it
    once the object is in another state. ``code`` names the rule ("status": the
    object is not in the state the action needs)."""

    message: str
    forbidden: bool = True
    code: str = ""

    @property
    def status(self) -> int:
        return 403 if self.forbidden else 409


def is_staff_member(user: User) -> bool:
    """An active account with access to the admin."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_town_wide(user: User) -> bool:
    """Staff who see every organisation's rows: superusers and the 管理员 role."""
    return is_staff_member(user) and (user.is_superuser or roles.has_role(user, roles.ADMINISTRATOR))


def organisation_of(user: User) -> Organisation | None:
    """The organisation a staff member belongs to, or None."""
    return roles.organisation_of(user)


def in_scope(user: User, organisation_id: int | None) -> bool:
    """A row owned by ``organisation_id`` is visible to ``user``."""
    if not is_staff_member(user):
        return False
    if is_town_wide(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation_id is not None and organisation.pk == organisation_id


def same_organisation(user: User, organisation_id: int | None) -> bool:
    """The user belongs to ``organisation_id`` (a superuser belongs everywhere).

    Stricter than ``in_scope``: the 管理员 role sees every row but acts as a member
    of its own organisation only, where an app's rules say so."""
    if not is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation_id is not None and organisation.pk == organisation_id


def scope(queryset: QuerySet, user: User, *, field: str = "organisation") -> QuerySet:
    """The rows of ``queryset`` the user may see: all for town-wide staff, their own
    organisation's (through ``field``) for other staff, none for anyone else."""
    if not is_staff_member(user):
        return queryset.none()
    if is_town_wide(user):
        return queryset
    organisation = organisation_of(user)
    return queryset.filter(**{field: organisation.pk}) if organisation else queryset.none()


def own_rows(queryset: QuerySet, user: User, *, field: str = "organisation") -> QuerySet:
    """The rows of the user's own organisation (every row for a superuser): what a
    user may act on where an app's rules say "own organisation" (``same_organisation``)."""
    if not is_staff_member(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    organisation = organisation_of(user)
    return queryset.filter(**{field: organisation.pk}) if organisation else queryset.none()


def staff_required(view: Callable) -> Callable:
    """Anonymous visitors go to the staff sign-in; signed-in non-staff get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not is_staff_member(request.user):
            raise PermissionDenied(STAFF_ONLY_PAGE)
        return view(request, *args, **kwargs)

    return wrapped


def refuse(denial: Denial) -> None:
    """Raise a forbidden denial as the site's 403 page; workflow blocks are the
    caller's to show (they answer 409 on the page the user acted from)."""
    if denial.forbidden:
        raise PermissionDenied(denial.message)
