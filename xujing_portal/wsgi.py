from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xujing_portal.settings")
django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.urls import get_resolver  # noqa: E402

# A web request's SQL statements end after 10 s on PostgreSQL unless the environment says
# otherwise (settings.DB_STATEMENT_TIMEOUT_MS; gunicorn.conf.py kills a worker after 30 s).
# Set before any connection is opened; commands and Celery keep the environment's value.
WEB_STATEMENT_TIMEOUT_MS = 10000
if os.environ.get("DB_STATEMENT_TIMEOUT_MS", "").strip() == "":
    settings.DB_STATEMENT_TIMEOUT_MS = WEB_STATEMENT_TIMEOUT_MS
    database = connections.settings["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={WEB_STATEMENT_TIMEOUT_MS}"

from xujing_portal.requests import PortalWSGIHandler  # noqa: E402 (needs the settings)

# Django's get_wsgi_application(), with the portal's request class.
application = PortalWSGIHandler()

# The URL configuration (every public view) is imported here rather than by the first
# request: with gunicorn's preload_app (gunicorn.conf.py) each worker forks with it loaded.
# Staff-only heavy libraries (scikit-learn) stay out: they are imported by their views.
get_resolver().url_patterns  # noqa: B018
