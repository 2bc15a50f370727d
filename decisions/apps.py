from __future__ import annotations

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from search import indexing
        from search.models import Kind

        from .indexing import rebuild_decisions

        indexing.register_rebuilder(Kind.DECISION, rebuild_decisions)
