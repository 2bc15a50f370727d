"""Check an uploaded attachment by its content and extract its text for the privacy scan.

Only PDF, DOCX and XLSX are accepted. The type is decided by the magic bytes and
confirmed by opening the file with its parser (pypdf, python-docx, openpyxl); the
file name's extension must agree with the content, so an HTML page or a program
renamed ".docx" is refused. ZIP containers (DOCX, XLSX) are checked for
decompression bombs before any parser touches them: Python's zipfile never
inflates an entry beyond its declared size, so the declared sizes are a real bound.

A PDF must start with its own signature and carry no active content (JavaScript,
launch actions, embedded files, HTML markup a browser could sniff): staff never
upload such files, and a PDF/HTML polyglot is one. Text extraction is bounded by
size, by the number of paragraphs or pieces, and by time, so a small file that
unfolds into hundreds of thousands of empty paragraphs is refused, not parsed for
a minute.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404

MAX_TEXT_CHARS = 2_000_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
# An entry larger than this must not have been compressed more than MAX_COMPRESSION_RATIO times.
RATIO_CHECK_FROM_BYTES = 10 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Extraction bounds: a long policy has a few thousand paragraphs and extracts in well
# under a second.
MAX_DOCX_PARAGRAPHS = 50_000
MAX_TEXT_PIECES = 200_000
MAX_EXTRACTION_SECONDS = 20.0

# Active content a policy PDF never has. PDF names may hide letters as #xx escapes
# (/J#61vaScript), which are decoded before matching.
_PDF_ACTIVE_NAMES = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# What makes a browser or a mail client take bytes for HTML or script.
_HTML_MARKERS = re.compile(rb"<\s*(script|html|body|svg|iframe|object|embed|meta|head)\b|javascript:", re.IGNORECASE)

KIND_LABELS = {"pdf": "PDF", "docx": "Word（.docx）", "xlsx": "Excel（.xlsx）"}
ACCEPTED = "请上传 PDF、Word（.docx）或 Excel（.xlsx）文件。"

# NUL and other control characters cannot be stored in PostgreSQL text or are noise to the scan.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class InspectedAttachment:
    kind: str  # a documents.models.Attachment.Kind value
    text: str
    size: int


def inspect_upload(uploaded_file: IO[bytes] | Any) -> InspectedAttachment:
    """Validate an uploaded attachment and return its kind, extracted text and size.

    Raises ValidationError (Chinese message, with a code: empty, too_large,
    unsupported_type, disguised, macro, legacy_or_encrypted, zip_bomb, encrypted,
    corrupt). The file is left rewound so the caller can save it.
    """
    data = _read_bounded(uploaded_file)
    size = len(data)
    if size == 0:
        raise ValidationError("上传的文件是空的（0 字节），请检查后重新选择文件。", code="empty")
    limit = settings.ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            f"文件太大：附件不能超过 {_human_size(limit)}。请压缩或拆分后重新上传。", code="too_large"
        )
    claimed = _kind_from_name(getattr(uploaded_file, "name", "") or "")
    actual = _sniff(data)
    if actual != claimed:
        raise ValidationError(_disguised_message(claimed, actual), code="disguised")
    text = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text}[actual](data)
    return InspectedAttachment(kind=actual, text=_clean(text), size=size)


def _read_bounded(uploaded_file: IO[bytes] | Any) -> bytes:
    """The file's bytes, reading at most one byte past the size limit."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(settings.ATTACHMENT_MAX_BYTES + 1)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    return data or b""


def _kind_from_name(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    kind = suffix.removeprefix(".")
    if kind not in KIND_LABELS:
        shown = f"“{suffix}”" if suffix else "没有扩展名"
        raise ValidationError(f"不支持的附件类型（{shown}）。{ACCEPTED}", code="unsupported_type")
    return kind


def _disguised_message(claimed: str, actual: str | None) -> str:
    what = f"实际是 {KIND_LABELS[actual]} 文件" if actual else "并不是 PDF、Word 或 Excel 文件"
    return f"文件内容与扩展名不符：文件名表明是 {KIND_LABELS[claimed]}，但内容{what}。请上传真实的原始文件。"


def _sniff(data: bytes) -> str | None:
    """The kind the content really is, from magic bytes and the ZIP directory; None if neither."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ValidationError(
            "这是加密的 Office 文件或旧版 .doc/.xls 文件，无法检查内容。请去掉密码并另存为 .docx 或 .xlsx 后重新上传。",
            code="legacy_or_encrypted",
        )
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _corrupt() from exc
    _guard_zip(entries)
    names = {entry.filename for entry in entries}
    kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
    if kind and any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            "文件包含宏，出于安全考虑不能上传。请另存为不含宏的 .docx 或 .xlsx 后重新上传。", code="macro"
        )
    return kind


def _guard_zip(entries: list[zipfile.ZipInfo]) -> None:
    total = sum(entry.file_size for entry in entries)
    bomb = len(entries) > MAX_ZIP_ENTRIES or total > MAX_UNCOMPRESSED_BYTES
    bomb = bomb or any(
        entry.file_size > RATIO_CHECK_FROM_BYTES
        and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if bomb:
        raise ValidationError(
            "文件解压后体积异常（可能是压缩炸弹），无法处理。请上传正常保存的原始文件。", code="zip_bomb"
        )


def _corrupt() -> ValidationError:
    return ValidationError("文件已损坏或格式不完整，无法读取。请用原软件重新保存后再上传。", code="corrupt")


def _active_content() -> ValidationError:
    return ValidationError(
        "PDF 文件含有脚本、嵌入文件或网页代码等活动内容，出于安全考虑不能上传。"
        "请用“打印为 PDF”或“另存为 PDF”重新生成不含这些内容的文件后再上传。",
        code="active_content",
    )


def _guard_pdf_bytes(data: bytes) -> None:
    """Active content visible in the file's bytes (outside compressed streams)."""
    names = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if _PDF_ACTIVE_NAMES.search(names) or _HTML_MARKERS.search(data):
        raise _active_content()


def _guard_pdf_structure(reader: Any) -> None:
    """Active content the parser finds, also inside object streams: document-level
    JavaScript and embedded files, open actions and additional actions."""
    root = reader.trailer["/Root"]
    names = root.get("/Names") or {}
    if any(key in names for key in ("/JavaScript", "/EmbeddedFiles")):
        raise _active_content()
    if any(key in root for key in ("/OpenAction", "/AA", "/AcroForm")) and _has_script(root):
        raise _active_content()
    for page in reader.pages:
        if "/AA" in page or any(_has_script(annotation.get_object()) for annotation in page.get("/Annots") or []):
            raise _active_content()


def _has_script(obj: Any, depth: int = 0) -> bool:
    """A /JavaScript or /Launch action anywhere below `obj` (bounded depth)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if depth > 8:
        return False
    if isinstance(obj, IndirectObject):
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        if obj.get("/S") in ("/JavaScript", "/Launch") or "/JS" in obj:
            return True
        return any(_has_script(value, depth + 1) for key, value in obj.items() if key not in ("/Parent", "/P"))
    if isinstance(obj, ArrayObject):
        return any(_has_script(value, depth + 1) for value in obj)
    return False


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    _guard_pdf_bytes(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError("PDF 文件已加密，无法检查内容。请上传未加密的 PDF。", code="encrypted")
        _guard_pdf_structure(reader)
        return _bounded(page.extract_text() or "" for page in reader.pages)
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on malformed input
        raise _corrupt() from exc


def _docx_text(data: bytes) -> str:
    import docx

    _guard_docx_paragraphs(data)
    try:
        document = docx.Document(io.BytesIO(data))
        parts = [_docx_blocks(document)]
        for section in document.sections:
            parts += [_docx_blocks(section.header), _docx_blocks(section.footer)]
        return _bounded(text for part in parts for text in part)
    except ValidationError:
        raise
    except Exception as exc:  # python-docx raises ValueError, KeyError, lxml errors...
        raise _corrupt() from exc


def _too_complex() -> ValidationError:
    return ValidationError(
        "文件结构异常复杂（段落或内容条目数量过多），无法在合理时间内检查。请删除多余的空段落或拆分文件后重新上传。",
        code="too_complex",
    )


def _guard_docx_paragraphs(data: bytes) -> None:
    """Count the main part's paragraphs with a streaming parser before python-docx
    builds its objects for them (that is what takes a minute)."""
    from lxml import etree

    paragraph = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("word/document.xml") as part:
            count = 0
            for _event, element in etree.iterparse(part, events=("end",), tag=paragraph, resolve_entities=False):
                count += 1
                element.clear(keep_tail=False)
                if count > MAX_DOCX_PARAGRAPHS:
                    raise _too_complex()
    except ValidationError:
        raise
    except Exception as exc:  # a broken ZIP entry or XML
        raise _corrupt() from exc


def _docx_blocks(container: Any, depth: int = 0) -> Iterator[str]:
    """Paragraph and table text in document order, including tables nested in cells."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        for row in block.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                if depth < 5:
                    yield from _docx_blocks(cell, depth + 1)


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises InvalidFileException, KeyError, lxml errors...
        raise _corrupt() from exc
    try:
        return _bounded(_xlsx_rows(workbook))
    except ValidationError:
        raise
    except Exception as exc:
        raise _corrupt() from exc
    finally:
        workbook.close()


def _xlsx_rows(workbook: Any) -> Iterator[str]:
    for sheet in workbook.worksheets:
        yield sheet.title
        # Ignore the declared dimensions: a forged "A1:XFD1048576" would pad every row.
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            values = [str(value) for value in row if value is not None and str(value) != ""]
            if values:
                yield "\t".join(values)


def _bounded(pieces: Iterator[str] | Any) -> str:
    """Join text pieces with newlines, stopping once MAX_TEXT_CHARS are collected.

    A file that yields more than MAX_TEXT_PIECES pieces (empty ones included) or takes
    longer than MAX_EXTRACTION_SECONDS is refused as too complex."""
    collected: list[str] = []
    length = 0
    deadline = time.monotonic() + MAX_EXTRACTION_SECONDS
    for count, piece in enumerate(pieces, start=1):
        if count > MAX_TEXT_PIECES or (count % 256 == 0 and time.monotonic() > deadline):
            raise _too_complex()
        if not piece:
            continue
        collected.append(piece)
        length += len(piece) + 1
        if length >= MAX_TEXT_CHARS:
            break
    return "\n".join(collected)[:MAX_TEXT_CHARS]


def _clean(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_response(attachment: Any, *, cache_control: str) -> FileResponse:
    """The stored file as a download under its original name: never shown inline, never
    sniffed (the public download and the staff one alike)."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("附件文件不存在。") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
