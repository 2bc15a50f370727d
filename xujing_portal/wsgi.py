from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xujing_portal.settings")
# A web request's SQL statements end after 10 s on PostgreSQL unless the environment says
# otherwise (settings.DB_STATEMENT_TIMEOUT_MS; gunicorn.conf.py kills a worker after 30 s).
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "10000")
django.setup(set_prefix=False)

from django.urls import get_resolver  # noqa: E402

from xujing_portal.requests import PortalWSGIHandler  # noqa: E402 (needs the settings)

# Django's get_wsgi_application(), with the portal's request class.
application = PortalWSGIHandler()

# The URL configuration (every public view) is imported here rather than by the first
# request: with gunicorn's preload_app (gunicorn.conf.py) each worker forks with it loaded.
# Staff-only heavy libraries (scikit-learn) stay out: they are imported by their views.
get_resolver().url_patterns  # noqa: B018
