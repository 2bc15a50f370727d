"""Template helpers of the public pages: validity badge, safe body HTML,
URLs that keep the list's state, canonical URLs."""

from __future__ import annotations

from urllib.parse import urlencode

import nh3
from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from documents.body_text import body_html

register = template.Library()

BADGE_CLASSES = {
    "valid": "badge--valid",
    "not_yet": "badge--not-yet",
    "expired": "badge--expired",
    "repealed": "badge--repealed",
    "amended": "badge--amended",
}


@register.filter
def clean_html(value: str | None) -> SafeString:
    """Body HTML is sanitised when saved; clean it again at render time to be safe."""
    return mark_safe(nh3.clean(value or ""))  # cleaned by nh3 just now


@register.filter
def document_body(value: str | None) -> SafeString:
    """A document's body as HTML: sanitised by nh3 now, plain text laid out as paragraphs,
    headings, articles, lists and tables (documents.body_text), so a body saved as
    plain text before the editor existed renders with its structure too."""
    return mark_safe(body_html(value))  # body_html returns nh3-cleaned HTML


@register.inclusion_tag("documents/_validity_badge.html")
def validity_badge(document, today=None, size: str = "") -> dict:
    value = document.current_validity(today)
    return {
        "value": value,
        "label": document.current_validity_label(today),
        "css": BADGE_CLASSES.get(value, "badge--expired"),
        "size": size,
    }


def _query(state: dict | None, **changes) -> str:
    state = state if isinstance(state, dict) else {}
    params = {key: value for key, value in state.items() if value not in (None, "")}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(params)
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def filter_url(state: dict, name: str, value=None) -> str:
    """The list URL with filter `name` set to `value` (or removed), back on page 1."""
    return _query(state, **{name: value, "page": None})


@register.simple_tag
def page_url(state: dict, number: int) -> str:
    return _query(state, page=number if number != 1 else None)


@register.simple_tag(takes_context=True)
def canonical_url(context, query: str = "") -> str:
    request = context.get("request")
    path = getattr(request, "path", "/") or "/"
    return f"{settings.SITE_URL}{path}{('?' + query) if query else ''}"


@register.simple_tag
def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@register.simple_tag
def page_range(page) -> list:
    """Page numbers around the current page, with … for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
