from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


class VaryOnDisplayModeMiddleware:
    """Every HTML page depends on the display-mode cookie (elder.mode): Vary: Cookie, so a
    browser or proxy cache keeps 长辈版 and 标准版 apart (pages sent with a public
    max-age, such as /applications/statistics/, would otherwise come back in the old mode)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response
