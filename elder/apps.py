from __future__ import annotations

from django.apps import AppConfig


class ElderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elder"
    verbose_name = "长辈版"

    def ready(self) -> None:
        from xujing_portal import pagecache

        from .mode import is_elder

        # Every page differs by the display mode: cached pages are kept per mode.
        pagecache.vary_on(lambda request: "elder" if is_elder(request) else "standard")
