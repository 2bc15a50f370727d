from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.event_ics, name="ics"),
    path("<int:pk>/sessions/<int:session_id>/register/", views.register, name="register"),
    path("<int:pk>/questionnaire/", views.questionnaire, name="questionnaire"),
    path("<int:pk>/topics/propose/", views.propose_topic, name="propose_topic"),
    path("<int:pk>/topics/<int:topic_id>/vote/", views.vote_topic, name="vote_topic"),
    path("registered/", views.registered, name="registered"),
    path("my/", views.my_registration, name="my_registration"),
    path("feeds/upcoming.rss", feeds.UpcomingEventsFeed(), name="feed_rss"),
    path("feeds/upcoming.atom", feeds.UpcomingEventsAtomFeed(), name="feed_atom"),
    path("door/<int:session_id>/", views.door, name="door"),
    path("door/<int:session_id>/<int:registration_id>/check-in/", views.door_check_in, name="door_check_in"),
]
