from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from applications.models import Guide

from .mode import BODY_CLASS, is_elder


def display_mode(request: HttpRequest) -> dict:
    """`elder_mode` and the body class for base.html; in 长辈版 also the disclosure guide
    (`office_guide`, read only when a page shows its phone: the simplified home page)."""
    if not is_elder(request):
        return {"elder_mode": False, "body_class": ""}
    return {"elder_mode": True, "body_class": BODY_CLASS, "office_guide": SimpleLazyObject(Guide.current)}
