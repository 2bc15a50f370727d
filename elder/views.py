"""The 长辈版 / 标准版 switch: a plain link (no JavaScript, no pop-up) that stores the
choice in a cookie and goes back to the page it was followed from."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .mode import COOKIE_MAX_AGE, COOKIE_NAME, ELDER


def safe_next(request: HttpRequest) -> str:
    """The `next` page if it is a path on this site, else the home page (never another site)."""
    target = request.GET.get("next", "")
    if (
        target.startswith("/")
        and target.isprintable()
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return target
    return reverse("documents:home")


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
