from __future__ import annotations

from django.urls import path

from . import feeds, views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("submitted/", views.submitted, name="submitted"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/", views.mine, name="mine"),
    path("feeds/query.rss", feeds.QueryDocumentsFeed(), name="query_feed_rss"),
    path("feeds/query.atom", feeds.QueryDocumentsAtomFeed(), name="query_feed_atom"),
    path("feeds/open-for-comment.rss", feeds.OpenForCommentFeed(), name="open_for_comment_feed_rss"),
    path("feeds/open-for-comment.atom", feeds.OpenForCommentAtomFeed(), name="open_for_comment_feed_atom"),
]
