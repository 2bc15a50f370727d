"""What each staff role may do with public (enterprise) accounts."""

from __future__ import annotations

from organisations import roles

ACCOUNT_ROLES: dict[str, list[str]] = {
    roles.ADMINISTRATOR: [
        "accounts.view_enterpriseaccount",
        "accounts.add_enterpriseaccount",
        "accounts.change_enterpriseaccount",
    ],
}
