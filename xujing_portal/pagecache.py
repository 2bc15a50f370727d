"""Anonymous page caching in the shared cache, with exact invalidation.

`changed()` is called by a service wherever something shown on a public page enters,
leaves or changes; the cached pages are keyed by a version it replaces once the writing
transaction commits, so the next anonymous request is answered from the database.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction

VERSION_KEY = "pages:version"


def _shared():
    """The cache every process sees ("shared" in settings; the default cache if not configured)."""
    return caches["shared"] if "shared" in settings.CACHES else cache


def changed() -> None:
    """Something a public page shows changed: every cached page is dropped once the caller's
    transaction commits (at once outside a transaction)."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    _shared().set(VERSION_KEY, uuid.uuid4().hex, None)
