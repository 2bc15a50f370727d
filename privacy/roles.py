"""What each staff role may do with the sensitive-word list the privacy scan uses: the
reviewer and the administrator keep it. Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, REVIEWER

_KEEP_WORDS = [
    "privacy.view_sensitiveword",
    "privacy.add_sensitiveword",
    "privacy.change_sensitiveword",
    "privacy.delete_sensitiveword",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REVIEWER: list(_KEEP_WORDS),
    ADMINISTRATOR: list(_KEEP_WORDS),
}
