from __future__ import annotations

from django import template
from django.db import DatabaseError
from django.utils import timezone

from workdays.permissions import can_import_arrangement
from workdays.working_calendar import missing_years

register = template.Library()


@register.inclusion_tag("workdays/calendar_banner.html", takes_context=True)
def calendar_banner(context) -> dict:
    """The missing-year warning, for the staff who can import the year (only they can act
    on it; the link would answer 403 to anyone else)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_import_arrangement(user):
        return {"missing_years": []}
    try:
        years = missing_years(timezone.localdate())
    except DatabaseError:
        years = []
    return {"missing_years": years}
