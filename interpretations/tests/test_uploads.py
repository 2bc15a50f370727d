"""Pictures and videos are recognised by their content; the name must agree."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import MP4_HEADER, WEBM_HEADER, png_bytes
from interpretations import uploads


@pytest.mark.parametrize(
    ("name", "fmt", "kind"), [("a.png", "PNG", "png"), ("a.jpg", "JPEG", "jpeg"), ("a.webp", "WEBP", "webp")]
)
def test_real_pictures_are_accepted_with_their_size(name, fmt, kind):
    inspected = uploads.inspect_image(SimpleUploadedFile(name, png_bytes((30, 10), fmt)))

    assert (inspected.image_type, inspected.width, inspected.height) == (kind, 30, 10)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.png", b"", "empty"),
        ("a.png", b"GIF89a but not really an image", "disguised"),
        ("a.gif", png_bytes(), "disguised"),
        ("a.svg", b"<svg/>", "unsupported_type"),
        ("a.exe", png_bytes(), "unsupported_type"),
        ("a.png", png_bytes()[:40], "disguised"),  # truncated
    ],
)
def test_bad_pictures_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        uploads.inspect_image(SimpleUploadedFile(name, content))

    assert error.value.code == code
    assert "请" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("a.mp4", MP4_HEADER, "mp4"), ("a.webm", WEBM_HEADER, "webm"), ("a.ogv", b"OggS" + b"\x00" * 60, "ogg")],
)
def test_videos_are_recognised_by_their_container(name, content, kind):
    assert uploads.inspect_video(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.mp4", b"", "empty"),
        ("a.mp4", b"<html>not a video</html>" + b"\x00" * 40, "disguised"),
        ("a.mp4", WEBM_HEADER, "disguised"),
        ("a.avi", MP4_HEADER, "unsupported_type"),
    ],
)
def test_bad_videos_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        uploads.inspect_video(SimpleUploadedFile(name, content))

    assert error.value.code == code


def test_a_video_over_the_limit_is_refused(settings):
    settings.INTERPRETATION_VIDEO_MAX_BYTES = 50

    with pytest.raises(ValidationError) as error:
        uploads.inspect_video(SimpleUploadedFile("a.mp4", MP4_HEADER))

    assert error.value.code == "too_large"
