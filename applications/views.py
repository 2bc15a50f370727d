"""Public pages of disclosure on application: the disclosure guide (Art. 12), the online
application (Art. 29) with its receipt, the already-disclosed documents it may be about,
tracking an application with its number and query code, and the statistics by year."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

import privacy
from xujing_portal import form_guard

from . import disclosed, services, tracking
from . import statistics as figures
from .forms import TOKEN_SALT, ApplicationForm, ExchangeForm, TrackForm, new_form_token
from .models import Application, ExchangeFile, Guide, Review, Status

SESSION_RECEIPT = "applications.receipt"
SESSION_TRACKED = "applications.tracked"
TRACKED_KEPT = 10


def submit_rate() -> str:
    return getattr(settings, "APPLICATIONS_SUBMIT_RATE", "5/h")


def track_rate() -> str:
    return getattr(settings, "APPLICATIONS_TRACK_RATE", "20/h")


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/guide.html", {"nav": "applications", "guide": Guide.current()})


# --- The online application ------------------------------------------------------------


def _form_page(request: HttpRequest, form: ApplicationForm, *, status: int = 200, notice: str = "") -> HttpResponse:
    context = {
        "nav": "applications",
        "form": form,
        "notice": notice,
        "matches": disclosed.find(form.search_text()) if form.is_bound else [],
        "searched": form.is_bound,
    }
    return render(request, "applications/new.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache  # a form shown again holds what the applicant typed
def new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ApplicationForm(initial={"form_token": new_form_token()}))
    form = ApplicationForm(request.POST, request.FILES)
    if "find" in request.POST:  # the no-JavaScript "查找": list what is already disclosed
        return _form_page(request, form_guard.with_fresh_token(form, TOKEN_SALT))
    if form_guard.rate_limited(request, "applications.submit", submit_rate()):
        form.is_valid()
        notice = "您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留。"
        return _form_page(request, form_guard.with_fresh_token(form, TOKEN_SALT), status=429, notice=notice)
    if not form.is_valid():
        return _form_page(request, form_guard.with_fresh_token(form, TOKEN_SALT), status=400)
    try:
        receipt = services.application_submit_online(application=form.to_application(), submission_key=form.nonce)
    except ValidationError:  # the day it counts as received is beyond the working-day calendar
        notice = (
            "系统暂时无法确定收到申请的日期（工作日历尚未更新），请稍后再试，"
            "或通过当面、信函等其他渠道提交。您填写的内容已保留。"
        )
        return _form_page(request, form, status=503, notice=notice)
    if receipt.query_code:
        request.session[SESSION_RECEIPT] = {"number": receipt.application.number, "query_code": receipt.query_code}
    return redirect("applications:submitted")


@require_safe
@never_cache  # it shows the query code
def submitted(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(SESSION_RECEIPT) or {}
    application = Application.objects.filter(number=receipt.get("number", "")).first() if receipt else None
    if application is None:
        return redirect("applications:track")
    context = {
        "nav": "applications",
        "receipt": receipt,
        "application": application,
        "due_label": tracking.reply_due_label(application),
        "masked_email": privacy.mask(application.email) if application.email else "",
        "track_url": settings.SITE_URL + reverse("applications:track"),
    }
    return render(request, "applications/submitted.html", context)


@require_safe
@cache_control(public=True, max_age=300)
def disclosed_documents(request: HttpRequest) -> JsonResponse:
    """Up to five public documents the site search finds for `q` (the description as typed)."""
    found = disclosed.find(request.GET.get("q", ""))
    return JsonResponse({"results": [document.as_json() for document in found]})


# --- Tracking -------------------------------------------------------------------------


def _tracked(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_TRACKED, []))


def _track_post(request: HttpRequest) -> tuple[TrackForm, HttpResponse | None, int, str]:
    form = TrackForm(request.POST)
    if form_guard.rate_limited(request, "applications.track", track_rate()):
        form.is_valid()
        return form, None, 429, "查询次数过多，请一小时后再试。"
    if not form.is_valid():
        return form, None, 400, ""
    number, code = form.cleaned_data["number"], form.cleaned_data["query_code"]
    found = Application.objects.filter(number=number).first()
    if found is not None and services.query_code_matches(found, code):
        request.session[SESSION_TRACKED] = [n for n in _tracked(request) if n != number][1 - TRACKED_KEPT :] + [number]
        return form, redirect(f"{reverse('applications:track')}?n={number}"), 302, ""
    # Same words whether or not the number exists: no hint for guessing.
    form.add_error(None, "登记编号或查询码不正确，请核对后重新输入。")
    return form, None, 400, ""


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache  # the applicant's own data: never stored by a browser or a proxy
def track(request: HttpRequest) -> HttpResponse:
    application, notice, status = None, "", 200
    if request.method == "POST":
        form, done, status, notice = _track_post(request)
        if done is not None:
            return done
    else:
        number = request.GET.get("n", "")[:20]
        if number and number in _tracked(request):
            application = Application.objects.select_related("organisation").filter(number=number).first()
        receipt = request.session.get(SESSION_RECEIPT) or {}
        form = TrackForm(initial={"number": number or receipt.get("number", "")})
    context = {"nav": "applications", "form": form, "notice": notice, "application": application}
    if application is not None:
        context.update(_application_context(application))
        # --- exchanges (item 25) ---
        context.update(_exchange_context(application, sent=request.GET.get("sent", "")))
        # --- end exchanges ---
    return render(request, "applications/track.html", context, status=status)


def _application_context(application: Application) -> dict:
    return {
        "due_label": tracking.reply_due_label(application),
        "events": tracking.applicant_events(application),
        "masked_id": tracking.masked_id(application.id_number or application.credit_code),
    }


# --- Exchanges (item 25): the applicant answers staff and sends a 补正 online ----------
# Authorised only by the tracking session: the numbers whose query code was given here.

_SENT = {
    "answer": "已收到您的回复，工作人员会尽快处理。",
    "correction": "已收到您的补正，答复期限自收到补正之日起重新计算，见上方“答复期限”。",
}


def answer_rate() -> str:
    return getattr(settings, "APPLICATIONS_ANSWER_RATE", "10/h")


def _exchange_context(application: Application, *, sent: str = "", answer=None, correction=None) -> dict:
    """The exchange as the applicant sees it, and the forms they may use now."""
    context = {
        "exchanges": list(application.exchanges.prefetch_related("files")),
        "exchange_sent": _SENT.get(sent, ""),
        "answer_form": None,
        "correction_form": None,
        "correction_notice": None,
    }
    if application.status == Status.CORRECTION:
        context["correction_notice"] = tracking.correction_notice(application)
        due = application.correction_due_on
        if correction is not None or due is None or timezone.localdate() <= due:
            context["correction_form"] = correction or ExchangeForm(correction=True, prefix="correction")
    elif services.may_answer(application):
        context["answer_form"] = answer or ExchangeForm(prefix="answer")
    return context


def _own_application(request: HttpRequest, number: str) -> Application | None:
    if number not in _tracked(request):
        return None
    return Application.objects.select_related("organisation").filter(number=number).first()


def _not_tracked() -> HttpResponse:
    text = "请先在查询页面输入登记编号和查询码。"
    return HttpResponse(text, status=403, content_type="text/plain; charset=utf-8")


def _exchange_page(request, application, which: str, form, *, status: int, notice: str = "") -> HttpResponse:
    """The tracking page again, with what was typed kept and why it was refused."""
    context = {
        "nav": "applications",
        "form": TrackForm(initial={"number": application.number}),
        "notice": notice,
        "application": application,
    }
    context.update(_application_context(application))
    context.update(_exchange_context(application, **{which: form}))
    return render(request, "applications/track.html", context, status=status)


@require_http_methods(["POST"])
@never_cache
def track_answer(request: HttpRequest, number: str) -> HttpResponse:
    return _exchange_post(request, number, "answer")


@require_http_methods(["POST"])
@never_cache
def track_correction(request: HttpRequest, number: str) -> HttpResponse:
    return _exchange_post(request, number, "correction")


def _exchange_post(request: HttpRequest, number: str, which: str) -> HttpResponse:
    application = _own_application(request, number[:20])
    if application is None:
        return _not_tracked()
    form = ExchangeForm(request.POST, request.FILES, correction=which == "correction", prefix=which)
    if form_guard.rate_limited(request, "applications.answer", answer_rate()):
        form.is_valid()
        notice = "您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留（附件请重新选择）。"
        return _exchange_page(request, application, which, form, status=429, notice=notice)
    if not form.is_valid():
        return _exchange_page(request, application, which, form, status=400, notice="提交未成功，请按提示修改。")
    send = services.applicant_correct_online if which == "correction" else services.applicant_answer
    try:
        send(application=application, text=form.cleaned_data["text"], files=form.cleaned_data["files"])
    except services.ApplicationError as exc:
        return _exchange_page(request, application, which, form, status=409, notice=str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _exchange_page(request, application, which, form, status=400, notice="提交未成功，请按提示修改。")
    return redirect(f"{reverse('applications:track')}?n={application.number}&sent={which}")


@require_safe
@never_cache
def track_file(request: HttpRequest, number: str, file_id: int) -> HttpResponse:
    """A file the applicant sent, back to the same tracking session only."""
    application = _own_application(request, number[:20])
    if application is None:
        return _not_tracked()
    item = ExchangeFile.objects.filter(pk=file_id, exchange__application=application).first()
    if item is None:
        raise Http404("文件不存在。")
    try:
        handle = item.file.open("rb")
    except OSError:
        raise Http404("文件不存在。") from None
    content_type = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=item.name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- end exchanges ---


# --- Statistics -----------------------------------------------------------------------


def _chosen_year(raw: str, years: list[int]) -> tuple[int, str]:
    """The year asked for in ``?year=`` when it has applications, else the latest such year
    (this year when there are none) with a notice saying so."""
    default = years[0] if years else timezone.localdate().year
    if not raw:
        return default, ""
    shown = "".join(ch for ch in raw[:10] if ch.isprintable())
    if not (len(raw) == 4 and raw.isascii() and raw.isdigit()):
        return default, f"年份“{shown}”无效，请选择列出的年份。已显示{default}年的统计。"
    if int(raw) not in years:
        return default, f"{raw}年没有收到政府信息公开申请的记录，已显示{default}年的统计。"
    return int(raw), ""


@require_safe
@cache_control(public=True, max_age=300)
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Received, answered, outcomes, the share within the limit, the median time to reply and
    reviews, by year: counts only, never an applicant."""
    years = figures.application_years()
    year, notice = _chosen_year(request.GET.get("year", ""), years)
    by_year = figures.figures_by_year()
    chosen = next((f for f in by_year if f.year == year), None) or figures.year_figures(year)
    context = {
        "nav": "applications",
        "years": years,
        "year": year,
        "notice": notice,
        "figures": chosen,
        "by_year": [f for f in by_year if f.received.total],
        "categories": figures.CATEGORY_LABELS,
        "review_results": Review.Result.labels,
        "current_year": year == timezone.localdate().year,
    }
    return render(request, "applications/statistics.html", context)
