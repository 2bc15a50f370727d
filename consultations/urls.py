from __future__ import annotations

from django.urls import path

from . import feeds, views

app_name = "consultations"

urlpatterns = [
    path("", views.board, name="board"),
    path("submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("track/<str:number>/rate/", views.rate, name="rate"),
    path("published/", views.published_list, name="published"),
    path("published/feed/", feeds.PublishedMessagesFeed(), name="published_feed"),
    path("published/<int:pk>/", views.published_detail, name="published_detail"),
    path("faq.csv", views.faq_csv, name="faq_csv"),
    path("staff/clusters/", views.clusters, name="clusters"),
    path("staff/statistics/", views.statistics_page, name="statistics"),
]
