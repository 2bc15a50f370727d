from __future__ import annotations

from django.apps import AppConfig

# What each staff role may do with interpretations; added to organisations.roles.ROLE_PERMISSIONS,
# which organisations syncs to the role groups after every migrate.
ROLE_PERMISSIONS = {
    "起草人": [
        "interpretations.view_interpretation",
        "interpretations.add_interpretation",
        "interpretations.change_interpretation",
        "interpretations.view_interpretationimage",
        "interpretations.add_interpretationimage",
        "interpretations.change_interpretationimage",
        "interpretations.delete_interpretationimage",
        "interpretations.view_questionanswer",
        "interpretations.add_questionanswer",
        "interpretations.change_questionanswer",
        "interpretations.delete_questionanswer",
    ],
    "公开审查人": [
        "interpretations.view_interpretation",
        "interpretations.change_interpretation",
        "interpretations.view_interpretationimage",
        "interpretations.view_questionanswer",
    ],
    "审签负责人": [
        "interpretations.view_interpretation",
        "interpretations.sign_interpretation",
        "interpretations.view_interpretationimage",
        "interpretations.view_questionanswer",
    ],
    "管理员": [
        "interpretations.view_interpretation",
        "interpretations.view_interpretationimage",
        "interpretations.view_questionanswer",
    ],
}


class InterpretationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpretations"
    verbose_name = "政策解读"

    def ready(self) -> None:
        from documents import signals
        from organisations import roles
        from search import indexing
        from search.models import Kind

        from . import receivers, search_sync

        for role, codes in ROLE_PERMISSIONS.items():
            listed = roles.ROLE_PERMISSIONS.setdefault(role, [])
            listed.extend(code for code in codes if code not in listed)
        signals.before_transition.connect(receivers.on_before_transition, dispatch_uid="interpretations.gate")
        signals.document_published.connect(receivers.on_document_published, dispatch_uid="interpretations.publish")
        signals.document_withdrawn.connect(receivers.on_document_withdrawn, dispatch_uid="interpretations.withdraw")
        indexing.register_rebuilder(Kind.INTERPRETATION, search_sync.rebuild)
