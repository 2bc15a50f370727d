"""The OpenAPI schema view: generated once per process, unknown parameters refused,
downloaded under an ASCII file name; and the human-readable API page (Swagger UI).

drf-spectacular regenerates the schema on every request and puts ``?version=`` into a
response header and the file name: a CR/LF there was a 500, and a long value made each
request quadratically slower. The API has one version, so ``version`` and ``lang`` are
only accepted empty or with the values the portal serves.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

_cache: dict[str, dict] = {}
# drf-spectacular names the file after the title (Chinese), which Django sends RFC 2047
# encoded: browsers then save it as "download".
FILE_NAME = "xujing-portal-api"


class PortalSchemaView(SpectacularAPIView):
    @extend_schema(exclude=True)  # the schema is not an endpoint of itself
    def get(self, request, *args, **kwargs):
        version = request.GET.get("version", "")
        if version not in ("", settings.SPECTACULAR_SETTINGS["VERSION"]):
            return Response({"detail": "不支持该接口版本。本接口只有一个版本，请去掉 version 参数后重试。"}, status=400)
        lang = request.GET.get("lang", "")
        if lang not in ("", *dict(settings.LANGUAGES)):
            return Response({"detail": "不支持该语言。请去掉 lang 参数后重试。"}, status=400)
        return super().get(request, *args, **kwargs)

    def _get_filename(self, request, version) -> str:
        return f"{FILE_NAME}.{self.perform_content_negotiation(request, force=True)[0].format}"

    def _get_schema_response(self, request):
        schema = _cache.get("schema")
        if schema is None:
            generator = self.generator_class(urlconf=self.urlconf, api_version=None, patterns=self.patterns)
            schema = _cache["schema"] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, None)}"'}
        )


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """开放数据接口说明: the schema read through the vendored Swagger UI (static/vendor/swagger-ui),
    started by static/js/api-docs.js: no inline script or style, so the site's CSP holds."""
    schema = reverse("api-schema")
    return render(request, "api_docs.html", {"schema_url": f"{schema}?format=json", "schema_yaml_url": schema})
