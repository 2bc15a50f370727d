from __future__ import annotations

app_name = "deadlines"

urlpatterns: list = []
