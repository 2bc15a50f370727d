from __future__ import annotations

app_name = "interpretations"

urlpatterns: list = []
