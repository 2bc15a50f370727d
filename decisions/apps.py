from __future__ import annotations

from django.apps import AppConfig

_WORK = [
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


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        # Extend the role groups (organisations.roles is the single source of truth; it is synced
        # after each migrate). Drafters run their unit's decisions; signers and administrators
        # also publish the catalogue and feedback reports.
        from organisations import roles
        from search import indexing
        from search.models import Kind

        from .indexing import rebuild_decisions

        indexing.register_rebuilder(Kind.DECISION, rebuild_decisions)

        readonly = _perms(["view"], ["catalogue", "stagechange", "representativeapplication"])
        work = _perms(["view", "add", "change"], _WORK) + _perms(
            ["delete"], ["draftarticle", "decisionmaterial", "representative"]
        )
        extra = {
            roles.DRAFTER: readonly + work + ["decisions.change_representativeapplication"],
            roles.SIGNER: readonly + work + ["decisions.publish_feedbackreport", "decisions.publish_catalogue"],
            roles.ADMINISTRATOR: readonly
            + work
            + _perms(["add", "change"], ["catalogue"])
            + [
                "decisions.publish_feedbackreport",
                "decisions.publish_catalogue",
                "decisions.change_representativeapplication",
            ],
        }
        roles.extend_role_permissions(extra)
