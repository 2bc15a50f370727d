from __future__ import annotations

from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.guide, name="guide"),
]
