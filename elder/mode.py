"""The display mode a visitor chose: 长辈版 (larger type, higher contrast, bigger targets,
a simpler header and home page) or 标准版. Remembered in one cookie; no JavaScript.

A page differs by this cookie, so every HTML response varies on Cookie
(elder.middleware), and no cache may hand one mode's page to the other.
"""

from __future__ import annotations

from django.http import HttpRequest

COOKIE_NAME = "portal_display"
ELDER = "elder"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: the choice outlives the session
BODY_CLASS = "elder-mode"


def is_elder(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE_NAME) == ELDER
