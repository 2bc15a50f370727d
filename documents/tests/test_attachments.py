from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader, PdfWriter

import privacy
from documents import attachments
from documents.attachments import inspect_upload
from documents.models import Attachment

# --- building real files in memory ------------------------------------------------


def pdf_bytes(*pages: str) -> bytes:
    """A minimal valid PDF, one page per string, set in Helvetica (ASCII text only)."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
        + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, text in enumerate(pages):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii")
        stream = b"BT /F1 12 Tf 72 720 Td (" + escaped + b") Tj ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypted_pdf_bytes() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("secret page"))))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(*, paragraphs=("关于做好2023年政务公开工作的通知",), table=None, header=None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows=(("姓名", "补贴金额"), ("张三", 3000))) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "补贴名单"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_extra_entry(data: bytes, name: str, content: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def rejection(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(name, data))
    return caught.value


# --- accepted files -------------------------------------------------------------------


def test_it_extracts_the_text_of_every_pdf_page():
    result = inspect_upload(upload("notice.pdf", pdf_bytes("Page one: subsidy rules", "Contact 13800138000")))
    assert result.kind == Attachment.Kind.PDF
    assert "Page one: subsidy rules" in result.text
    assert "Contact 13800138000" in result.text
    assert result.size == len(pdf_bytes("Page one: subsidy rules", "Contact 13800138000"))


def test_it_extracts_docx_paragraphs_tables_and_headers():
    data = docx_bytes(
        paragraphs=("第一条 为规范补贴发放，制定本办法。",),
        table=[["姓名", "联系电话"], ["张三", "13800138000"]],
        header="内部资料",
    )
    result = inspect_upload(upload("办法.docx", data))
    assert result.kind == Attachment.Kind.DOCX
    assert "第一条 为规范补贴发放，制定本办法。" in result.text
    assert "张三" in result.text and "13800138000" in result.text
    assert "内部资料" in result.text
    assert result.size == len(data)


def test_it_extracts_xlsx_cell_values_and_sheet_names():
    result = inspect_upload(
        upload("名单.XLSX", xlsx_bytes([("姓名", "手机"), ("李四", 13912345678), ("合计", 3000.5)]))
    )
    assert result.kind == Attachment.Kind.XLSX
    assert "补贴名单" in result.text
    assert "李四\t13912345678" in result.text
    assert "3000.5" in result.text


def test_the_privacy_scan_sees_what_is_hidden_in_an_attachment_table():
    data = docx_bytes(table=[["身份证", "11010519491231002X"], ["手机", "138 0013 8000"]])
    text = inspect_upload(upload("名单.docx", data)).text
    assert {f.kind for f in privacy.scan(text, sensitive_words=[])} == {"id_card", "mobile"}


def test_a_forged_sheet_dimension_does_not_pad_every_row():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "开头"
    workbook.active["A1048576"] = "结尾"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = inspect_upload(upload("big.xlsx", buffer.getvalue()))
    assert "开头" in result.text and "结尾" in result.text


def test_the_file_is_left_rewound_for_saving():
    uploaded = upload("a.pdf", pdf_bytes("hello"))
    inspect_upload(uploaded)
    assert uploaded.read(5) == b"%PDF-"


def test_a_pdf_without_text_is_accepted_with_empty_text():
    assert inspect_upload(upload("scan.pdf", pdf_bytes(""))).text == ""


def test_the_extracted_text_is_bounded(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_TEXT_CHARS", 100)
    data = docx_bytes(paragraphs=[f"第{i}段：" + "文字" * 20 for i in range(50)])
    text = inspect_upload(upload("long.docx", data)).text
    assert len(text) == 100
    assert text.startswith("第0段")


def test_nul_and_control_characters_are_removed_from_the_text():
    text = inspect_upload(upload("a.pdf", pdf_bytes("before\x00\x01after"))).text
    assert "\x00" not in text and "\x01" not in text
    assert "before" in text and "after" in text


# --- refused files -----------------------------------------------------------------------


def test_an_empty_file_is_refused():
    error = rejection("空.pdf", b"")
    assert error.code == "empty"
    assert "空的" in error.messages[0]


@override_settings(ATTACHMENT_MAX_BYTES=2048)
def test_a_file_over_the_size_limit_is_refused():
    error = rejection("big.docx", docx_bytes())
    assert error.code == "too_large"
    assert "2 KB" in error.messages[0]


@override_settings(ATTACHMENT_MAX_BYTES=2048)
def test_a_file_exactly_at_the_size_limit_is_checked_normally():
    data = pdf_bytes("x")
    data += b"\n%" + b"p" * (2048 - len(data) - 2)
    assert len(data) == 2048
    assert inspect_upload(upload("exact.pdf", data)).kind == "pdf"


@pytest.mark.parametrize(
    "name", ["程序.exe", "旧版.doc", "表格.xls", "网页.html", "无扩展名", "压缩包.zip", "a.pdf.exe"]
)
def test_a_file_with_an_unsupported_extension_is_refused(name):
    error = rejection(name, pdf_bytes("hi"))
    assert error.code == "unsupported_type"
    assert ".docx" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "actual"),
    [
        ("报告.pdf", docx_bytes(), "Word"),
        ("报告.docx", xlsx_bytes(), "Excel"),
        ("报告.xlsx", pdf_bytes("hi"), "PDF"),
        ("报告.docx", pdf_bytes("hi"), "PDF"),
    ],
)
def test_a_supported_file_under_another_extension_is_disguised(name, data, actual):
    error = rejection(name, data)
    assert error.code == "disguised"
    assert f"实际是 {actual}" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("通知.docx", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("通知.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("通知.pdf", "这只是一个文本文件".encode()),
        ("通知.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    ],
)
def test_other_content_renamed_to_a_supported_extension_is_disguised(name, data):
    error = rejection(name, data)
    assert error.code == "disguised"
    assert "并不是 PDF、Word 或 Excel 文件" in error.messages[0]


def test_a_plain_zip_renamed_docx_is_disguised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert rejection("a.docx", buffer.getvalue()).code == "disguised"


def test_a_macro_enabled_document_is_refused():
    data = with_extra_entry(docx_bytes(), "word/vbaProject.bin", b"\x00" * 64)
    assert rejection("宏.docx", data).code == "macro"


def test_an_old_office_or_password_protected_file_is_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    error = rejection("加密.docx", ole)
    assert error.code == "legacy_or_encrypted"
    assert "去掉密码" in error.messages[0]


def test_an_encrypted_pdf_is_refused():
    error = rejection("加密.pdf", encrypted_pdf_bytes())
    assert error.code == "encrypted"
    assert "未加密" in error.messages[0]


def test_a_zip_bomb_is_refused_before_parsing():
    # 20 MB of zeros deflates to about 20 KB: a ratio no real document has.
    data = with_extra_entry(docx_bytes(), "word/media/padding.bin", b"\x00" * (20 * 1024 * 1024))
    assert len(data) < 200_000
    error = rejection("炸弹.docx", data)
    assert error.code == "zip_bomb"


def test_a_zip_whose_total_uncompressed_size_is_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    data = with_extra_entry(xlsx_bytes(), "xl/media/image1.bin", bytes(range(256)) * 8192)
    assert rejection("大.xlsx", data).code == "zip_bomb"


def test_a_zip_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ZIP_ENTRIES", 20)
    data = docx_bytes()
    for index in range(20):
        data = with_extra_entry(data, f"extra/item{index}.xml", b"<a/>")
    assert rejection("多.docx", data).code == "zip_bomb"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("坏.pdf", b"%PDF-1.7\n this is not really a pdf at all"),
        ("坏.pdf", pdf_bytes("hello")[:60]),
        ("坏.docx", docx_bytes()[:2000]),
        ("坏.xlsx", xlsx_bytes()[:1500]),
        ("坏.docx", b"PK\x03\x04" + b"\x00" * 300),
    ],
)
def test_a_corrupt_file_is_refused(name, data):
    error = rejection(name, data)
    assert error.code == "corrupt"
    assert "重新保存" in error.messages[0]


def test_a_docx_whose_main_part_is_broken_is_corrupt():
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = b"<w:document" if item.filename == "word/document.xml" else source.read(item)
            archive.writestr(item, content)
    assert rejection("坏.docx", buffer.getvalue()).code == "corrupt"


# --- active content and files that unfold ------------------------------------------------


def pdf_with_catalog_entry(entry: bytes) -> bytes:
    """The minimal PDF with `entry` added to its catalogue dictionary (offsets stay valid
    because the catalogue is rewritten in place with padding removed from a comment)."""
    data = pdf_bytes("notice")
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    rebuilt = b"<< /Type /Catalog /Pages 2 0 R " + entry + b" >>"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data.replace(catalog, rebuilt))))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_javascript_action() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("notice"))))
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('hi');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("notice"))))
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_html_polyglot() -> bytes:
    data = pdf_bytes("notice")
    return data.replace(
        b"%\xe2\xe3\xcf\xd3\n", b"%<html><body><script>alert(document.cookie)</script></body></html>\n", 1
    )


@pytest.mark.parametrize(
    "build",
    [
        pdf_with_javascript_action,
        pdf_with_embedded_file,
        pdf_html_polyglot,
        lambda: pdf_with_catalog_entry(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        lambda: pdf_with_catalog_entry(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
        lambda: pdf_bytes("notice").replace(b"/Type /Catalog", b"/Type /Catalog /J#61vaScript 1 0 R", 1),
    ],
    ids=["document-javascript", "embedded-file", "html-polyglot", "open-action-js", "launch", "escaped-name"],
)
def test_a_pdf_with_active_content_is_refused(build):
    error = rejection("通知.pdf", build())

    assert error.code == "active_content"
    assert "活动内容" in error.messages[0]


def test_a_plain_pdf_with_angle_brackets_in_its_text_is_still_accepted():
    assert "a < b > c" in inspect_upload(upload("通知.pdf", pdf_bytes("a < b > c"))).text


def docx_with_paragraphs(count: int) -> bytes:
    """A real .docx whose body is `count` empty paragraphs (about 60 KB for 250,000)."""
    source = io.BytesIO(docx_bytes())
    target = io.BytesIO()
    body = b"<w:p/>" * count
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "word/document.xml":
                start = content.index(b"<w:body>") + len(b"<w:body>")
                content = content[:start] + body + content[start:]
            new.writestr(item, content)
    return target.getvalue()


def test_a_small_docx_that_unfolds_into_a_quarter_million_paragraphs_is_refused():
    data = docx_with_paragraphs(250_000)

    error = rejection("通知.docx", data)

    assert len(data) < 200_000
    assert error.code == "too_complex"
    assert "段落" in error.messages[0]


def test_a_docx_with_many_but_plausible_paragraphs_is_accepted():
    assert inspect_upload(upload("通知.docx", docx_with_paragraphs(5_000))).kind == "docx"


def test_extraction_that_runs_out_of_time_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_EXTRACTION_SECONDS", -1.0)
    rows = [(f"第{i}行", i) for i in range(600)]

    error = rejection("名单.xlsx", xlsx_bytes(rows))

    assert error.code == "too_complex"
