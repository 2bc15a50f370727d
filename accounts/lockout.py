"""The page django-axes answers with once a sign-in is locked (AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """A portal page with the Chinese lockout message, status 429, for the public and the admin sign-in."""
    context = {"message": settings.AXES_COOLOFF_MESSAGE, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)
