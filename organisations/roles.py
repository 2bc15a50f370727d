"""Staff roles. Each is a Django group created by a data migration.

The permission lists here are the single source of truth; migrations and
`sync_roles` apply them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Organisation

DRAFTER = "起草人"
REVIEWER = "公开审查人"
SIGNER = "审签负责人"
ADMINISTRATOR = "管理员"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: [
        "documents.view_policydocument",
        "documents.add_policydocument",
        "documents.change_policydocument",
        "documents.view_attachment",
        "documents.add_attachment",
        "documents.change_attachment",
        "documents.delete_attachment",
        "documents.view_catalogueitem",
        "documents.view_catalogtag",
        "documents.view_tagdimension",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "organisations.view_organisation",
    ],
    REVIEWER: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.review_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "documents.change_privacyfinding",
        "documents.view_catalogueitem",
        "documents.view_catalogtag",
        "documents.view_tagdimension",
        "privacy.view_sensitiveword",
        "privacy.add_sensitiveword",
        "privacy.change_sensitiveword",
        "privacy.delete_sensitiveword",
        "organisations.view_organisation",
    ],
    SIGNER: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.sign_policydocument",
        "documents.withdraw_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "documents.view_catalogueitem",
        "documents.view_catalogtag",
        "documents.view_tagdimension",
        "organisations.view_organisation",
    ],
    ADMINISTRATOR: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.withdraw_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "documents.add_catalogueitem",
        "documents.change_catalogueitem",
        "documents.delete_catalogueitem",
        "documents.view_catalogueitem",
        "documents.add_catalogtag",
        "documents.change_catalogtag",
        "documents.delete_catalogtag",
        "documents.view_catalogtag",
        "documents.add_tagdimension",
        "documents.change_tagdimension",
        "documents.view_tagdimension",
        "documents.view_documentdecision",
        "documents.add_documentdecision",
        "privacy.view_sensitiveword",
        "privacy.add_sensitiveword",
        "privacy.change_sensitiveword",
        "privacy.delete_sensitiveword",
        "organisations.add_organisation",
        "organisations.change_organisation",
        "organisations.view_organisation",
        "organisations.add_staffprofile",
        "organisations.change_staffprofile",
        "organisations.view_staffprofile",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        # The working-day calendar and every organisation's deadlines.
        "workdays.view_calendaryear",
        "workdays.add_calendaryear",
        "workdays.change_calendaryear",
        "workdays.view_calendarentry",
        "workdays.add_calendarentry",
        "workdays.change_calendarentry",
        "workdays.delete_calendarentry",
        "workdays.view_calendarchange",
        "deadlines.view_deadline",
        "deadlines.view_all_deadlines",
        "notifications.view_outboxmessage",
    ],
}


def has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()


def organisation_of(user: AbstractBaseUser | AnonymousUser) -> Organisation | None:
    """The organisation a staff member belongs to, or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.organisation if profile else None


def extend_role_permissions(extra: dict[str, list[str]]) -> None:
    """Add an app's permissions to the roles (new roles included); called from the app's
    ready(), before sync_role_groups runs after `migrate`."""
    for role, codes in extra.items():
        listed = ROLE_PERMISSIONS.setdefault(role, [])
        listed.extend(code for code in codes if code not in listed)


def sync_role_groups(apps=None, verbosity: int = 0) -> None:
    """Create the role groups and give each exactly its listed permissions.

    Called by the data migration and again after every `migrate`, so that an
    app added later only extends ROLE_PERMISSIONS.
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
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".", 1)
            perm = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
