from __future__ import annotations

from django.urls import path

from xujing_portal import converters  # noqa: F401 (registers <id:…> and <year:…>)
from xujing_portal.pagecache import cache_public_page

from . import feeds, staff_views, views

app_name = "documents"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="list"),
    path("documents/normative/", views.normative_list, name="normative"),
    path("documents/<id:pk>/", views.document_detail, name="detail"),
    path("documents/<id:pk>/attachments/<id:attachment_id>/", views.attachment_download, name="attachment"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/items/<str:code>/", views.catalogue_item, name="catalogue_item"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("feeds/latest.rss", cache_public_page(feeds.LatestDocumentsFeed()), name="feed_rss"),
    path("feeds/latest.atom", cache_public_page(feeds.LatestDocumentsAtomFeed()), name="feed_atom"),
    path("feeds/tags/<slug:slug>.rss", cache_public_page(feeds.TagDocumentsFeed()), name="tag_feed_rss"),
    path("feeds/tags/<slug:slug>.atom", cache_public_page(feeds.TagDocumentsAtomFeed()), name="tag_feed_atom"),
    path(
        "feeds/organisations/<slug:slug>.rss",
        cache_public_page(feeds.OrganisationDocumentsFeed()),
        name="organisation_feed_rss",
    ),
    path(
        "feeds/organisations/<slug:slug>.atom",
        cache_public_page(feeds.OrganisationDocumentsAtomFeed()),
        name="organisation_feed_atom",
    ),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("staff/completeness/", staff_views.completeness_report, name="completeness"),
    path("staff/historical-review/", staff_views.historical_review, name="historical_review"),
]
