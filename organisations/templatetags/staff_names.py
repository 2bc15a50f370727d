"""{% load staff_names %} … {{ user|person_name }}: a staff member's name, family name first."""

from __future__ import annotations

from django import template

from organisations.names import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    return _person_name(user)
