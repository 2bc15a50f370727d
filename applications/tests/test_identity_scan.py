"""The identity scan is stored privately: under MEDIA_ROOT/private/, with no URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_a_scan_is_stored_outside_every_served_path_under_a_random_name(new_application, settings):
    scan = SimpleUploadedFile("欧阳秘密身份证.png", png_bytes(), content_type="image/png")

    application = new_application(identity_scan=scan).application

    stored = Path(application.identity_scan.path)
    assert stored.is_file()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    assert "欧阳" not in application.identity_scan.name
    with pytest.raises(ValueError):
        application.identity_scan.url  # noqa: B018 (the property raises)
