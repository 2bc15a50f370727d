from __future__ import annotations

from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpretations"
    verbose_name = "政策解读"

    def ready(self) -> None:
        from documents import catalogue as document_catalogue
        from documents import gates, signals
        from search import indexing
        from search.models import Kind

        from . import catalogue, receivers, search_sync, services

        gates.register("interpretation", services.interpretation_gate)
        signals.before_transition.connect(receivers.on_before_transition, dispatch_uid="interpretations.gate")
        signals.document_published.connect(receivers.on_document_published, dispatch_uid="interpretations.publish")
        signals.document_withdrawn.connect(receivers.on_document_withdrawn, dispatch_uid="interpretations.withdraw")
        indexing.register_rebuilder(Kind.INTERPRETATION, search_sync.rebuild)
        for source in catalogue.SOURCES:
            document_catalogue.register(source)
