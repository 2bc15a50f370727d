"""The 政府信息公开 column's landing page (/xxgk/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from applications.models import Guide
from documents.models import PolicyDocument

from . import column


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {"nav": "xxgk", "today": today, "guide": Guide.current()}
    context.update(column.landing(PolicyDocument.objects.public(), today))
    return render(request, "xxgk/index.html", context)
