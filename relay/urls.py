from __future__ import annotations

from django.urls import path

from . import views

app_name = "relay"

urlpatterns = [
    path("ack/<str:token>/", views.acknowledge, name="acknowledge"),
    path("staff/", views.staff_index, name="staff_index"),
    path("staff/partners/", views.staff_partners, name="staff_partners"),
    path("staff/policies/<id:pk>/", views.staff_policy, name="staff_policy"),
    path("staff/policies/<id:pk>/send/", views.staff_send, name="staff_send"),
    path("staff/policies/<id:pk>/no-relay/", views.staff_no_relay, name="staff_no_relay"),
]
