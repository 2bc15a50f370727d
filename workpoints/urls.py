from __future__ import annotations

from django.urls import path

from . import views

app_name = "workpoints"

urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.latest, name="latest"),
    path("staff/head-reports/<id:pk>/minutes/", views.minutes, name="minutes"),
    path("<year:year>/", views.year, name="year"),
]
