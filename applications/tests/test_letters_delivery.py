"""After the reply: the files provided, attached by the handler before signing (checked by
content, stored privately); delivery (送达) recorded per method, visible to the applicant,
the e-mail going through the outbox with the tracking page's link and nobody else's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import ApplicationEvent, DeliveryMethod, ProvidedFile
from factories import client_for
from notifications.models import OutboxMessage

from .letters_sample import draft, frozen_day, sign, small_pdf  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


@pytest.fixture
def signed(handled_application, handler, application_signer):
    draft(handled_application, handler)
    sign(handled_application, application_signer)
    return handled_application


# --- files provided -------------------------------------------------------------------


def test_the_handler_attaches_a_file_through_the_panel_and_it_is_stored_privately(
    handled_application, handler, tmp_path
):
    application = handled_application
    draft(application, handler)
    upload = SimpleUploadedFile("经费明细（欧阳秘密）.pdf", small_pdf(), content_type="application/pdf")

    response = client_for(handler).post(_step(application, "provide"), {"provide-file": upload})

    assert response.status_code == 302
    provided = ProvidedFile.objects.get(application=application)
    assert (provided.original_name, provided.kind, provided.uploaded_by) == ("经费明细（欧阳秘密）.pdf", "pdf", handler)
    stored = Path(provided.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "private" / "provided")
    assert "欧阳" not in stored.name  # a random stored name
    with pytest.raises(ValueError):
        provided.file.url  # noqa: B018 (no URL reaches it)
    page = client_for(handler).get(reverse("admin:applications_application_change", args=[application.pk]))
    assert "经费明细（欧阳秘密）.pdf" in page.content.decode()


def test_a_disguised_file_is_refused_with_a_chinese_message(handled_application, handler):
    application = handled_application
    upload = SimpleUploadedFile("明细.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")

    response = client_for(handler).post(_step(application, "provide"), {"provide-file": upload})

    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not ProvidedFile.objects.exists()


def test_no_file_is_added_once_the_reply_is_signed(signed, handler):
    upload = SimpleUploadedFile("补充.pdf", small_pdf(), content_type="application/pdf")

    response = client_for(handler).post(_step(signed, "provide"), {"provide-file": upload})

    assert response.status_code == 409 and "不能再添加提供的政府信息" in response.content.decode()
    assert not ProvidedFile.objects.exists()


def test_another_organisations_handler_attaches_nothing(handled_application, handler, other_handler):
    application = handled_application
    upload = SimpleUploadedFile("明细.pdf", small_pdf(), content_type="application/pdf")

    assert client_for(other_handler).post(_step(application, "provide"), {"provide-file": upload}).status_code == 403


# --- delivery ------------------------------------------------------------------------


def _deliver(user, application, **data):
    fields = {"deliver-on": "2026-03-10", "deliver-tracking_number": "", "deliver-note": "", **data}
    return client_for(user).post(_step(application, "deliver"), fields)


def _delivery_event(application) -> ApplicationEvent:
    return application.events.filter(action=ApplicationEvent.Action.DELIVERY).get()


def test_delivery_by_post_records_the_tracking_number(signed, handler):
    response = _deliver(handler, signed, **{"deliver-method": "post", "deliver-tracking_number": "XA123456789CN"})

    assert response.status_code == 302
    signed.refresh_from_db()
    assert (signed.delivery_method, str(signed.delivered_on), signed.delivery_tracking_number) == (
        DeliveryMethod.POST,
        "2026-03-10",
        "XA123456789CN",
    )
    event = _delivery_event(signed)
    assert event.visible_to_applicant and event.actor == handler
    assert "2026年03月10日以“邮寄”方式送达" in event.comment and "XA123456789CN" in event.comment


def test_post_without_a_tracking_number_is_refused(signed, handler):
    response = _deliver(handler, signed, **{"deliver-method": "post"})

    assert response.status_code == 400 and "邮寄送达请填写邮件号" in response.content.decode()
    signed.refresh_from_db()
    assert signed.delivered_on is None


@pytest.mark.parametrize(("method", "label"), [("collect", "当场领取/自行领取"), ("download", "网上下载")])
def test_delivery_by_collection_or_download(signed, handler, method, label):
    assert _deliver(handler, signed, **{"deliver-method": method}).status_code == 302

    signed.refresh_from_db()
    assert signed.delivery_method == method and signed.delivery_tracking_number == ""
    assert f"以“{label}”方式送达" in _delivery_event(signed).comment


def test_delivery_by_email_goes_through_the_outbox_with_the_tracking_link(signed, handler):
    OutboxMessage.objects.all().delete()

    assert _deliver(handler, signed, **{"deliver-method": "email"}).status_code == 302

    message = OutboxMessage.objects.get()
    assert message.recipients == ["ouyang.private@example.com"]
    assert signed.number in message.body and f"{settings.SITE_URL}/applications/track/" in message.body
    assert "310118198503120011" not in message.body and "13912345678" not in message.body
    assert "以“电子邮件”方式送达" in _delivery_event(signed).comment


def test_email_delivery_without_an_address_is_refused(new_application, organisation, handler, application_signer):
    application = new_application(organisation=organisation, email="").application
    draft(application, handler)
    sign(application, application_signer)

    response = _deliver(handler, application, **{"deliver-method": "email"})

    assert response.status_code == 409 and "申请人没有留电子邮箱" in response.content.decode()


def test_delivery_before_signing_is_refused(handled_application, handler):
    application = handled_application
    draft(application, handler)

    response = _deliver(handler, application, **{"deliver-method": "download"})

    assert response.status_code == 409 and "答复审签后才能登记送达" in response.content.decode()


def test_a_delivery_date_before_the_reply_is_refused(signed, handler):
    response = _deliver(handler, signed, **{"deliver-method": "collect", "deliver-on": "2026-03-09"})

    assert response.status_code == 400 and "送达日期不能早于答复日期" in response.content.decode()


def test_the_applicant_sees_the_delivery_on_the_tracking_page(signed, handler, citizen):
    from applications import services

    _deliver(handler, signed, **{"deliver-method": "post", "deliver-tracking_number": "XA123456789CN"})
    code = "ABCDEFGH"
    signed.query_code_hash = services.query_code_hash(signed.number, code)
    signed.save(update_fields=["query_code_hash"])
    citizen.post("/applications/track/", {"number": signed.number, "query_code": code})

    page = citizen.get(f"/applications/track/?n={signed.number}").content.decode()

    assert "送达" in page and "XA123456789CN" in page


def test_another_organisations_handler_records_no_delivery(signed, other_handler):
    assert _deliver(other_handler, signed, **{"deliver-method": "collect"}).status_code == 403


def _remove_url(application, provided) -> str:
    return reverse("admin:applications_application_provided_file_remove", args=[application.pk, provided.pk])


def test_the_handler_removes_a_wrong_file_before_signing(
    handled_application, handler, django_capture_on_commit_callbacks
):
    application = handled_application
    client = client_for(handler)
    upload = SimpleUploadedFile("错的文件.pdf", small_pdf(), content_type="application/pdf")
    client.post(_step(application, "provide"), {"provide-file": upload})
    provided = ProvidedFile.objects.get()
    stored = Path(provided.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remove_url(application, provided))

    assert response.status_code == 302
    assert not ProvidedFile.objects.exists() and not stored.exists()
    assert application.events.filter(comment="移除提供的政府信息：错的文件.pdf").exists()


def test_after_signing_a_file_provided_stays(handled_application, handler, application_signer):
    application = handled_application
    draft(application, handler)
    client = client_for(handler)
    client.post(_step(application, "provide"), {"provide-file": SimpleUploadedFile("明细.pdf", small_pdf())})
    sign(application, application_signer)
    provided = ProvidedFile.objects.get()

    response = client.post(_remove_url(application, provided))

    assert response.status_code == 409 and "不能再移除" in response.content.decode()
    assert ProvidedFile.objects.filter(pk=provided.pk).exists()


def test_another_organisations_handler_removes_nothing(handled_application, handler, other_handler):
    application = handled_application
    client_for(handler).post(
        _step(application, "provide"), {"provide-file": SimpleUploadedFile("明细.pdf", small_pdf())}
    )
    provided = ProvidedFile.objects.get()

    assert client_for(other_handler).post(_remove_url(application, provided)).status_code == 403
    assert ProvidedFile.objects.exists()
