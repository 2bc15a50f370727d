"""The message board's staff roles and what each may do. Synced by organisations.roles."""

from __future__ import annotations

HANDLER = "留言办理人"
DISPATCHER = "留言受理分派人"
LEADER = "留言审核领导"

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

ROLE_PERMISSIONS: dict[str, list[str]] = {
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
