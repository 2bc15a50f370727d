from __future__ import annotations

from django.urls import path

from xujing_portal import converters  # noqa: F401 (registers <id:…> and <year:…>)
from xujing_portal.pagecache import cache_public_page

from . import feeds, views

app_name = "interpretations"

urlpatterns = [
    path("", views.interpretation_list, name="list"),
    path("<id:pk>/", views.interpretation_detail, name="detail"),
    path("<id:pk>/images/<id:image_id>/", views.image_file, name="image"),
    path("<id:pk>/video/", views.video_file, name="video"),
    path("feeds/latest.rss", cache_public_page(feeds.LatestInterpretationsFeed()), name="feed_rss"),
    path("feeds/latest.atom", cache_public_page(feeds.LatestInterpretationsAtomFeed()), name="feed_atom"),
    path("staff/compliance/", views.compliance, name="compliance"),
]
