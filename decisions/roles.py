"""The staff roles' permissions on major decisions, as Django groups.

Added to organisations.roles.ROLE_PERMISSIONS by DecisionsConfig.ready and synced with the
other roles after every `migrate`. Which decisions a role acts on is decisions.permissions:
its own organisation's, or all of them for the 管理员 role.
"""

from __future__ import annotations

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


def role_permissions(roles) -> dict[str, list[str]]:
    """What each role may do with decisions. The decision staff (决策承办人) and drafters run
    their unit's decisions; the disclosure reviewer reads them and checks the feedback report
    before it is published; signers also publish the report; administrators, town-wide, also
    keep the yearly catalogue."""
    return {
        DECISION_STAFF: [*_WORK, "organisations.view_organisation"],
        roles.DRAFTER: list(_WORK),
        roles.REVIEWER: [*_READ, "decisions.change_feedbackreport"],
        roles.SIGNER: [*_WORK, *_PUBLISH],
        roles.ADMINISTRATOR: [*_WORK, *_PUBLISH, *_perms(["add", "change"], ["catalogue"])],
    }
