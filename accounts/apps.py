from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "公众账号"

    def ready(self) -> None:
        from organisations import roles

        from .roles import ACCOUNT_ROLES

        # The administrator opens enterprise accounts; organisations syncs the groups after every migrate.
        roles.extend_role_permissions(ACCOUNT_ROLES)
