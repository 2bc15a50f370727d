"""Compressed text answers and conditional GET for every page.

TextGZipMiddleware: Django's GZipMiddleware for pages, feeds, the sitemap and CSV only:
attachments (PDF, images, Office files) are already compressed or meant to be downloaded
byte for byte; static files come pre-compressed from whitenoise. The JSON API is left to
the reverse proxy (its clients and the schema tests read it uncompressed).
Django's own GZip adds random bytes against BREACH, and CSRF tokens are masked per response.

ConditionalGetMiddleware (Django's, placed right after it in settings.MIDDLEWARE) gives
each page an ETag of its content and answers 304 when the client already has it, so
the ETag changes exactly when what the visitor would see changes.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/html", "text/csv", "text/plain", "application/xml", "application/rss+xml", "application/atom+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in TEXT_TYPES:
            return response
        return super().process_response(request, response)
