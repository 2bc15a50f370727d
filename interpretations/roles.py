"""What each staff role may do with interpretations: the drafter writes them beside the
document, the reviewer reviews them, the signer signs them. Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER, REVIEWER, SIGNER

_VIEW = [
    "interpretations.view_interpretation",
    "interpretations.view_interpretationimage",
    "interpretations.view_questionanswer",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: [
        *_VIEW,
        "interpretations.add_interpretation",
        "interpretations.change_interpretation",
        "interpretations.add_interpretationimage",
        "interpretations.change_interpretationimage",
        "interpretations.delete_interpretationimage",
        "interpretations.add_questionanswer",
        "interpretations.change_questionanswer",
        "interpretations.delete_questionanswer",
    ],
    REVIEWER: [*_VIEW, "interpretations.change_interpretation"],
    SIGNER: [*_VIEW, "interpretations.sign_interpretation"],
    ADMINISTRATOR: list(_VIEW),
}
