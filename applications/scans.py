"""The applicant's identity scan (身份证明扫描件), checked by its content, not its name:
a JPEG or PNG picture (opened with Pillow by interpretations.uploads) or a PDF without
active content (documents.attachments), at most ``APPLICATIONS_SCAN_MAX_BYTES``."""

from __future__ import annotations

from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from documents import attachments
from interpretations import uploads

SCAN_MAX_BYTES_DEFAULT = 5 * 1024 * 1024
ACCEPTED = "请上传 JPEG、PNG 图片或 PDF 文件。"
_IMAGES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}


def scan_max_bytes() -> int:
    return getattr(settings, "APPLICATIONS_SCAN_MAX_BYTES", SCAN_MAX_BYTES_DEFAULT)


def inspect_identity_scan(uploaded: IO[bytes] | Any) -> None:
    """Raise a ValidationError (Chinese, with a code) unless the file is a real JPEG, PNG
    or PDF within the size limit. The file is left rewound for saving."""
    _inspect(uploaded, "扫描件", scan_max_bytes())


def inspect_exchange_file(uploaded: IO[bytes] | Any) -> None:
    """The same check for a file the applicant sends with an answer or a correction."""
    _inspect(uploaded, f"文件“{_shown_name(uploaded)}”", exchange_file_max_bytes())


def exchange_file_max_bytes() -> int:
    return getattr(settings, "APPLICATIONS_EXCHANGE_FILE_MAX_BYTES", SCAN_MAX_BYTES_DEFAULT)


def _shown_name(uploaded: IO[bytes] | Any) -> str:
    name = PurePath(getattr(uploaded, "name", "") or "").name
    return "".join(ch for ch in name if ch.isprintable())[:60]


def _inspect(uploaded: IO[bytes] | Any, what: str, limit: int) -> None:
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            f"{what}太大：不能超过 {limit // (1024 * 1024)} MB。请压缩或降低分辨率后重新上传。", code="too_large"
        )
    suffix = PurePath(getattr(uploaded, "name", "") or "").suffix.lower()
    if suffix == ".pdf":
        _inspect_pdf(uploaded)
    elif suffix in _IMAGES:
        _inspect_image(uploaded, _IMAGES[suffix])
    else:
        raise ValidationError(f"不支持这种文件。{ACCEPTED}", code="unsupported_type")


def _inspect_pdf(uploaded: IO[bytes] | Any) -> None:
    try:
        attachments.inspect_upload(uploaded)
    except ValidationError as exc:
        if exc.code == "disguised":
            raise ValidationError(
                f"文件名是 PDF，但内容不是 PDF 文件（可能是改了扩展名的其他文件）。{ACCEPTED}", code="disguised"
            ) from None
        raise


def _inspect_image(uploaded: IO[bytes] | Any, claimed: str) -> None:
    picture = uploads.inspect_image(uploaded)
    if picture.image_type != claimed:
        raise ValidationError(f"文件扩展名与内容不符。{ACCEPTED}", code="disguised")
