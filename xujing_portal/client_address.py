"""The client's address, the same for the login lockout (django-axes) and the rate
limits of the public forms (django-ratelimit).

Behind a reverse proxy every request comes from the proxy's address, so one address's
limit would be the whole town's, and five wrong passwords from anyone would lock every
staff member out. ``PORTAL_TRUSTED_PROXY_COUNT`` says how many proxies stand in front
of the portal; each appends the address it saw to X-Forwarded-For, so the client is
the entry that many places from the right. Entries further left were written by the
client and are never trusted, and without proxies the header is ignored altogether,
so a spoofed X-Forwarded-For from a direct client changes nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(entries) < count:
        return remote  # the request did not come through every proxy: do not guess
    return _valid(entries[-count]) or remote
