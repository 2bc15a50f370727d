"""Writes to public (enterprise) accounts, called by the admin."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import EnterpriseAccount
from .selectors import audience_groups

# What the admin may change on an existing account; never is_staff or is_superuser.
EDITABLE_FIELDS = ["username", "first_name", "last_name", "email", "is_active"]


@transaction.atomic
def enterprise_account_save(*, account: EnterpriseAccount, groups: Iterable[Group]) -> EnterpriseAccount:
    """Create or update an enterprise account and set its audience groups.

    The account is never staff nor superuser, whatever the caller set: staff
    accounts are managed elsewhere. A new account arrives with its password
    already set (set_password) by the admin's creation form.
    """
    groups = list(groups)
    allowed = set(audience_groups().values_list("pk", flat=True))
    outside = [group.name for group in groups if group.pk not in allowed]
    if outside:
        raise ValidationError(
            {"groups": f"“{'”“'.join(outside)}”不是定向公开对象，不能加入企业账号。请从定向公开对象中选择。"},
            code="not_an_audience",
        )
    account.is_staff = False
    account.is_superuser = False
    account.full_clean()
    if account._state.adding:
        account.save()
    else:
        account.save(update_fields=EDITABLE_FIELDS)
    account.groups.set(groups)
    return account
