from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs) -> None:
    from .roles import sync_role_groups

    sync_role_groups()


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        # Every app declares its roles in its roles.py; keep the groups in step after each migrate.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="organisations.sync_roles")
        # Wherever a user is shown as text (admin read-only fields, choices, records), it
        # is by name, family name first (王起草), not the account name or "起草 王".
        from django.contrib.auth import get_user_model

        from .names import person_name

        get_user_model().__str__ = person_name
