"""Staff roles: Django groups with exactly the permissions the apps list.

One convention in every app: ``<app>/roles.py`` declares
``ROLE_PERMISSIONS: dict[str, list[str]]`` (role name → "app_label.codename"), granting
permissions on that app's own models; a role the app defines itself (its name a constant
in the same module) also gets there what it needs of other apps. The four roles every app
refers to are named here. ``all_role_permissions`` merges every installed app's lists,
and ``sync_role_groups`` applies them after every `migrate`; no app wires anything.
"""

from __future__ import annotations

from importlib import import_module

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Organisation

DRAFTER = "起草人"
REVIEWER = "公开审查人"
SIGNER = "审签负责人"
ADMINISTRATOR = "管理员"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Every role picks units from the organisation list; the administrator also keeps that
    # list and the staff accounts.
    DRAFTER: ["organisations.view_organisation"],
    REVIEWER: ["organisations.view_organisation"],
    SIGNER: ["organisations.view_organisation"],
    ADMINISTRATOR: [
        "organisations.add_organisation",
        "organisations.change_organisation",
        "organisations.view_organisation",
        "organisations.add_staffprofile",
        "organisations.change_staffprofile",
        "organisations.view_staffprofile",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
    ],
}


def has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return role in group_names(user)


def group_names(user: AbstractBaseUser) -> frozenset[str]:
    """The names of the user's groups, read once per user object (one request), as Django's
    ModelBackend caches permissions: a page asking many "may this user…" questions costs one
    query, not one each. Code that changes a user's groups and asks again reloads the user."""
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_group_names = cached
    return cached


def organisation_of(user: AbstractBaseUser | AnonymousUser) -> Organisation | None:
    """The organisation a staff member belongs to, or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.organisation if profile else None


def all_role_permissions() -> dict[str, list[str]]:
    """Every installed app's ROLE_PERMISSIONS (from ``<app>/roles.py``), merged in
    INSTALLED_APPS order, each permission once per role."""
    from django.apps import apps as global_apps

    merged: dict[str, list[str]] = {}
    for config in global_apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{config.name}.roles", config.name}:
                raise
            continue
        for role, codes in getattr(module, "ROLE_PERMISSIONS", {}).items():
            listed = merged.setdefault(role, [])
            listed.extend(code for code in codes if code not in listed)
    return merged


def role_names() -> list[str]:
    """The names of every staff role group."""
    return list(all_role_permissions())


def sync_role_groups(apps=None, verbosity: int = 0) -> None:
    """Create the role groups and give each exactly its listed permissions.

    Called by the data migration and again after every `migrate`, so that an
    app added later only declares its ROLE_PERMISSIONS in its roles.py.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_config in apps.get_app_configs():
        # Historical app configs have no models_module; create_permissions skips those.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = previous
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codes in all_role_permissions().items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".", 1)
            perm = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
