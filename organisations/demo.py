"""Demo accounts: one shape for every app's demo loader.

Each app with demo data has a ``demo`` module (``<app>/demo.py`` or
``<app>/demo/__init__.py``) with ``load(*, stdout=None)``: it writes what is missing through
the app's services, says what it did on ``stdout`` and is safe to run again; the app's
``load_demo…`` management command only calls it. An app that needs demo accounts lists
them as ``ACCOUNTS: list[DemoAccount]`` in that module and creates them with
``ensure_account``. ``all_demo_accounts()`` collects every app's list, so that
``manage.py demo_accounts`` (printed last by ``make run``) shows every role in one table.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Organisation, StaffProfile

STAFF_SIGN_IN = "/admin/"
PUBLIC_SIGN_IN = "/accounts/login/"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str  # the role group's name (organisations.roles or an app's roles.py), or a label
    organisation: str = ""  # Organisation.name; empty for accounts outside the government
    email: str = ""
    first_name: str = ""  # given name (名)
    last_name: str = ""  # family name (姓)
    is_staff: bool = True
    is_superuser: bool = False
    groups: tuple[str, ...] = ()  # groups besides the role group (e.g. a targeted-disclosure group)
    does: str = ""  # what this account can try in the demo, shown in the table
    label: str = ""  # how the table names the role, when it differs from the group name

    @property
    def sign_in_url(self) -> str:
        return STAFF_SIGN_IN if self.is_staff else PUBLIC_SIGN_IN

    @property
    def role_label(self) -> str:
        return self.label or self.role


def ensure_account(account: DemoAccount):
    """Create the account if it is missing; add what a demo needs to an existing one
    (group, organisation, e-mail) without resetting a password someone changed.

    Returns (user, created)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=account.username).first()
    created = user is None
    if created:
        user = user_model(
            username=account.username,
            email=account.email,
            first_name=account.first_name,
            last_name=account.last_name,
            is_staff=account.is_staff,
            is_superuser=account.is_superuser,
        )
        user.set_password(account.password)
        user.full_clean()
        user.save()
    else:
        changed = []
        for name in ("is_staff", "is_superuser"):
            if getattr(user, name) != getattr(account, name):
                setattr(user, name, getattr(account, name))
                changed.append(name)
        for name in ("email", "first_name", "last_name"):
            if not getattr(user, name) and getattr(account, name):
                setattr(user, name, getattr(account, name))
                changed.append(name)
        if changed:
            user.save(update_fields=changed)
    names = [*([account.role] if not account.is_superuser else []), *account.groups]
    for group in Group.objects.filter(name__in=names):
        user.groups.add(group)
    if account.organisation:
        organisation = Organisation.objects.filter(name=account.organisation).first()
        if organisation is not None:
            StaffProfile.objects.get_or_create(user=user, defaults={"organisation": organisation})
    return user, created


def all_demo_accounts() -> list[DemoAccount]:
    """Every app's ACCOUNTS, in INSTALLED_APPS order, each username once."""
    seen: dict[str, DemoAccount] = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{config.name}.demo", config.name}:
                raise
            continue
        for account in getattr(module, "ACCOUNTS", ()):
            seen.setdefault(account.username, account)
    return list(seen.values())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(rows: list[tuple[str, ...]]) -> str:
    """Rows as aligned columns for a terminal (CJK characters count double); the first row
    is the heading, underlined."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def account_table(accounts: list[DemoAccount]) -> str:
    rows = [("用户名", "密码", "角色", "所属机构", "登录地址", "可以做什么")]
    rows += [
        (a.username, a.password, a.role_label, a.organisation or "—", a.sign_in_url, a.does or "—") for a in accounts
    ]
    return text_table(rows)
