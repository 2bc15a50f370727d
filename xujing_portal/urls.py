from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from rest_framework.routers import DefaultRouter

from consultations.api import FAQViewSet, PublishedMessageViewSet
from decisions.api import DecisionViewSet
from documents.api import PolicyDocumentViewSet, unknown_api_address
from interpretations.api import InterpretationViewSet
from xujing_portal.api_schema import PortalSchemaView, api_docs
from xujing_portal.converters import IdConverter
from xujing_portal.pagecache import cache_public_page
from xujing_portal.sitemaps import sections

admin.site.site_header = "徐泾镇政务公开门户 · 管理后台"
admin.site.site_title = "徐泾镇政务公开管理后台"
admin.site.index_title = "工作台"


class PortalRouter(DefaultRouter):
    """Every API object is found by its id, 1 to 18 digits, as <id:…> in the site's URLs:
    a longer number is no URL (404), not an integer that overflows the query."""

    _default_value_pattern = IdConverter.regex


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; staff pages and sign-in are not for them. The
    Sitemap line names the index (/sitemap.xml), which names each section's files."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /staff/",
        "Disallow: /accounts/",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, a feed)."""
    return HttpResponseRedirect(static("img/favicon.ico"))


SITEMAPS = sections()

router = PortalRouter()
router.register("documents", PolicyDocumentViewSet, basename="api-documents")
router.register("decisions", DecisionViewSet, basename="api-decisions")
router.register("interpretations", InterpretationViewSet, basename="api-interpretations")
router.register("faqs", FAQViewSet, basename="api-faqs")
router.register("consultations", PublishedMessageViewSet, basename="api-consultations")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", PortalSchemaView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/", include(router.urls)),
    re_path(r"^api/(?P<path>.*)$", unknown_api_address),  # a JSON 404, after every real endpoint
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("search/", include("search.urls")),
    path("staff/deadlines/", include("deadlines.urls")),
    path("staff/compliance/", include("compliance.urls")),
    path("interpretations/", include("interpretations.urls")),
    path("consultations/", include("consultations.urls")),
    path("decisions/", include("decisions.urls")),
    path("applications/", include("applications.urls")),
    path("reports/", include("reports.urls")),
    path("workpoints/", include("workpoints.urls")),
    path("data/", include("figures.urls")),
    path("accounts/", include("accounts.urls")),
    path("xxgk/", include("xxgk.urls")),
    path("display/", include("elder.urls")),
    path("subscriptions/", include("subscriptions.urls")),
    path("events/", include("events.urls")),
    path("relay/", include("relay.urls")),
    path("", include("documents.urls")),
]

handler400 = "xujing_portal.errors.bad_request"
handler403 = "xujing_portal.errors.permission_denied"
handler404 = "xujing_portal.errors.page_not_found"
handler500 = "xujing_portal.errors.server_error"
