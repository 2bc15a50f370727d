from __future__ import annotations

from django.apps import AppConfig


class XxgkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk"
    verbose_name = "政府信息公开专栏"
