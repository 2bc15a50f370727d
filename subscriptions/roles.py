"""What each staff role may do with subscriptions: the administrator sees the
subscribers (addresses masked in the list) to answer a citizen's question. Synced by
organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: ["subscriptions.view_subscriber", "subscriptions.view_subscription"],
}
