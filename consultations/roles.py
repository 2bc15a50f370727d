"""The message board's staff roles, as Django groups with exactly these permissions.

Kept apart from organisations.roles (the document workflow); synced after every
`migrate` by ConsultationsConfig.ready.
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


def sync_consultation_roles(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    for role, codes in CONSULTATION_ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
