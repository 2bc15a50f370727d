from __future__ import annotations

from django import template
from django.db import DatabaseError
from django.utils import timezone

from workdays.working_calendar import missing_years

register = template.Library()


@register.inclusion_tag("workdays/calendar_banner.html")
def calendar_banner() -> dict:
    try:
        years = missing_years(timezone.localdate())
    except DatabaseError:
        years = []
    return {"missing_years": years}
