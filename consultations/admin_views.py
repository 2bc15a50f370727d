"""The workflow steps on a message's admin page, as small views under
/admin/consultations/message/<id>/ (wired by MessageAdmin.get_urls).

Each step view parses what was posted, asks consultations.permissions, calls the
service and goes back to the message with a message. A refused step changes nothing:
403 when the user's role never allows it, 409 (the message's page with the reason)
when the message's state or a workflow rule blocks it, 400 when something the step
needs was not filled in.

The change form's buttons save the page first (the answer draft, the public copy)
and then run the same step view (MessageAdmin.response_change). Sending or approving
an answer goes through its preview: the preview shows what the asker will see, and
only its confirmation sends.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from organisations import access
from organisations.models import Organisation

from . import masking, permissions, services
from .models import Message

# The change form's button names (the POST key each submit button sends).
BUTTONS = {
    "_assign": permissions.ASSIGN,
    "_send_answer": permissions.SEND_ANSWER,
    "_approve": permissions.APPROVE,
    "_send_back": permissions.SEND_BACK,
    "_reject": permissions.REJECT,
    "_prepare_publication": permissions.PREPARE_PUBLICATION,
    "_publish": permissions.PUBLISH,
    "_unpublish": permissions.UNPUBLISH,
}
PREVIEWED = (permissions.SEND_ANSWER, permissions.APPROVE)  # lead to the preview, not acting at once
NOTHING_TO_SEND = "该留言当前没有待发送的答复（可能已发送、已提交领导审核或已办结）。"
NO_ORGANISATION = "请先在“分派/转办给”中选择机构。"


class MissingInput(Exception):
    """Something the step needs was not posted (answered 400)."""


def pressed(request: HttpRequest) -> str | None:
    """The workflow step whose button was pressed on the change form, if any."""
    return next((step for button, step in BUTTONS.items() if button in request.POST), None)


def change_url(pk: int) -> str:
    return reverse("admin:consultations_message_change", args=[pk])


def preview_url(pk: int) -> str:
    return reverse("admin:consultations_message_answer_preview", args=[pk])


# --- the steps that act at once ---------------------------------------------------------------


def _note(request: HttpRequest) -> str:
    return request.POST.get("note", "").strip()


def _assign(request: HttpRequest, message: Message) -> None:
    organisation = Organisation.objects.filter(pk=_digits(request.POST.get("assign_to"))).first()
    if organisation is None:
        raise MissingInput(NO_ORGANISATION)
    services.message_assign(message=message, organisation=organisation, user=request.user, note=_note(request))


def _digits(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


def _send_back(request: HttpRequest, message: Message) -> None:
    services.message_send_back(message=message, user=request.user, comment=_note(request))


def _reject(request: HttpRequest, message: Message) -> None:
    services.message_reject(message=message, user=request.user, reason=_note(request))


def _prepare_publication(request: HttpRequest, message: Message) -> None:
    services.message_prepare_publication(message=message, user=request.user)


def _publish(request: HttpRequest, message: Message) -> None:
    services.message_publish(message=message, user=request.user)


def _unpublish(request: HttpRequest, message: Message) -> None:
    services.message_unpublish(message=message, user=request.user)


STEPS: dict[str, Callable[[HttpRequest, Message], None]] = {
    permissions.ASSIGN: _assign,
    permissions.SEND_BACK: _send_back,
    permissions.REJECT: _reject,
    permissions.PREPARE_PUBLICATION: _prepare_publication,
    permissions.PUBLISH: _publish,
    permissions.UNPUBLISH: _unpublish,
}


def message_step(request: HttpRequest, pk: int, *, model_admin: admin.ModelAdmin, step: str) -> HttpResponse:
    """Take one workflow step on the message (a POST; a reload only leads back to it)."""
    if request.method != "POST":
        return redirect(change_url(pk))
    if step in PREVIEWED:
        return redirect(preview_url(pk))  # the answer goes out only from the preview
    message = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    refused = permissions.denial(request.user, step, message)
    if refused is not None:
        access.refuse(refused)
        return _blocked(request, model_admin, message, refused.message, refused.status)
    try:
        STEPS[step](request, message)
    except MissingInput as exc:
        return _blocked(request, model_admin, message, str(exc), 400)
    except services.ConsultationError as exc:
        return _blocked(request, model_admin, message, str(exc), 409)
    messages.success(request, f"已完成：{permissions.LABELS[step]}。")
    return redirect(change_url(pk))


def _blocked(request: HttpRequest, model_admin, message: Message, text: str, status: int) -> HttpResponse:
    """The message's page again, as when opened, with why the step was not taken."""
    messages.error(request, text)
    page = copy.copy(request)
    page.method = "GET"
    response = model_admin.change_view(page, str(message.pk))
    response.status_code = status
    return response


# --- the answer's preview and confirmation ----------------------------------------------------


def _answer_step(request: HttpRequest, model_admin, pk: int) -> tuple[Message, str]:
    """The message (404 outside the user's messages) and what confirming does: "approve"
    for a leader reviewing it, "send" for its handler, "" when there is nothing to send
    now; 403 for anyone else."""
    message = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    user = request.user
    if permissions.can(user, permissions.APPROVE, message):
        return message, "approve"
    if not permissions.can_handle(user, message):
        raise PermissionDenied("您没有权限发送该留言的答复。")
    return message, "send" if permissions.can(user, permissions.SEND_ANSWER, message) else ""


def answer_preview(request: HttpRequest, pk: int, *, model_admin: admin.ModelAdmin) -> HttpResponse:
    """The answer as the asker will see it (and its masked public copy), before it goes out."""
    message, step = _answer_step(request, model_admin, pk)
    if not step:
        return _preview(request, model_admin, message, step, error=NOTHING_TO_SEND, status=409)
    if not message.answer_draft.strip():
        error = "答复内容为空：请先填写答复草稿并保存。"
        return _preview(request, model_admin, message, "", error=error, status=409)
    return _preview(request, model_admin, message, step)


def answer_confirm(request: HttpRequest, pk: int, *, model_admin: admin.ModelAdmin) -> HttpResponse:
    """Send (or approve) the previewed answer: a POST from the preview page only."""
    if request.method != "POST":
        return redirect(preview_url(pk))
    message, step = _answer_step(request, model_admin, pk)
    if not step:
        return _preview(request, model_admin, message, step, error=NOTHING_TO_SEND, status=409)
    previewed = request.POST.get("previewed", "")
    send = services.message_approve_answer if step == "approve" else services.message_send_answer
    try:
        send(message=message, user=request.user, previewed=previewed)
    except services.ConsultationError as exc:
        message.refresh_from_db()
        return _preview(request, model_admin, message, step, error=str(exc), status=409)
    message.refresh_from_db()
    if message.status == Message.Status.IN_REVIEW:
        messages.success(request, "答复已提交领导审核，审核通过后发送给留言人。")
    else:
        messages.success(request, "答复已发送，留言人可凭查询号和查询码查看。")
    return redirect(change_url(message.pk))


def _preview(
    request: HttpRequest, model_admin, message: Message, step: str, *, error: str = "", status: int = 200
) -> TemplateResponse:
    """The preview page; `step` "" shows only the error and the way back."""
    draft = message.answer_draft.strip()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "预览答复",
        "opts": Message._meta,
        "original": message,
        "message": message,
        "step": step,
        "draft": draft,
        "goes_to_review": step == "send" and message.needs_leader_review,
        "public": masking.public_copy(message, answer=draft) if message.consent_to_publish else None,
        "error": error,
    }
    return TemplateResponse(request, "consultations/admin/answer_preview.html", context, status=status)


def buttons(user, message: Message) -> dict:
    """Which workflow buttons the message's page shows: the steps the user may take now."""
    shown = {step: permissions.can(user, step, message) for step in permissions.LABELS}
    published = message.publication == Message.Publication.PUBLISHED
    return {
        "assign": shown[permissions.ASSIGN],
        "send_answer": shown[permissions.SEND_ANSWER],
        "review": shown[permissions.APPROVE] and shown[permissions.SEND_BACK],
        "reject": shown[permissions.REJECT],
        "prepare": shown[permissions.PREPARE_PUBLICATION],
        "publish": shown[permissions.PUBLISH],
        "unpublish": shown[permissions.UNPUBLISH],
        "public_url": message.get_public_url() if published else "",
    }
