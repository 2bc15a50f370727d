"""What each staff role may do with the outbox: the administrator reads every notice sent.
Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: ["notifications.view_outboxmessage"],
}
