"""Public pages of disclosure on application: the disclosure guide (Art. 12)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Guide


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/guide.html", {"nav": "applications", "guide": Guide.current()})
