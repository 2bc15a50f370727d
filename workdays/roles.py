"""What each staff role may do with the working-day calendar: the administrator keeps it.
Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        "workdays.view_calendaryear",
        "workdays.add_calendaryear",
        "workdays.change_calendaryear",
        "workdays.view_calendarentry",
        "workdays.add_calendarentry",
        "workdays.change_calendarentry",
        "workdays.delete_calendarentry",
        "workdays.view_calendarchange",
    ],
}
