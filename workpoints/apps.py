from __future__ import annotations

from django.apps import AppConfig


class WorkpointsConfig(AppConfig):
    name = "workpoints"
    verbose_name = "政务公开工作要点"
