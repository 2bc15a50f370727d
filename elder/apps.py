from __future__ import annotations

from django.apps import AppConfig


class ElderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elder"
    verbose_name = "长辈版"
