"""The public data page (政务公开数据, /data/): charts drawn by static/js/figures.js from the
figures in a json_script block, each with the same figures as an HTML table (the page is
complete without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
@cache_control(public=True, max_age=300)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    documents = selectors.documents_by_month(today)
    messages = selectors.messages_by_month(today)
    decisions = selectors.comment_windows(today)
    applications = selectors.applications_by_outcome()
    context = {
        "nav": "figures",
        "today": today,
        "period_start": documents.months[0],
        "documents": documents,
        "messages": messages,
        "decisions": decisions,
        "applications": applications,
        "outcome_labels": selectors.OUTCOME_LABELS,
        "chart_data": selectors.chart_data(documents, messages, decisions, applications),
    }
    return render(request, "figures/index.html", context)
