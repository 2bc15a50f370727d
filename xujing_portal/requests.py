"""The portal's request class: a request in a character set the portal cannot read is
answered 400 by the portal, not a bare 500.

Django takes the ``charset`` of the Content-Type header as the encoding of the query
string and body while it builds the request, before any middleware runs. A codec that
is not a text encoding (``base64``, ``rot13``) raises LookupError there, outside the
handler's error pages; one that is not ASCII-compatible (``utf-16``) turns every form
field into nonsense and fails later. Such a charset is noted here instead, the request
is read as UTF-8, and ``RejectUnreadableRequestMiddleware`` answers 400.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import parse_header_parameters

_PROBE = "a=1&b=%20;"


@lru_cache(maxsize=64)
def readable_charset(name: str) -> bool:
    """A text encoding in which URL-encoded ASCII stays itself (UTF-8, GBK, GB18030, Latin-1...)."""
    try:
        codec = codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    if not getattr(codec, "_is_text_encoding", True):
        return False
    try:
        return codec.encode(_PROBE)[0] == _PROBE.encode("ascii")
    except Exception:  # a codec that cannot encode ASCII is not one a form is sent in
        return False


class PortalRequest(WSGIRequest):
    unreadable_charset: str | None = None

    def _set_content_type_params(self, meta) -> None:
        self.content_type, self.content_params = parse_header_parameters(meta.get("CONTENT_TYPE", ""))
        charset = self.content_params.get("charset")
        if charset is None:
            return
        if readable_charset(charset):
            self.encoding = charset
        else:
            self.unreadable_charset = charset[:40]


class PortalWSGIHandler(WSGIHandler):
    request_class = PortalRequest


class RejectUnreadableRequestMiddleware:
    """Last in MIDDLEWARE, so the 400 leaves through every other middleware and carries
    the portal's security headers."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = getattr(request, "unreadable_charset", None)
        if charset:
            context = {"message": f"无法识别请求使用的字符编码“{charset}”。请使用 UTF-8 编码重新提交。"}
            return render(request, "400.html", context, status=400)
        return self.get_response(request)


# How much of an unread request body is read and thrown away so that the client, still
# sending, receives the answer instead of a reset connection. Beyond this the connection
# is closed regardless (the proxy in front should refuse such bodies first).
DRAIN_LIMIT_BYTES = 32 * 1024 * 1024


class DrainUnreadBodyMiddleware:
    """First in MIDDLEWARE: after the answer is ready, read what is left of the request body.

    A form field larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused without reading the
    body; the server then closed the connection while the client was still sending, and
    the client saw a broken pipe instead of the portal's 413 page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        stream = getattr(request, "_stream", None)
        if stream is not None and request.META.get("CONTENT_LENGTH", "0") not in ("", "0"):
            drained = 0
            while drained <= DRAIN_LIMIT_BYTES:
                chunk = stream.read(64 * 1024)  # b"" once what was sent has been read
                if not chunk:
                    break
                drained += len(chunk)
        return response
