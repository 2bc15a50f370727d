"""After the event: the minutes and the photos (with their alt text) on the event page."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image

from events import services
from events.models import EventPhoto


def _png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="photo.png")


def test_the_record_is_published_on_the_event_page(client, session, media_root):
    event = session.event
    event.minutes = "现场解答了 12 个问题。"
    services.event_save(event=event)
    services.photo_save(photo=EventPhoto(event=event, image=_png(), alt_text="工作人员向市民讲解一网通办窗口"))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "活动纪实" in html and "现场解答了 12 个问题。" in html
    assert 'alt="工作人员向市民讲解一网通办窗口"' in html


def test_a_photo_without_alt_text_is_refused(session, media_root):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.photo_save(photo=EventPhoto(event=session.event, image=_png(), alt_text=""))
