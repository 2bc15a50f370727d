"""The applicant's downloads on the tracking page: the signed reply letter (PDF) and the files
of the information provided.

Authorised by the tracking session only: the number must be one this browser opened with its
query code (``views._tracked``), so an address alone, guessed or shared, opens nothing (403).
Nothing before the head signs (404). Never cached.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from documents import attachments

from . import letters
from .models import Application, ProvidedFile
from .views import _tracked

NOT_TRACKED = "请先在查询页面输入登记编号和查询码，打开申请后再下载答复告知书和提供的政府信息。"
NOT_SIGNED = "该申请还没有经审签的答复，暂无可下载的答复告知书或提供的政府信息。"


def signed_application(request: HttpRequest, number: str) -> Application | HttpResponse:
    """The application if this session tracked it and its reply is signed, else the refusal page."""
    if number not in _tracked(request):
        return _refused(request, NOT_TRACKED, 403)
    application = (
        Application.objects.select_related("reply_document").filter(number=number, replied_on__isnull=False).first()
    )
    if application is None or application.reply_signed_by_id is None:
        return _refused(request, NOT_SIGNED, 404)
    return application


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(
        request, "applications/letters/download_refused.html", {"message": message, "status": status}, status=status
    )


@require_safe
@never_cache
def letter(request: HttpRequest, number: str) -> HttpResponse:
    application = signed_application(request, number)
    if isinstance(application, HttpResponse):
        return application
    response = HttpResponse(letters.letter_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, letters.letter_filename(application, "pdf"))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@never_cache
def provided_file(request: HttpRequest, number: str, file_id: int) -> HttpResponse:
    application = signed_application(request, number)
    if isinstance(application, HttpResponse):
        return application
    provided = ProvidedFile.objects.filter(pk=file_id, application=application).first()
    if provided is None:
        return _refused(request, "没有这个文件。", 404)
    return attachments.download_response(provided, cache_control="private, no-store")
