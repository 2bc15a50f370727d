from __future__ import annotations

from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("new/", views.new, name="new"),
    path("new/submitted/", views.submitted, name="submitted"),
    path("new/disclosed.json", views.disclosed_documents, name="disclosed"),
    path("track/", views.track, name="track"),
    path("statistics/", views.statistics_page, name="statistics"),
]
