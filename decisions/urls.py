from __future__ import annotations

from django.urls import path

from . import feeds, views

app_name = "decisions"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", feeds.DecisionsFeed(), name="feed"),
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/calls/<int:pk>/", views.representative_apply, name="representative_apply"),
    path("staff/representatives/", views.staff_representatives, name="staff_representatives"),
    path("<int:year>/", views.catalogue, name="catalogue"),
    path("<int:year>/<int:pk>/", views.decision_detail, name="detail"),
    path("<int:year>/<int:pk>/comment/", views.decision_comment, name="comment"),
]
