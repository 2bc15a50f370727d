"""The staff roles' permissions on the work-points tracker. Synced by organisations.roles.

工作要点协调人 (the coordinating office, usually 党政办公室) breaks the year's work points into
tasks, records progress, evidence and the head's hearings (item 26) for the plans its office
coordinates; the town-wide 管理员 does the same for every plan; signing heads read them."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, SIGNER

COORDINATOR = "工作要点协调人"

_MANAGE = [
    "workpoints.add_workplan",
    "workpoints.change_workplan",
    "workpoints.view_workplan",
    "workpoints.add_workitem",
    "workpoints.change_workitem",
    "workpoints.delete_workitem",
    "workpoints.view_workitem",
    "workpoints.add_evidence",
    "workpoints.change_evidence",
    "workpoints.delete_evidence",
    "workpoints.view_evidence",
    "workpoints.add_headreport",
    "workpoints.change_headreport",
    "workpoints.view_headreport",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    SIGNER: [
        "workpoints.view_workplan",
        "workpoints.view_workitem",
        "workpoints.view_evidence",
        "workpoints.view_headreport",
    ],
    ADMINISTRATOR: list(_MANAGE),
    COORDINATOR: [
        *_MANAGE,
        # choosing the work-points document, the offices and the minutes document
        "documents.view_policydocument",
        "organisations.view_organisation",
    ],
}
