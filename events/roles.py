"""What each staff role may do with events: the drafter keeps events and sessions, runs the
door (registrations), merges and picks topics; the administrator sees them. Synced by
organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER

_VIEW = [
    "events.view_event",
    "events.view_session",
    "events.view_registration",
    "events.view_topic",
    "events.view_topicvote",
    "events.view_eventphoto",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: [
        *_VIEW,
        "events.add_event",
        "events.change_event",
        "events.add_session",
        "events.change_session",
        "events.delete_session",
        "events.change_registration",
        "events.change_topic",
        "events.add_eventphoto",
        "events.change_eventphoto",
        "events.delete_eventphoto",
    ],
    ADMINISTRATOR: list(_VIEW),
}
