"""Public pages of the events: the list (upcoming first), an event with its sessions and
the registration form, the registration code (view, cancel), the .ics download; and the
staff's phone-width check-in page at the door."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from organisations.access import staff_required
from xujing_portal import form_guard

from . import ics, permissions, selectors, services
from .forms import TOKEN_SALT, CodeForm, RegistrationForm, new_form_token
from .models import Registration, RegistrationState, Session

SESSION_RECEIPT = "events.receipt"


def register_rate() -> str:
    return getattr(settings, "EVENTS_REGISTER_RATE", "10/h")


def code_rate() -> str:
    return getattr(settings, "EVENTS_CODE_RATE", "30/h")


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.upcoming_and_past()
    return render(request, "events/event_list.html", {"nav": "events", "upcoming": upcoming, "past": past[:30]})


def _event_page(request, event, *, form=None, form_session=None, status=200, notice=""):
    sessions = list(event.sessions.all())
    context = {
        "nav": "events",
        "event": event,
        "sessions": sessions,
        "form": form,
        "form_session": form_session,
        "notice": notice,
        "documents": event.documents.public(),
    }
    return render(request, "events/event_detail.html", context, status=status)


def _public_event(pk: int):
    return get_object_or_404(selectors.public_events(), pk=pk)


@require_safe
@never_cache  # holds a fresh form token
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    return _event_page(request, event, form=RegistrationForm(initial={"form_token": new_form_token()}))


@require_http_methods(["POST"])
@never_cache
def register(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    event = _public_event(pk)
    session = get_object_or_404(Session, pk=session_id, event=event)
    form = RegistrationForm(request.POST, max_party=session.max_party)
    if form_guard.rate_limited(request, "events.register", register_rate()):
        form.is_valid()
        notice = "您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留。"
        form = form_guard.with_fresh_token(form, TOKEN_SALT)
        return _event_page(request, event, form=form, form_session=session, status=429, notice=notice)
    if not form.is_valid():
        form = form_guard.with_fresh_token(form, TOKEN_SALT)
        return _event_page(request, event, form=form, form_session=session, status=400)
    data = form.cleaned_data
    try:
        receipt = services.registration_register(
            session_id=session.pk,
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            party_size=data["party_size"],
        )
    except services.RegistrationError as error:
        form = form_guard.with_fresh_token(form, TOKEN_SALT)
        return _event_page(request, event, form=form, form_session=session, status=409, notice=str(error))
    request.session[SESSION_RECEIPT] = {"id": receipt.registration.pk, "code": receipt.code}
    return redirect("events:registered")


@require_safe
@never_cache  # it shows the code
def registered(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(SESSION_RECEIPT) or {}
    registration = Registration.objects.select_related("session__event").filter(pk=receipt.get("id")).first()
    if registration is None:
        return redirect("events:list")
    return render(
        request,
        "events/registered.html",
        {"nav": "events", "registration": registration, "code": receipt.get("code", "")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def my_registration(request: HttpRequest) -> HttpResponse:
    """Enter the code to see a registration; a second button cancels it."""
    if request.method != "POST":
        return render(request, "events/my_registration.html", {"nav": "events", "form": CodeForm()})
    form = CodeForm(request.POST)
    context = {"nav": "events", "form": form}
    if form_guard.rate_limited(request, "events.code", code_rate()):
        context["notice"] = "您查询得太频繁了，请稍后再试。"
        return render(request, "events/my_registration.html", context, status=429)
    if not form.is_valid():
        return render(request, "events/my_registration.html", context, status=400)
    code = form.cleaned_data["code"]
    if "cancel" in request.POST:
        try:
            services.registration_cancel(code=code)
        except services.RegistrationError as error:
            context["notice"] = str(error)
            context["registration"] = services.registration_by_code(code)
            return render(request, "events/my_registration.html", context, status=409)
        context["cancelled"] = True
    registration = services.registration_by_code(code)
    if registration is None:
        context["notice"] = "报名码不正确，请核对后重新输入。"
        return render(request, "events/my_registration.html", context, status=404)
    context["registration"] = registration
    if registration.state == RegistrationState.WAITING:
        ahead = registration.session.registrations.filter(
            state=RegistrationState.WAITING, created_at__lt=registration.created_at
        ).count()
        context["ahead"] = ahead
    return render(request, "events/my_registration.html", context)


@require_safe
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    body = ics.event_calendar(event, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# --- Staff at the door -------------------------------------------------------------------


def _door_session(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    if not permissions.can_check_in(request.user, session.event):
        raise Http404
    return session


@staff_required
@require_safe
@never_cache
def door(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _door_session(request, session_id)
    query = form_guard.clean_text(request.GET.get("q"))
    registrations = session.registrations.filter(state=RegistrationState.CONFIRMED)
    if query:
        registrations = registrations.filter(phone__endswith=query) | registrations.filter(name__contains=query)
    context = {
        "session": session,
        "registrations": registrations.order_by("checked_in_at", "name")[:200],
        "query": query,
        "attendance": session.attendance(),
        "taken": session.seats_taken(),
    }
    return render(request, "events/door.html", context)


@staff_required
@require_POST
def door_check_in(request: HttpRequest, session_id: int, registration_id: int) -> HttpResponse:
    session = _door_session(request, session_id)
    registration = get_object_or_404(Registration, pk=registration_id, session=session)
    try:
        services.registration_check_in(registration=registration)
        messages.success(request, "已签到。")
    except services.RegistrationError as error:
        messages.error(request, str(error))
    return redirect(
        reverse("events:door", args=[session.pk]) + (f"?q={request.POST.get('q', '')}" if request.POST.get("q") else "")
    )
