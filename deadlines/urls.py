from __future__ import annotations

from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("", views.my_deadlines, name="mine"),
]
