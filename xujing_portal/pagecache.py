"""Anonymous page caching in the shared cache, with exact invalidation.

The busiest public pages (home, the document list, a document, the catalogue, the
normative list, feeds, the sitemap, the API list and the message board) are kept as
rendered for anonymous visitors: Redis in production, local memory on the embedded default.

Exact, not "fresh enough". A cached page's key holds:
- the page version, which `changed()` replaces once the writing transaction commits; the
  services call it wherever something a public page shows enters, leaves or changes
  (documents.aggregates.changed() calls it for every document change: publication,
  withdrawal, an edit after publication, the expiry sweep; interpretations, the board's
  published replies and FAQs call it too, and AdminChangeMiddleware calls it for any
  change saved in the admin: an organisation's name, a tag, a catalogue entry…);
- today's date, so the validity computed from the dates is today's: a document that
  expires at midnight leaves every page that day;
- what the apps register with `vary_on` (elder: the 长辈版 display mode) and, for the API,
  the Accept header.
A page is also kept no longer than PAGE_CACHE_SECONDS, nor than what the apps register with
`keep_until` (documents: the next scheduled publication, since a document signed with a
later publication time becomes public without any write).

Only anonymous GET/HEAD requests are served from it: a request with a session or messages
cookie (every signed-in user, who may see targeted documents) is always answered by the
view. Values that must differ per visitor, the CSRF token and a form's one-time token, are
stored as placeholders and filled in for each visitor (`per_visitor`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.module_loading import import_string

VERSION_KEY = "pages:version"
KEY = "pages:1:{digest}"  # 1: the layout of a stored page
HIT_HEADER = "X-Page-Cache"  # "hit" or "miss": the benchmark and the tests read it

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')
CSRF_PLACEHOLDER = b"\x00pagecache:csrf\x00"
MAX_QUERY_LENGTH = 200
MAX_QUERY_PARAMETERS = 8
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Content-Disposition", "X-Robots-Tag", "Allow", "Vary")


def _shared():
    """The cache every process sees ("shared" in settings; the default cache if not configured)."""
    return caches["shared"] if "shared" in settings.CACHES else cache


def changed() -> None:
    """Something a public page shows changed: every cached page is dropped now, and again
    once the caller's transaction commits (a page cached from the old rows in between, by
    another request, goes too). Outside a transaction, once, at once."""
    if transaction.get_connection().in_atomic_block:
        _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    _shared().set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    shared = _shared()
    version = shared.get(VERSION_KEY)
    if version is None:
        shared.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = shared.get(VERSION_KEY) or "none"
    return version


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600) > 0


def cacheable(request: HttpRequest) -> bool:
    """An anonymous read: no session (a signed-in user always has one), no pending message."""
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    # A query no page's links produce (very long, many parameters) is answered but not kept:
    # made-up addresses cannot fill the cache with pages no one else asks for.
    query = request.META.get("QUERY_STRING", "")
    return len(query) <= MAX_QUERY_LENGTH and query.count("&") < MAX_QUERY_PARAMETERS


def per_visitor(request: HttpRequest, value: str, maker: str) -> str:
    """Mark `value`, rendered into this page, as one that each visitor gets anew from the
    function at dotted path `maker` (a form's one-time token). Returns `value`."""
    placeholders = request.__dict__.setdefault("_pagecache_per_visitor", {})
    placeholders[value] = maker
    return value


# What else a page depends on, registered by the apps that know (their AppConfig.ready):
# a part of the key per request (elder: the display mode), and a time after which no page
# may be served (documents: the next scheduled publication or midnight).
_variants: list[Callable[[HttpRequest], str]] = []
_horizons: list[Callable[[], dt.datetime | None]] = []


def vary_on(part: Callable[[HttpRequest], str]) -> Callable[[HttpRequest], str]:
    """Register a part of every page's key, computed from the request."""
    _variants.append(part)
    return part


def keep_until(horizon: Callable[[], dt.datetime | None]) -> Callable[[], dt.datetime | None]:
    """Register a time after which a page stored now must not be served."""
    _horizons.append(horizon)
    return horizon


def _key(request: HttpRequest) -> str:
    parts = [
        _version(),
        timezone.localdate().isoformat(),
        *(part(request) for part in _variants),
        request.META.get("HTTP_ACCEPT", "") if request.path.startswith("/api/") else "",
        request.get_full_path(),
    ]
    return KEY.format(digest=hashlib.sha256("\n".join(parts).encode()).hexdigest())


def _expires_at(now: float) -> float:
    """No later than PAGE_CACHE_SECONDS, nor than any registered horizon."""
    until = now + settings.PAGE_CACHE_SECONDS
    for horizon in _horizons:
        when = horizon()
        if when is not None:
            until = min(until, when.timestamp())
    return until


def _store(request: HttpRequest, key: str, response: HttpResponse) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token
        content = CSRF_FIELD.sub(lambda m: m.group(1) + CSRF_PLACEHOLDER + m.group(3), content)
    makers = []
    for index, (value, maker) in enumerate(getattr(request, "_pagecache_per_visitor", {}).items()):
        placeholder = f"\x00pagecache:{index}\x00".encode()
        content = content.replace(value.encode(), placeholder)
        makers.append((placeholder, maker))
    now = time.time()
    expires_at = _expires_at(now)
    if expires_at <= now:
        return
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    entry = {"expires_at": expires_at, "headers": headers, "content": content, "makers": makers}
    cache.set(key, entry, max(1, int(expires_at - now)))


def _replay(request: HttpRequest, entry: dict) -> HttpResponse:
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    for placeholder, maker in entry["makers"]:
        content = content.replace(placeholder, import_string(maker)().encode())
    response = HttpResponse(content)
    for name, value in entry["headers"]:
        response[name] = value
    return response


def serve(request: HttpRequest, view: Callable[..., HttpResponse], *args, **kwargs) -> HttpResponse:
    """The cached page when there is one for this anonymous request, else the view's answer
    (kept for the next anonymous visitor)."""
    if not cacheable(request):
        return view(request, *args, **kwargs)
    key = _key(request)
    entry = cache.get(key)
    if isinstance(entry, dict) and entry.get("expires_at", 0) > time.time():
        response = _replay(request, entry)
        response[HIT_HEADER] = "hit"
        return response
    response = view(request, *args, **kwargs)
    _store(request, key, response)
    response[HIT_HEADER] = "miss"
    return response


class AdminChangeMiddleware:
    """Whatever staff save in the admin may show on a public page: drop the cached pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "POST" and request.path.startswith("/admin/") and response.status_code < 400:
            changed()
        return response


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator for a public view: anonymous GET/HEAD answered from the page cache."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return serve(request, view, *args, **kwargs)

    return wrapped
