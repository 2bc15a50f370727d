from __future__ import annotations

from django.urls import path

from . import feeds, views

app_name = "interpretations"

urlpatterns = [
    path("", views.interpretation_list, name="list"),
    path("<int:pk>/", views.interpretation_detail, name="detail"),
    path("<int:pk>/images/<int:image_id>/", views.image_file, name="image"),
    path("<int:pk>/video/", views.video_file, name="video"),
    path("feeds/latest.rss", feeds.LatestInterpretationsFeed(), name="feed_rss"),
    path("feeds/latest.atom", feeds.LatestInterpretationsAtomFeed(), name="feed_atom"),
    path("staff/compliance/", views.compliance, name="compliance"),
]
