from __future__ import annotations

from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = "政务公开数据"
