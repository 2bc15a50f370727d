"""Public accounts: people outside the government who sign in to read what is
disclosed to them (定向公开, item 19). They are ordinary Django users that are
neither staff nor superusers; the proxy gives the admin a page of their own."""

from __future__ import annotations

from django.contrib.auth.models import User, UserManager


class EnterpriseAccountManager(UserManager):
    """Only accounts that are neither staff nor superusers: what the enterprise-account admin manages."""

    use_in_migrations = False

    def get_queryset(self):
        return super().get_queryset().filter(is_staff=False, is_superuser=False)


class EnterpriseAccount(User):
    objects = EnterpriseAccountManager()

    class Meta:
        proxy = True
        verbose_name = "企业账号"
        verbose_name_plural = "企业账号（定向公开对象）"
        ordering = ["username"]
