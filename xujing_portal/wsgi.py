from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xujing_portal.settings")
django.setup(set_prefix=False)

from django.urls import get_resolver  # noqa: E402

from xujing_portal.requests import PortalWSGIHandler  # noqa: E402 (needs the settings)

# Django's get_wsgi_application(), with the portal's request class.
application = PortalWSGIHandler()

# The URL configuration (every public view) is imported here rather than by the first
# request: with gunicorn's preload_app (gunicorn.conf.py) each worker forks with it loaded.
# Staff-only heavy libraries (scikit-learn) stay out: they are imported by their views.
get_resolver().url_patterns  # noqa: B018
