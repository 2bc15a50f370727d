"""The 解读 panel on a policy document's page: {% interpretations_panel document %}."""

from __future__ import annotations

from django import template

from interpretations import selectors

register = template.Library()


@register.inclusion_tag("interpretations/_panel.html", takes_context=True)
def interpretations_panel(context, document) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return {"document": document, "interpretations": selectors.panel_interpretations(document, user)}
