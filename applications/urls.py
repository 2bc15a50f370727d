from __future__ import annotations

from django.urls import path

from . import track_downloads, views

app_name = "applications"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("new/", views.new, name="new"),
    path("new/submitted/", views.submitted, name="submitted"),
    path("new/disclosed.json", views.disclosed_documents, name="disclosed"),
    path("track/", views.track, name="track"),
    # --- exchanges (item 25) ---
    path("track/<str:number>/answer/", views.track_answer, name="track_answer"),
    path("track/<str:number>/correction/", views.track_correction, name="track_correction"),
    path("track/<str:number>/files/<int:file_id>/", views.track_file, name="track_file"),
    # --- end exchanges ---
    path("statistics/", views.statistics_page, name="statistics"),
    # The applicant's downloads once the reply is signed (applications.track_downloads).
    path("track/<str:number>/letter.pdf", track_downloads.letter, name="track_letter"),
    path("track/<str:number>/provided/<int:file_id>/", track_downloads.provided_file, name="track_provided"),
]
