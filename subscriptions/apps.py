from __future__ import annotations

from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "政策订阅"
    default_auto_field = "django.db.models.BigAutoField"
