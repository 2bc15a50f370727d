from __future__ import annotations

from django.urls import path

from xujing_portal import converters  # noqa: F401 (registers <id:…> and <year:…>)

from . import feeds, views

app_name = "decisions"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", feeds.DecisionsFeed(), name="feed"),
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/calls/<id:pk>/", views.representative_apply, name="representative_apply"),
    path("staff/representatives/", views.staff_representatives, name="staff_representatives"),
    path("<year:year>/", views.catalogue, name="catalogue"),
    path("<year:year>/<id:pk>/", views.decision_detail, name="detail"),
    path("<year:year>/<id:pk>/comment/", views.decision_comment, name="comment"),
]
