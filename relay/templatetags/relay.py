"""The "who carries this policy" panel on a policy document's page:
{% load relay %}{% relay_carriers document %}. Partners that consented to be named and
confirmed the relay; names and kinds only."""

from __future__ import annotations

from django import template

from relay import selectors

register = template.Library()


@register.inclusion_tag("relay/_carriers.html")
def relay_carriers(document) -> dict:
    return {"carriers": selectors.public_carriers(document)}
