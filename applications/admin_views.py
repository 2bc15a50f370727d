"""The workflow panel on an application's admin page, the small views its buttons post
to, and the handlers' "my applications" page.

One table of steps (STEPS). Each view parses the step's form, asks
applications.permissions (a step the role or organisation never allows is the site's
403; a step a workflow rule blocks answers 409 on the application's page, with the
reason and what was typed kept), and calls one service. ApplicationAdmin wires them in
its ``get_urls``; the admin module itself only configures the admin.
"""

from __future__ import annotations

import copy
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

import workdays
from documents import attachments
from organisations import access

from . import admin_forms, fees, letters, permissions, services, triage
from .models import Application, ExchangeFile, ProvidedFile, Status

HANDLING = (Status.IN_PROGRESS, Status.EXTENDED)


@dataclass(frozen=True)
class Step:
    """A button of the workflow panel: what it says, who may press it when, what it calls."""

    label: str
    action: str  # applications.permissions
    form: type[forms.Form]
    shown: Callable[[Application], bool]
    run: Callable[[Application, Any, dict], Any]
    done: str
    style: str = "default"  # or "danger"
    note: Callable[[Application], str] | None = None  # a line shown with the form
    initial: Callable[[Application], dict] | None = None  # what the form starts with


STEPS: dict[str, Step] = {
    "correct": Step(
        "一次性告知补正",
        permissions.CORRECT,
        admin_forms.CorrectionRequestForm,
        lambda a: a.status == Status.IN_PROGRESS and a.correction_due_on is None and a.late_reply_on is None,
        lambda a, user, data: services.application_request_correction(
            application=a, user=user, items=data["items"], days=data["days"]
        ),
        "已告知申请人补正，答复期限暂停计算。",
    ),
    "corrected": Step(
        "登记收到补正",
        permissions.CORRECT,
        admin_forms.CorrectionReceivedForm,
        lambda a: a.status == Status.CORRECTION,
        lambda a, user, data: services.application_correction_received(
            application=a, user=user, on=data["on"], note=data["note"]
        ),
        "已登记补正，答复期限自收到补正之日起重新计算。",
    ),
    "abandon": Step(
        "逾期未补正，视为放弃申请",
        permissions.CORRECT,
        admin_forms.CommentForm,
        lambda a: a.status == Status.CORRECTION,
        lambda a, user, data: services.application_abandon_uncorrected(application=a, user=user),
        "已按逾期不补正办结。",
        "danger",
    ),
    "extend": Step(
        "批准延期",
        permissions.EXTEND,
        admin_forms.ExtensionForm,
        lambda a: a.status == Status.IN_PROGRESS and not a.extension_days and a.late_reply_on is None,
        lambda a, user, data: services.application_extend(
            application=a, user=user, days=data["days"], reason=data["reason"]
        ),
        "已延长答复期限，并告知申请人。",
    ),
    "draft": Step(
        "拟定答复",
        permissions.DRAFT_REPLY,
        admin_forms.ReplyDraftForm,
        lambda a: a.status in HANDLING,
        lambda a, user, data: services.application_reply_draft(
            application=a,
            user=user,
            outcome=data["outcome"],
            reason=data["outcome_reason"],
            note=data["note"],
            document=data["reply_document"],
            competent_organ=data["competent_organ"],
            public_interest_reason=data["public_interest_reason"],
        ),
        "已拟定答复，请负责人审签。",
    ),
    "consult": Step(
        "征求第三方意见",
        permissions.CONSULT,
        admin_forms.ThirdPartyConsultationForm,
        lambda a: a.status in HANDLING and a.third_party_sent_on is None,
        lambda a, user, data: services.application_consult_third_party(
            application=a, user=user, party=data["party"], letter=data["letter"], on=data["on"]
        ),
        "已征求第三方意见，答复期限暂停计算。",
    ),
    "third_party_answered": Step(
        "登记第三方意见",
        permissions.CONSULT,
        admin_forms.ThirdPartyAnswerForm,
        lambda a: a.status == Status.THIRD_PARTY,
        lambda a, user, data: services.application_third_party_answered(
            application=a, user=user, on=data["on"], view=data["view"], note=data["note"]
        ),
        "已登记第三方意见，答复期限恢复计算。",
    ),
    "charge": Step(
        "发出收费通知",
        permissions.CHARGE,
        admin_forms.FeeNoticeForm,
        lambda a: a.status in HANDLING and a.fee_notice_on is None,
        lambda a, user, data: services.application_charge(
            application=a,
            user=user,
            basis=data["basis"],
            pages=data["pages"],
            on=data["on"],
        ),
        "已发出收费通知，答复期限暂停计算。",
        note=lambda a: _count_note(a),
    ),
    "fee_paid": Step(
        "登记缴费",
        permissions.CHARGE,
        admin_forms.FeePaidForm,
        lambda a: a.status == Status.AWAITING_PAYMENT,
        lambda a, user, data: services.application_fee_paid(application=a, user=user, on=data["on"]),
        "已登记缴费，答复期限恢复计算。",
    ),
    "abandon_unpaid": Step(
        "逾期未缴费，视为放弃申请",
        permissions.CHARGE,
        admin_forms.CommentForm,
        lambda a: a.status == Status.AWAITING_PAYMENT,
        lambda a, user, data: _abandon_unpaid(a, user),
        "已按逾期未缴费办结。",
        "danger",
    ),
    # The letter and the files provided, between drafting and signing (applications.letters).
    "letter": Step(
        "修改告知书",
        permissions.EDIT_LETTER,
        admin_forms.LetterForm,
        lambda a: a.status in HANDLING and a.reply_drafted_by_id is not None,
        lambda a, user, data: services.application_letter_edit(application=a, user=user, text=data["text"]),
        "已保存答复告知书。",
        initial=lambda a: {"text": a.letter_text},
    ),
    "provide": Step(
        "上传提供的政府信息",
        permissions.PROVIDE,
        admin_forms.ProvidedFileForm,
        lambda a: a.status in HANDLING,
        lambda a, user, data: services.provided_file_add(application=a, user=user, uploaded=data["file"]),
        "已添加提供的政府信息。",
    ),
    "sign": Step(
        "审签答复",
        permissions.SIGN_REPLY,
        admin_forms.CommentForm,
        lambda a: a.status in HANDLING and a.reply_drafted_by_id is not None,
        lambda a, user, data: services.application_reply_sign(application=a, user=user, comment=data["comment"]),
        "已审签答复，答复期限已办结。",
    ),
    "deliver": Step(
        "登记送达",
        permissions.DELIVER,
        admin_forms.DeliveryForm,
        lambda a: a.status in (Status.ANSWERED, Status.CLOSED),
        lambda a, user, data: services.application_deliver(
            application=a,
            user=user,
            method=data["method"],
            on=data["on"],
            tracking_number=data["tracking_number"],
            note=data["note"],
        ),
        "已登记送达。",
        initial=lambda a: {"on": timezone.localdate()},
    ),
    "close": Step(
        "办结",
        permissions.CLOSE,
        admin_forms.CommentForm,
        lambda a: a.status == Status.ANSWERED,
        lambda a, user, data: services.application_close(application=a, user=user, comment=data["comment"]),
        "已办结。",
    ),
    "archive": Step(
        "归档",
        permissions.ARCHIVE,
        admin_forms.CommentForm,
        lambda a: a.status == Status.CLOSED,
        lambda a, user, data: services.application_archive(application=a, user=user, comment=data["comment"]),
        "已归档。",
    ),
    # --- exchanges (item 25) and Art. 35 ---
    "message": Step(
        "给申请人留言",
        permissions.MESSAGE,
        admin_forms.MessageForm,
        lambda a: a.is_open,
        lambda a, user, data: services.application_message(application=a, user=user, text=data["text"]),
        "已给申请人留言，申请人可在查询页面查看和回复。",
    ),
    "reasons": Step(
        "要求说明理由（第三十五条）",
        permissions.MESSAGE,
        admin_forms.ReasonsForm,
        lambda a: a.status in HANDLING and a.reasons_requested_on is None,
        lambda a, user, data: services.application_request_reasons(application=a, user=user, text=data["text"]),
        "已要求申请人说明理由，并告知申请人。",
    ),
    "refuse_excessive": Step(
        "不予处理：无正当理由大量反复申请",
        permissions.DRAFT_REPLY,
        admin_forms.RefuseExcessiveForm,
        lambda a: a.status in HANDLING and a.reasons_requested_on is not None,
        lambda a, user, data: services.application_refuse_excessive(application=a, user=user, note=data["note"]),
        "已拟定不予处理的答复，请负责人审签。",
        "danger",
    ),
    "late_reply": Step(
        "确定延迟答复的合理期限（第三十五条）",
        permissions.LATE_REPLY,
        admin_forms.LateReplyForm,
        lambda a: a.status in HANDLING and a.reasons_requested_on is not None and a.late_reply_on is None,
        lambda a, user, data: services.application_set_late_reply(
            application=a, user=user, due_on=data["due_on"], reason=data["reason"]
        ),
        "已确定延迟答复的期限，并告知申请人。",
    ),
    # --- end exchanges ---
}


def _count_note(application: Application) -> str:
    """按件计收's basis, counted from the applicant's applications of the month."""
    nth = services.count_basis(application)
    if nth is None:
        return "按件计收：申请人没有登记证件号码或统一社会信用代码，无法统计件数，只能按量计收。"
    month = f"{application.received_on.year}年{application.received_on.month}月"
    fee = fees.count_fee(nth)
    return (
        f"按件计收：本申请是该申请人{month}的第{nth}件申请（按证件号码或统一社会信用代码自动统计），信息处理费{fee}元。"
    )


def _abandon_unpaid(application: Application, user: Any) -> None:
    """The button says what happened: an application no longer waiting to be paid is 409."""
    if not services.application_abandon_unpaid(application=application, user=user):
        raise services.ApplicationError("申请不在待缴费状态，不能按逾期未缴费办结。")


NEXT_STEP = {
    Status.RECEIVED: "下一步：由依申请登记人分办到承办机构。",
    Status.IN_PROGRESS: "下一步：承办人审查申请，需要补正的一次性告知；拟定答复后由负责人审签。",
    Status.CORRECTION: "等待申请人补正：答复期限暂停计算。",
    Status.THIRD_PARTY: "等待第三方意见（15个工作日）：答复期限暂停计算。",
    Status.AWAITING_PAYMENT: "等待申请人缴纳信息处理费（20个工作日）：答复期限暂停计算。",
    Status.EXTENDED: "答复期限已延长：承办人拟定答复后由负责人审签。",
    Status.ANSWERED: "已答复：登记送达后办结。",
    Status.CLOSED: "已办结：整理卷宗后归档。",
    Status.ARCHIVED: "已归档。",
}


def workflow_context(user: Any, application: Application, typed: tuple[str, Any] | None = None) -> dict[str, Any]:
    """The workflow panel; ``typed`` is (step, POST data) of a refused form, shown again."""
    actions = []
    for key, step in STEPS.items():
        if not step.shown(application) or not permissions.can(user, step.action, application):
            continue
        data = typed[1] if typed and typed[0] == key else None
        form = step.form(data, prefix=key, initial=step.initial(application) if step.initial else None)
        if data is not None:
            form.is_valid()  # show its errors
        url = reverse("admin:applications_application_step", args=[application.pk, key])
        note = step.note(application) if step.note else ""
        actions.append({"key": key, "label": step.label, "style": step.style, "form": form, "url": url, "note": note})
    return {
        "workflow_application": application,
        "workflow_overdue": application.is_open
        and application.due_on is not None
        and application.due_on < timezone.localdate(),
        "workflow_actions": actions,
        "workflow_next_step": NEXT_STEP.get(application.status, ""),
        **letter_links(user, application),
    }


def step(model_admin: ModelAdmin, request: HttpRequest, object_id: int, key: str) -> HttpResponse:
    """A workflow button: 补正, 延期, 征求意见, 收费, 答复 (拟定, 审签), 办结 or 归档."""
    if request.method != "POST":
        return _back_to(object_id)  # reloading the address a refused step left: harmlessly back
    application = get_object_or_404(Application, pk=object_id)
    chosen = STEPS.get(key)
    if chosen is None:
        return HttpResponse("没有这个办理步骤。", status=404, content_type="text/plain; charset=utf-8")
    if (refused := permissions.denial(request.user, chosen.action, application)) is not None:
        access.refuse(refused)
        return _refused(model_admin, request, application.pk, f"未能{chosen.label}：{refused.message}", key, 409)
    form = chosen.form(request.POST, request.FILES, prefix=key)
    if not form.is_valid():
        return _refused(model_admin, request, application.pk, f"{chosen.label}：请检查填写的内容。", key, 400)
    try:
        chosen.run(application, request.user, form.cleaned_data)
    except services.ApplicationError as exc:
        return _refused(model_admin, request, application.pk, f"未能{chosen.label}：{exc}", key, 409)
    except ValidationError as exc:
        message = "；".join(error for errors in exc.message_dict.values() for error in errors)
        return _refused(model_admin, request, application.pk, f"{chosen.label}：{message}", key, 400)
    messages.success(request, chosen.done)
    return _back_to(application.pk)


def _refused(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int, message: str, key: str, status: int
) -> HttpResponse:
    """The application's page again, with the reason and what was typed kept in its form."""
    messages.error(request, message)
    page = copy.copy(request)
    page.method = "GET"  # shown as when opened, not saved
    change_url = reverse("admin:applications_application_change", args=[object_id])
    extra = {"typed": (key, request.POST), "replace_url": change_url}
    response = model_admin.change_view(page, str(object_id), extra_context=extra)
    response.status_code = status
    return response


def _back_to(object_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:applications_application_change", args=[object_id]))


# --- My applications ---------------------------------------------------------------


@never_cache
@access.staff_required
def my_applications(request: HttpRequest) -> HttpResponse:
    """我的依申请公开: the open applications the user may see (their organisation's; every
    one for the registrar and the 管理员 role), overdue first, then by due date."""
    today = timezone.localdate()
    rows = list(
        permissions.visible_applications(request.user, Application.objects.open())
        .select_related("organisation")
        .annotate(
            overdue=Case(When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()),
            stopped=Case(When(due_on__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()),
        )
        .order_by("overdue", "stopped", "due_on", "received_on", "id")
    )
    calendar = workdays.WorkingCalendar()
    for application in rows:
        application.days_left = _days_left(calendar, today, application)
    context = {
        "title": "我的依申请公开",
        "applications": rows,
        "today": today,
        "overdue_count": sum(1 for a in rows if a.overdue == 0),
    }
    return render(request, "admin/applications/application/mine.html", context)


def _days_left(calendar: workdays.WorkingCalendar, today, application: Application) -> int | None:
    if application.due_on is None:
        return None
    try:
        return calendar.working_days_between(today, application.due_on)
    except workdays.CalendarUnavailable:
        return None


# --- Exchanges (item 25), triage, identity scans -------------------------------------


def exchange_context(user: Any, application: Application) -> dict[str, Any]:
    """The exchange with the applicant, the triage lists and the scan's openings, for the
    application's admin page (the caller showed the page only to staff who may see it)."""
    exchanges = list(application.exchanges.select_related("author").prefetch_related("files"))
    for exchange in exchanges:
        for item in exchange.files.all():
            item.url = reverse("admin:applications_application_exchange_file", args=[application.pk, item.pk])
    return {
        "exchanges": exchanges,
        "triage_published": triage.published(application),
        "triage_earlier": triage.same_applicant(user, application),
        "triage_repeated_from": round(triage.REPEATED_FROM * 100),
        "scan_openings": list(application.scan_openings.select_related("user")),
        "scan_url": reverse("admin:applications_application_identity_scan", args=[application.pk])
        if application.identity_scan and permissions.can(user, permissions.VIEW_IDENTITY_SCAN, application)
        else "",
    }


def _private_file(field, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except OSError:
        raise Http404("文件不存在。") from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The letter, the files provided and the archive file, downloaded by staff ---------------
# Wired through AdminSite.admin_view, which signs the user in and makes every answer never_cache.


def letter_links(user: Any, application: Application) -> dict[str, Any]:
    """The panel's downloads: the letter once drafted, the files provided, the archive file."""
    if not permissions.can(user, permissions.VIEW, application):
        return {}
    args = [application.pk]
    drafted = bool(application.outcome and (application.reply_drafted_by_id or application.letter_text))
    removable = application.status in HANDLING and permissions.can(user, permissions.PROVIDE, application)
    return {
        "letter_pdf_url": reverse("admin:applications_application_letter", args=[*args, "pdf"]) if drafted else "",
        "letter_docx_url": reverse("admin:applications_application_letter", args=[*args, "docx"]) if drafted else "",
        "archive_url": reverse("admin:applications_application_archive_file", args=args),
        "provided_files": [
            (
                provided,
                reverse("admin:applications_application_provided_file", args=[*args, provided.pk]),
                reverse("admin:applications_application_provided_file_remove", args=[*args, provided.pk])
                if removable
                else "",
            )
            for provided in application.provided_files.all()
        ],
    }


def _visible(request: HttpRequest, object_id: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("reply_document"), pk=object_id)
    if (refused := permissions.denial(request.user, permissions.VIEW, application)) is not None:
        access.refuse(refused)
    return application


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def exchange_file(model_admin: ModelAdmin, request: HttpRequest, object_id: int, file_id: int) -> HttpResponse:
    """A file the applicant sent: only for staff who may see the application."""
    application = get_object_or_404(Application, pk=object_id)
    if (refused := permissions.denial(request.user, permissions.VIEW, application)) is not None:
        raise PermissionDenied(refused.message)
    item = get_object_or_404(ExchangeFile, pk=file_id, exchange__application=application)
    return _private_file(item.file, item.name)


def identity_scan(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """The applicant's identity scan; each opening is recorded first (who, when)."""
    application = get_object_or_404(Application, pk=object_id)
    try:
        services.identity_scan_open(application=application, user=request.user)
    except services.ApplicationError as exc:
        raise Http404(str(exc)) from None
    suffix = application.identity_scan.name.rsplit(".", 1)[-1] if "." in application.identity_scan.name else "bin"
    return _private_file(application.identity_scan, f"{application.number}-身份证明.{suffix}")


LETTER_TYPES = {
    "pdf": (letters.letter_pdf, "application/pdf"),
    "docx": (letters.letter_docx, attachments.CONTENT_TYPES["docx"]),
}


def letter_download(model_admin: ModelAdmin, request: HttpRequest, object_id: int, fmt: str) -> HttpResponse:
    """The reply letter as PDF or DOCX, rendered now (a draft is marked as such)."""
    application = _visible(request, object_id)
    if fmt not in LETTER_TYPES:
        raise Http404("没有这种格式的告知书。")
    if not application.outcome or not (application.reply_drafted_by_id or application.letter_text):
        raise Http404("尚未拟定答复，还没有答复告知书。")
    render_letter, content_type = LETTER_TYPES[fmt]
    return _download(render_letter(application), letters.letter_filename(application, fmt), content_type)


def archive_download(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """The whole file (卷宗) as PDF: the application with the applicant's data, every step of
    the trail, the reviews, the files provided and the letter. Staff only, rendered now."""
    application = _visible(request, object_id)
    return _download(letters.archive_pdf(application), letters.archive_filename(application), "application/pdf")


def provided_file_download(model_admin: ModelAdmin, request: HttpRequest, object_id: int, file_id: int) -> HttpResponse:
    application = _visible(request, object_id)
    provided = get_object_or_404(ProvidedFile, pk=file_id, application=application)
    return attachments.download_response(provided, cache_control="private, no-store")


def provided_file_remove(model_admin: ModelAdmin, request: HttpRequest, object_id: int, file_id: int) -> HttpResponse:
    """The 移除 button beside a file provided, before signing (POST only)."""
    if request.method != "POST":
        return _back_to(object_id)
    application = _visible(request, object_id)
    provided = get_object_or_404(ProvidedFile, pk=file_id, application=application)
    if (refused := permissions.denial(request.user, permissions.PROVIDE, application)) is not None:
        access.refuse(refused)
    try:
        services.provided_file_remove(provided=provided, user=request.user)
    except services.ApplicationError as exc:
        return _refused(model_admin, request, application.pk, f"未能移除：{exc}", "provide", 409)
    messages.success(request, f"已移除“{provided.original_name}”。")
    return _back_to(application.pk)
