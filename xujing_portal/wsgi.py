from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xujing_portal.settings")
django.setup(set_prefix=False)

from xujing_portal.requests import PortalWSGIHandler  # noqa: E402 (needs the settings)

# Django's get_wsgi_application(), with the portal's request class.
application = PortalWSGIHandler()
