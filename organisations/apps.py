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
        # Later apps extend ROLE_PERMISSIONS; keep the groups in step after each migrate.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="organisations.sync_roles")
