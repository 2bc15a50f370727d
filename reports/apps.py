from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        from documents import catalogue as document_catalogue

        from . import catalogue

        for source in catalogue.SOURCES:
            document_catalogue.register(source)
