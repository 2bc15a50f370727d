"""The message board's staff roles, as Django groups with exactly these permissions.

Added to organisations.roles.ROLE_PERMISSIONS by ConsultationsConfig.ready, and
synced with the other roles after every `migrate`.
"""

from __future__ import annotations

from .permissions import DISPATCHER, HANDLER, LEADER

_HANDLE = [
    "consultations.view_message",
    "consultations.add_message",
    "consultations.change_message",
    "consultations.view_messageevent",
    "consultations.view_returnvisit",
    "consultations.add_returnvisit",
    "consultations.view_windowquestion",
    "consultations.add_windowquestion",
    "consultations.change_windowquestion",
    "consultations.view_faq",
    "organisations.view_organisation",
]

CONSULTATION_ROLES: dict[str, list[str]] = {
    HANDLER: _HANDLE,
    DISPATCHER: [
        *_HANDLE,
        "consultations.dispatch_message",
        "consultations.view_statistics",
        "consultations.add_faq",
        "consultations.change_faq",
        "consultations.view_channellimit",
        "consultations.change_channellimit",
        "consultations.add_channellimit",
    ],
    LEADER: [
        "consultations.view_message",
        "consultations.change_message",  # to post the review buttons; the fields stay read-only
        "consultations.review_answer",
        "consultations.view_messageevent",
        "consultations.view_returnvisit",
        "consultations.view_statistics",
        "consultations.view_faq",
    ],
}
