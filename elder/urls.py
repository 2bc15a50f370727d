from __future__ import annotations

from django.urls import path

from . import views

app_name = "elder"

urlpatterns = [
    path("elder/", views.elder_on, name="on"),
    path("standard/", views.elder_off, name="off"),
]
