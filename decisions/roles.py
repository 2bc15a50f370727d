"""The staff roles' permissions on major decisions. Synced by organisations.roles.

Which decisions a role acts on is decisions.permissions: its own organisation's, or all of
them for the 管理员 role.
"""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER, REVIEWER, SIGNER

DECISION_STAFF = "决策承办人"

_WORK_MODELS = [
    "decision",
    "draftarticle",
    "activity",
    "decisionmaterial",
    "opinion",
    "opiniongroup",
    "feedbackreport",
    "representativemeeting",
    "representative",
    "representativecall",
]


def _perms(actions: list[str], models: list[str]) -> list[str]:
    return [f"decisions.{action}_{model}" for model in models for action in actions]


_READ = _perms(["view"], ["catalogue", "stagechange", "representativeapplication", *_WORK_MODELS])
_WORK = [
    *_READ,
    *_perms(["add", "change"], _WORK_MODELS),
    *_perms(["delete"], ["draftarticle", "decisionmaterial", "representative"]),
    "decisions.change_representativeapplication",
]
_PUBLISH = ["decisions.publish_feedbackreport", "decisions.publish_catalogue"]


# What each role may do with decisions. The decision staff (决策承办人) and drafters run their
# unit's decisions; the disclosure reviewer reads them and checks the feedback report before it
# is published; signers also publish the report; administrators, town-wide, also keep the
# yearly catalogue.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    DECISION_STAFF: [*_WORK, "organisations.view_organisation"],
    DRAFTER: list(_WORK),
    REVIEWER: [*_READ, "decisions.change_feedbackreport"],
    SIGNER: [*_WORK, *_PUBLISH],
    ADMINISTRATOR: [*_WORK, *_PUBLISH, *_perms(["add", "change"], ["catalogue"])],
}
