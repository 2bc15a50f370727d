from __future__ import annotations

from django.urls import path

from xujing_portal import converters  # noqa: F401 (registers <year:…>)

from . import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/<year:year>/", views.annual_detail, name="annual_detail"),
    path("annual/<year:year>.json", views.annual_json, name="annual_json"),
    path("annual/<year:year>.pdf", views.annual_download, {"kind": "pdf"}, name="annual_pdf"),
    path("annual/<year:year>.docx", views.annual_download, {"kind": "docx"}, name="annual_docx"),
    path("annual/<year:year>/<slug:slug>/", views.annual_organ, name="annual_organ"),
    path("annual/<year:year>/<slug:slug>.json", views.annual_organ_json, name="annual_organ_json"),
    path("annual/<year:year>/<slug:slug>.pdf", views.annual_organ_download, {"kind": "pdf"}, name="annual_organ_pdf"),
    path(
        "annual/<year:year>/<slug:slug>.docx", views.annual_organ_download, {"kind": "docx"}, name="annual_organ_docx"
    ),
]
