"""Who downloads the letter, the files provided and the archive file: staff who may see the
application in the admin (another organisation's handler is refused, an anonymous visitor
sent to sign in); the applicant on the tracking page, only in the session that opened the
application with its code, only once the reply is signed, never cached."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import services
from applications.models import Outcome, Review
from factories import client_for

from .letters_sample import draft, frozen_day, pdf_text, sign, small_pdf  # noqa: F401
from .online import TRACK, relaxed_guards  # noqa: F401 (autouse)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def receipt(new_application, organisation):
    return new_application(organisation=organisation, information_title="2025年度道路养护经费使用情况")


@pytest.fixture
def signed(receipt, handler, application_signer):
    application = receipt.application
    draft(application, handler, Outcome.DISCLOSED)
    services.provided_file_add(
        application=application,
        user=handler,
        uploaded=SimpleUploadedFile("道路养护经费明细.pdf", small_pdf(), content_type="application/pdf"),
    )
    sign(application, application_signer)
    return receipt


def _letter(application, fmt: str = "pdf") -> str:
    return reverse("admin:applications_application_letter", args=[application.pk, fmt])


def _archive(application) -> str:
    return reverse("admin:applications_application_archive_file", args=[application.pk])


# --- staff -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_handler_and_the_registrar_download_the_letter(signed, handler, registrar, fmt):
    for user in (handler, registrar):
        response = client_for(user).get(_letter(signed.application, fmt))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/pdf" if fmt == "pdf" else "application/vnd.openxml")


def test_another_organisations_handler_is_refused_every_download(signed, other_handler):
    client = client_for(other_handler)
    provided = signed.application.provided_files.get()
    file_url = reverse("admin:applications_application_provided_file", args=[signed.application.pk, provided.pk])

    for url in (
        _letter(signed.application),
        _letter(signed.application, "docx"),
        _archive(signed.application),
        file_url,
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"%PDF" not in response.content


def test_an_anonymous_visitor_is_sent_to_sign_in(signed, citizen):
    response = citizen.get(_letter(signed.application))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_no_letter_before_a_reply_is_drafted(receipt, handler):
    assert client_for(handler).get(_letter(receipt.application)).status_code == 404


def test_the_panel_links_the_downloads_and_the_files_provided(signed, handler):
    page = client_for(handler).get(reverse("admin:applications_application_change", args=[signed.application.pk]))

    text = page.content.decode()
    assert _letter(signed.application) in text and _letter(signed.application, "docx") in text
    assert _archive(signed.application) in text and "道路养护经费明细.pdf" in text


def test_staff_download_a_file_provided(signed, handler):
    provided = signed.application.provided_files.get()
    url = reverse("admin:applications_application_provided_file", args=[signed.application.pk, provided.pk])

    response = client_for(handler).get(url)

    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_archive_pdf_holds_the_application_the_trail_the_reviews_and_the_letter(signed, handler):
    application = signed.application
    services.review_save(
        review=Review(application=application, kind=Review.Kind.RECONSIDERATION, filed_on=application.replied_on),
        user=handler,
    )

    response = client_for(handler).get(_archive(application))

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert application.number in text and "欧阳秘密" in text  # the applicant: a staff-only file
    for step in (
        "接收",
        "登记",
        "分办",
        "拟定答复：予以公开",
        "添加提供的政府信息：道路养护经费明细.pdf",
        "答复：予以公开",
    ):
        assert step in text, step
    assert "apply-handler" in text and "apply-signer" in text  # who took each step
    assert "行政复议" in text and "尚未审结" in text
    assert "第三十六条第（二）项" in text and "政府信息公开申请答复告知书" in text


# --- the applicant ------------------------------------------------------------------------


def _open(client, receipt) -> None:
    response = client.post(TRACK, {"number": receipt.application.number, "query_code": receipt.query_code})
    assert response.status_code == 302


def _track_letter(application) -> str:
    return reverse("applications:track_letter", args=[application.number])


def _track_file(application, provided) -> str:
    return reverse("applications:track_provided", args=[application.number, provided.pk])


def test_the_applicant_downloads_the_signed_letter_and_the_files_from_the_tracking_page(citizen, signed):
    application = signed.application
    _open(citizen, signed)

    page = citizen.get(f"{TRACK}?n={application.number}").content.decode()
    assert "答复告知书和提供的信息" in page and _track_letter(application) in page
    provided = application.provided_files.get()
    assert _track_file(application, provided) in page and "道路养护经费明细.pdf" in page

    letter = citizen.get(_track_letter(application))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert "no-store" in letter["Cache-Control"]
    assert application.number in pdf_text(letter.content)
    file = citizen.get(_track_file(application, provided))
    assert file.status_code == 200 and "no-store" in file["Cache-Control"]


def test_without_the_tracking_session_the_addresses_open_nothing(citizen, signed):
    application = signed.application
    provided = application.provided_files.get()

    for url in (_track_letter(application), _track_file(application, provided)):
        response = citizen.get(url)
        assert response.status_code == 403
        assert "请先在查询页面输入登记编号和查询码" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_a_session_that_opened_another_application_is_refused(citizen, signed, new_application, organisation):
    mine = new_application(organisation=organisation)
    _open(citizen, mine)

    assert citizen.get(_track_letter(signed.application)).status_code == 403
    provided = signed.application.provided_files.get()
    # My own application has no signed reply: nothing under my number either.
    assert (
        citizen.get(reverse("applications:track_provided", args=[mine.application.number, provided.pk])).status_code
        == 404
    )


def test_nothing_to_download_before_the_head_signs(citizen, receipt, handler):
    draft(receipt.application, handler)
    _open(citizen, receipt)

    page = citizen.get(f"{TRACK}?n={receipt.application.number}").content.decode()
    response = citizen.get(_track_letter(receipt.application))

    assert "答复告知书和提供的信息" not in page
    assert response.status_code == 404 and "还没有经审签的答复" in response.content.decode()


def test_another_applications_file_is_not_found_under_a_tracked_number(citizen, signed, new_application, organisation):
    other = new_application(organisation=organisation)
    application = other.application
    services.application_reply_draft(
        application=application, user=signed.application.reply_drafted_by, outcome="disclosed"
    )
    services.application_reply_sign(application=application, user=signed.application.reply_signed_by)
    _open(citizen, other)
    provided = signed.application.provided_files.get()

    assert citizen.get(_track_file(application, provided)).status_code == 404
