"""What each staff role may do with public (enterprise) accounts: the administrator opens
them. Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        "accounts.view_enterpriseaccount",
        "accounts.add_enterpriseaccount",
        "accounts.change_enterpriseaccount",
    ],
}
