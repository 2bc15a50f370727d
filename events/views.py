"""Public pages of the events: the list (upcoming first), an event with its sessions and
the registration form, the registration code (view, cancel), the .ics download; and the
staff's phone-width check-in page at the door."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from organisations.access import staff_required
from xujing_portal import form_guard
from xujing_portal.client_address import client_ip

from . import ics, permissions, selectors, services
from .forms import (
    QUESTIONNAIRE_SALT,
    TOKEN_SALT,
    TOPIC_SALT,
    CodeForm,
    QuestionnaireForm,
    RegistrationForm,
    TopicForm,
    VoteForm,
    new_form_token,
)
from .models import Questionnaire, Registration, RegistrationState, Session

SESSION_RECEIPT = "events.receipt"
VOTER_COOKIE = "events_voter"
VOTER_COOKIE_AGE = 365 * 24 * 3600


def register_rate() -> str:
    return getattr(settings, "EVENTS_REGISTER_RATE", "10/h")


def code_rate() -> str:
    return getattr(settings, "EVENTS_CODE_RATE", "30/h")


def propose_rate() -> str:
    return getattr(settings, "EVENTS_PROPOSE_RATE", "5/h")


def vote_rate() -> str:
    return getattr(settings, "EVENTS_VOTE_RATE", "60/h")


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.upcoming_and_past()
    return render(request, "events/event_list.html", {"nav": "events", "upcoming": upcoming, "past": past[:30]})


def _event_page(
    request, event, *, form=None, form_session=None, status=200, notice="", topic_form=None, topic_notice=""
):
    sessions = list(event.sessions.all())
    for session in sessions:  # one form per session, its own ids
        if form is not None and form_session is not None and form_session.pk == session.pk:
            session.form = form
        else:
            session.form = RegistrationForm(
                initial={"form_token": new_form_token()}, max_party=session.max_party, auto_id=_auto_id(session)
            )
    questionnaire = Questionnaire.objects.filter(event=event).first()
    results = selectors.questionnaire_results(event)
    context = {
        "nav": "events",
        "event": event,
        "sessions": sessions,
        "notice": notice,
        "documents": event.documents.public(),
        "topics": selectors.shown_topics(event),
        "topic_form": topic_form or TopicForm(initial={"form_token": form_guard.new_form_token(TOPIC_SALT)}),
        "vote_token": form_guard.new_form_token(TOPIC_SALT),
        "topic_notice": topic_notice,
        "questions_answered": event.questions_answered.all(),
        "questionnaire": questionnaire,
        "results": results,
        "results_chart_data": selectors.results_chart_data(results) if results else None,
    }
    return render(request, "events/event_detail.html", context, status=status)


def _auto_id(session: Session) -> str:
    return f"s{session.pk}-%s"


def _public_event(pk: int):
    return get_object_or_404(selectors.public_events(), pk=pk)


@require_safe
@never_cache  # holds a fresh form token
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    return _event_page(request, event)


@require_http_methods(["POST"])
@never_cache
def register(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    event = _public_event(pk)
    session = get_object_or_404(Session, pk=session_id, event=event)
    form = RegistrationForm(request.POST, max_party=session.max_party, auto_id=_auto_id(session))
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


# --- Topic solicitation --------------------------------------------------------------------


@require_POST
@never_cache
def propose_topic(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    form = TopicForm(request.POST)
    if form_guard.rate_limited(request, "events.propose", propose_rate()):
        form.is_valid()
        form = form_guard.with_fresh_token(form, TOPIC_SALT)
        notice = "您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留。"
        return _event_page(request, event, topic_form=form, topic_notice=notice, status=429)
    if not form.is_valid():
        return _event_page(request, event, topic_form=form_guard.with_fresh_token(form, TOPIC_SALT), status=400)
    try:
        services.topic_propose(event=event, title=form.cleaned_data["title"], venue=form.cleaned_data["venue"])
    except services.TopicError as error:
        form = form_guard.with_fresh_token(form, TOPIC_SALT)
        return _event_page(request, event, topic_form=form, topic_notice=str(error), status=409)
    messages.success(request, "感谢您提出议题，其他市民现在可以为它投票。")
    return redirect(reverse("events:detail", args=[event.pk]) + "#topics")


def _voter_keys(request: HttpRequest) -> tuple[str, str, str]:
    cookie = request.get_signed_cookie(VOTER_COOKIE, default="", salt="events.voter")
    cookie = cookie or secrets.token_hex(16)
    network = f"{client_ip(request)}|{request.headers.get('user-agent', '')}"
    return cookie, services.voter_hash(cookie), services.voter_hash(network)


@require_POST
@never_cache
def vote_topic(request: HttpRequest, pk: int, topic_id: int) -> HttpResponse:
    event = _public_event(pk)
    topic = get_object_or_404(event.topics, pk=topic_id)
    if form_guard.rate_limited(request, "events.vote", vote_rate()):
        return _event_page(request, event, topic_notice="您投票得太频繁了，请稍后再试。", status=429)
    form = VoteForm(request.POST)
    if not form.is_valid():
        errors = [e for field in form.errors.values() for e in field]
        return _event_page(request, event, topic_notice=errors[0], status=400)
    cookie, voter_key, network_key = _voter_keys(request)
    try:
        services.topic_vote(topic_id=topic.pk, voter_key=voter_key, network_key=network_key)
    except services.TopicError as error:
        response = _event_page(request, event, topic_notice=str(error), status=409)
    else:
        messages.success(request, f"已为“{topic.title}”投票。")
        response = redirect(reverse("events:detail", args=[event.pk]) + "#topics")
    response.set_signed_cookie(
        VOTER_COOKIE, cookie, salt="events.voter", max_age=VOTER_COOKIE_AGE, httponly=True, samesite="Lax"
    )
    return response


# --- The questionnaire after the event ----------------------------------------------------


def _open_questionnaire(event) -> Questionnaire:
    questionnaire = Questionnaire.objects.filter(event=event).first()
    if questionnaire is None or not questionnaire.questions.exists():
        raise Http404
    return questionnaire


def _questionnaire_page(request, event, questionnaire, form, *, status=200, notice=""):
    context = {"nav": "events", "event": event, "questionnaire": questionnaire, "form": form, "notice": notice}
    return render(request, "events/questionnaire.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """Participants answer once, with the registration code; what was typed is kept on a refusal."""
    event = _public_event(pk)
    questionnaire = _open_questionnaire(event)
    if request.method != "POST":
        form = QuestionnaireForm(
            questionnaire=questionnaire, initial={"form_token": form_guard.new_form_token(QUESTIONNAIRE_SALT)}
        )
        notice = "" if questionnaire.is_open() else "该问卷目前不接受填写。"
        return _questionnaire_page(request, event, questionnaire, form, notice=notice)
    form = QuestionnaireForm(request.POST, questionnaire=questionnaire)
    if form_guard.rate_limited(request, "events.code", code_rate()):
        form.is_valid()
        form = form_guard.with_fresh_token(form, QUESTIONNAIRE_SALT)
        notice = "您提交得太频繁了，请稍后再试。您填写的内容已保留。"
        return _questionnaire_page(request, event, questionnaire, form, status=429, notice=notice)
    if not form.is_valid():
        form = form_guard.with_fresh_token(form, QUESTIONNAIRE_SALT)
        return _questionnaire_page(request, event, questionnaire, form, status=400)
    try:
        services.questionnaire_answer(
            questionnaire=questionnaire, code=form.cleaned_data["code"], answers=form.answers()
        )
    except services.QuestionnaireError as error:
        form = form_guard.with_fresh_token(form, QUESTIONNAIRE_SALT)
        return _questionnaire_page(request, event, questionnaire, form, status=409, notice=str(error))
    messages.success(request, "问卷已提交，感谢您的参与！活动结束后，统计结果会公布在活动页面上。")
    return redirect(reverse("events:detail", args=[event.pk]) + "#questionnaire")


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
