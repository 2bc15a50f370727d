"""The site's URLs plus stand-ins for the reports and workpoints apps' lists."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

from xujing_portal.urls import urlpatterns as site

urlpatterns = [
    path("reports/annual/", lambda request: HttpResponse("reports")),
    path("workpoints/", lambda request: HttpResponse("workpoints")),
    *site,
]
