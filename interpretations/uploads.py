"""Check uploaded pictures and videos by their content, not their names.

Pictures: PNG, JPEG, GIF and WebP, opened and verified with Pillow; SVG is
refused (it can carry scripts). Videos: MP4, WebM and Ogg, recognised by the
container's signature. In both cases the file name's extension must agree
with the content, so a program or web page renamed ".png" or ".mp4" is refused.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
VIDEO_MAX_BYTES_DEFAULT = 200 * 1024 * 1024

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "WEBP": "webp"}
IMAGE_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}
IMAGE_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
IMAGE_ACCEPTED = "请上传 PNG、JPEG、GIF 或 WebP 格式的图片。"

VIDEO_EXTENSIONS = {".mp4": "mp4", ".m4v": "mp4", ".webm": "webm", ".ogv": "ogg", ".ogg": "ogg"}
VIDEO_CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "ogg": "video/ogg"}
VIDEO_ACCEPTED = "请上传 MP4、WebM 或 Ogg 格式的视频。"
VIDEO_LABELS = {"mp4": "MP4", "webm": "WebM", "ogg": "Ogg"}


@dataclass(frozen=True)
class InspectedImage:
    image_type: str  # png, jpeg, gif, webp
    width: int
    height: int


def _read(uploaded: IO[bytes] | Any, limit: int) -> bytes:
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    data = uploaded.read(limit + 1) or b""
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    return data


def _mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def inspect_image(uploaded: IO[bytes] | Any) -> InspectedImage:
    """Validate an uploaded picture. Raises ValidationError with a Chinese message and a code."""
    data = _read(uploaded, IMAGE_MAX_BYTES)
    if not data:
        raise ValidationError("上传的图片是空文件（0 字节），请重新选择。", code="empty")
    if len(data) > IMAGE_MAX_BYTES:
        raise ValidationError(f"图片太大：不能超过 {_mib(IMAGE_MAX_BYTES)}。请压缩后重新上传。", code="too_large")
    claimed = IMAGE_EXTENSIONS.get(PurePath(getattr(uploaded, "name", "") or "").suffix.lower())
    if claimed is None:
        raise ValidationError(f"不支持这种文件。{IMAGE_ACCEPTED}", code="unsupported_type")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                actual = IMAGE_FORMATS.get(picture.format or "")
                width, height = picture.size
                picture.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, SyntaxError):
        actual, width, height = None, 0, 0
    if actual is None:
        raise ValidationError(
            f"文件名是图片，但内容不是可识别的图片（可能是改了扩展名的其他文件）。{IMAGE_ACCEPTED}", code="disguised"
        )
    if actual != claimed:
        raise ValidationError(
            f"文件扩展名与内容不符：内容是 {actual.upper()} 图片。请按实际格式命名后重新上传。", code="disguised"
        )
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationError("图片像素过多，请缩小尺寸后重新上传。", code="too_large")
    return InspectedImage(image_type=actual, width=width, height=height)


def _sniff_video(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    return None


def video_max_bytes() -> int:
    return getattr(settings, "INTERPRETATION_VIDEO_MAX_BYTES", VIDEO_MAX_BYTES_DEFAULT)


def inspect_video(uploaded: IO[bytes] | Any) -> str:
    """Validate an uploaded video; returns its type (mp4, webm, ogg)."""
    size = getattr(uploaded, "size", None)
    limit = video_max_bytes()
    if size is not None and size > limit:
        raise ValidationError(f"视频太大：不能超过 {_mib(limit)}。请压缩后重新上传。", code="too_large")
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    head = uploaded.read(64) or b""
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    if not head:
        raise ValidationError("上传的视频是空文件（0 字节），请重新选择。", code="empty")
    claimed = VIDEO_EXTENSIONS.get(PurePath(getattr(uploaded, "name", "") or "").suffix.lower())
    if claimed is None:
        raise ValidationError(f"不支持这种文件。{VIDEO_ACCEPTED}", code="unsupported_type")
    actual = _sniff_video(head)
    if actual is None:
        raise ValidationError(
            f"文件名是视频，但内容不是可识别的视频（可能是改了扩展名的其他文件）。{VIDEO_ACCEPTED}", code="disguised"
        )
    if actual != claimed:
        raise ValidationError(
            f"文件扩展名与内容不符：内容是 {VIDEO_LABELS[actual]} 视频。请按实际格式命名后重新上传。",
            code="disguised",
        )
    return actual
