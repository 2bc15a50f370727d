from __future__ import annotations

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from documents import catalogue as document_catalogue
        from search import indexing
        from search.models import Kind

        from . import catalogue, search_sync

        indexing.register_rebuilder(Kind.DECISION, search_sync.rebuild)
        for source in catalogue.SOURCES:
            document_catalogue.register(source)
