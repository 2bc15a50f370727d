"""The 长辈版 / 标准版 switch: a plain link (no JavaScript, no pop-up) that stores the
choice in a cookie and goes back to the page it was followed from."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .mode import COOKIE_MAX_AGE, COOKIE_NAME, ELDER


def _local(target: str, request: HttpRequest) -> bool:
    return (
        target.startswith("/")
        and target.isprintable()
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    )


def safe_next(request: HttpRequest) -> str:
    """The `next` page if it is a path on this site, else the home page (never another site).

    The link carries the path only, so what a visitor typed into a query (a search for a
    phone number, say) is not written into the page again; the query comes back from the
    Referer when the browser sent one for that same page of this site."""
    target = request.GET.get("next", "")
    if not _local(target, request):
        return reverse("documents:home")
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if (
        referer.scheme in ("http", "https")
        and referer.netloc == request.get_host()
        and referer.query
        and referer.path == target
    ):
        with_query = f"{referer.path}?{referer.query}"
        if _local(with_query, request):
            return with_query
    return target


def _redirect(request: HttpRequest) -> HttpResponseRedirect:
    response = HttpResponseRedirect(safe_next(request))
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def elder_on(request: HttpRequest) -> HttpResponseRedirect:
    response = _redirect(request)
    response.set_cookie(
        COOKIE_NAME,
        ELDER,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_safe
def elder_off(request: HttpRequest) -> HttpResponseRedirect:
    response = _redirect(request)
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
