from __future__ import annotations

from django.urls import path

from xujing_portal import converters  # noqa: F401 (registers <id:…> and <year:…>)
from xujing_portal.pagecache import cache_public_page

from . import feeds, views

app_name = "consultations"

urlpatterns = [
    path("", views.board, name="board"),
    path("submitted/", views.submitted, name="submitted"),
    path("submitted/receipt.txt", views.receipt_text, name="receipt_text"),
    path("track/", views.track, name="track"),
    path("track/new-code/", views.resend_code, name="resend_code"),
    path("track/<str:number>/rate/", views.rate, name="rate"),
    path("published/", views.published_list, name="published"),
    path("published/feed/", cache_public_page(feeds.PublishedMessagesFeed()), name="published_feed"),
    path("published/<id:pk>/", views.published_detail, name="published_detail"),
    path("faq.csv", views.faq_csv, name="faq_csv"),
    path("policies.json", views.policy_options, name="policy_options"),
    path("staff/clusters/", views.clusters, name="clusters"),
    path("staff/statistics/", views.statistics_page, name="statistics"),
]
