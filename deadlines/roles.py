"""What each staff role may do with deadlines: the administrator sees every organisation's.
Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        "deadlines.view_deadline",
        "deadlines.view_all_deadlines",
    ],
}
