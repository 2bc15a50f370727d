"""How the public pages name a signed-in person."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

register = template.Library()


@register.filter
def display_name(user: AbstractBaseUser | AnonymousUser) -> str:
    """Family name then given name (王小明), or the username when no name is recorded."""
    full = f"{getattr(user, 'last_name', '')}{getattr(user, 'first_name', '')}".strip()
    return full or user.get_username()
