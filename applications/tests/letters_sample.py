"""What the letter tests share: an application received Mon 2 Mar 2026 in person and handled
by the persona organisation, the day frozen at Tue 10 Mar 2026, helpers that draft and sign
its reply through the services, and readers of the rendered PDF and DOCX."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.utils import timezone

from applications import services
from applications.models import Outcome

TODAY = dt.datetime(2026, 3, 10, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def handled_application(new_application, organisation):
    return new_application(organisation=organisation, information_title="2025年度道路养护经费使用情况").application


def draft(application, handler, outcome: str = Outcome.DISCLOSED, reason: str = "", **fields):
    return services.application_reply_draft(
        application=application, user=handler, outcome=outcome, reason=reason, **fields
    )


def sign(application, signer):
    return services.application_reply_sign(application=application, user=signer)


def pdf_text(content: bytes) -> str:
    """The PDF's text without the line breaks and spaces its layout adds."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text() for page in reader.pages).split())


def pdf_fonts(content: bytes) -> list[str]:
    from pypdf import PdfReader

    names = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else None
            )
            embedded = descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            names.append(f"{font['/BaseFont']}{' embedded' if embedded else ''}")
    return names


def docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def small_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
