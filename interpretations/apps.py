from __future__ import annotations

from django.apps import AppConfig

_VIEW = [
    "interpretations.view_interpretation",
    "interpretations.view_interpretationimage",
    "interpretations.view_questionanswer",
]


def role_permissions(roles) -> dict[str, list[str]]:
    """What each staff role may do with interpretations; added to organisations.roles.ROLE_PERMISSIONS,
    which organisations syncs to the role groups after every migrate."""
    return {
        roles.DRAFTER: [
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
        roles.REVIEWER: [*_VIEW, "interpretations.change_interpretation"],
        roles.SIGNER: [*_VIEW, "interpretations.sign_interpretation"],
        roles.ADMINISTRATOR: list(_VIEW),
    }


class InterpretationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpretations"
    verbose_name = "政策解读"

    def ready(self) -> None:
        from documents import catalogue as document_catalogue
        from documents import signals
        from organisations import roles
        from search import indexing
        from search.models import Kind

        from . import catalogue, receivers, search_sync

        roles.extend_role_permissions(role_permissions(roles))
        signals.before_transition.connect(receivers.on_before_transition, dispatch_uid="interpretations.gate")
        signals.document_published.connect(receivers.on_document_published, dispatch_uid="interpretations.publish")
        signals.document_withdrawn.connect(receivers.on_document_withdrawn, dispatch_uid="interpretations.withdraw")
        indexing.register_rebuilder(Kind.INTERPRETATION, search_sync.rebuild)
        for source in catalogue.SOURCES:
            document_catalogue.register(source)
