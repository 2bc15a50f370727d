"""Public pages: subscribe, confirm, manage (signed link), unsubscribe (one click,
RFC 8058), and the signed-in account's page. No page shows an address in full: the
manage page shows it masked."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from . import services, tokens
from .forms import FrequencyForm, SubscribeForm
from .models import Subscriber, Subscription, mask_email

SESSION_DONE = "subscriptions.done"


def _limited(request: HttpRequest, group: str, key: str) -> bool:
    return is_ratelimited(
        request, group=group, key=key, rate=settings.SUBSCRIPTIONS_SUBSCRIBE_RATE, method="POST", increment=True
    )


def _subscribe_page(request: HttpRequest, form: SubscribeForm, *, status: int = 200, notice: str = "") -> HttpResponse:
    return render(
        request,
        "subscriptions/subscribe.html",
        {"nav": "subscribe", "form": form, "notice": notice},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {}
        if request.user.is_authenticated and request.user.email:
            initial["email"] = request.user.email
        for name in ("tags", "organisations", "doc_types"):
            if request.GET.getlist(name):
                initial[name] = [value for value in request.GET.getlist(name) if value.isdigit() or name == "doc_types"]
        if request.GET.get("query"):
            initial["query"] = request.GET["query"][:100].replace("\x00", "")
        return _subscribe_page(request, SubscribeForm(initial=initial))
    form = SubscribeForm(request.POST)
    # Per client address, and per typed address (django-ratelimit hashes the key: no address in the cache key).
    if _limited(request, "subscriptions.subscribe", "ip") or _limited(
        request, "subscriptions.subscribe-address", "post:email"
    ):
        form.is_valid()
        return _subscribe_page(
            request, form, status=429, notice="您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留。"
        )
    if not form.is_valid():
        return _subscribe_page(request, form, status=400)
    user = request.user if request.user.is_authenticated else None
    result = services.subscriber_subscribe(
        email=form.cleaned_data["email"], choices=form.choices(), frequency=form.cleaned_data["frequency"], user=user
    )
    request.session[SESSION_DONE] = {
        "created": result.created,
        "existing": result.existing,
        "confirmation_sent": result.confirmation_sent,
    }
    if user is not None and not result.confirmation_sent:
        return redirect("subscriptions:mine")
    return redirect("subscriptions:submitted")


def submitted(request: HttpRequest) -> HttpResponse:
    done = request.session.get(SESSION_DONE)
    if not done:
        return redirect("subscriptions:subscribe")
    return render(request, "subscriptions/submitted.html", {"nav": "subscribe", "done": done})


def _bad_link(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "subscriptions/bad_link.html", {"nav": "subscribe", "message": message}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); POST confirms."""
    try:
        subscriber_id, issued_at = tokens.read_confirm_token(token)
    except tokens.BadToken:
        return _bad_link(request, "确认链接无效或已过期（有效期 3 天）。请重新订阅，我们会再发一封确认邮件。")
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return _bad_link(request, "这个订阅已经取消。如需订阅，请重新填写。")
    if request.method == "POST":
        count = services.subscriptions_confirm(subscriber=subscriber, issued_at=issued_at)
        return redirect(
            f"{reverse('subscriptions:manage', args=[tokens.manage_token(subscriber.pk)])}?confirmed={count}"
        )
    pending = subscriber.subscriptions.filter(confirmed_at__isnull=True, created_at__lte=issued_at)
    return render(
        request,
        "subscriptions/confirm.html",
        {"nav": "subscribe", "pending": list(pending.select_related("tag__dimension", "organisation"))},
    )


def _manage_subscriber(token: str) -> Subscriber | None:
    try:
        return Subscriber.objects.filter(pk=tokens.read_manage_token(token)).first()
    except tokens.BadToken:
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _manage_subscriber(token)
    if subscriber is None:
        return _bad_link(request, "管理链接无效，或这个邮箱的订阅已全部取消。")
    notice = ""
    status = 200
    if request.method == "POST":
        notice, status = _change(request, subscriber)
        if status == 200 and not Subscriber.objects.filter(pk=subscriber.pk).exists():
            return render(request, "subscriptions/unsubscribed.html", {"nav": "subscribe"})  # the last one cancelled
        if status == 200:
            return redirect(f"{request.path}?done=1")
    confirmed = request.GET.get("confirmed", "")
    if confirmed.isdigit():
        notice = f"已确认 {confirmed} 项订阅。有新文件公开时，我们会按您选择的频率发送邮件。"
    elif request.GET.get("done"):
        notice = "已保存。"
    return render(
        request,
        "subscriptions/manage.html",
        {
            "nav": "subscribe",
            "masked_email": mask_email(subscriber.email),
            "subscriptions": _subscriptions_of(subscriber),
            "notice": notice,
            "unsubscribe_token": tokens.unsubscribe_token(subscriber.pk),
            "frequencies": FrequencyForm.base_fields["frequency"].choices,
        },
        status=status,
    )


def _subscriptions_of(subscriber: Subscriber) -> list[Subscription]:
    return list(subscriber.subscriptions.select_related("tag__dimension", "organisation").order_by("kind", "id"))


def _change(request: HttpRequest, subscriber: Subscriber) -> tuple[str, int]:
    """Cancel one subscription or change its frequency (the manage and account pages)."""
    pk = request.POST.get("subscription", "")
    subscription = subscriber.subscriptions.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 19 else None
    if subscription is None:
        return "这项订阅不存在或已取消。", 404
    if request.POST.get("action") == "cancel":
        services.subscription_cancel(subscription=subscription)
        return "", 200
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        return "请选择发送频率。", 400
    services.subscription_set_frequency(subscription=subscription, frequency=form.cleaned_data["frequency"])
    return "", 200


@csrf_exempt  # RFC 8058: the mail client POSTs with no cookie and no token; the signed link is the credential
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with one button. POST (the button, or a mail client's one-click
    ``List-Unsubscribe=One-Click``): every subscription of the address ends, no further question."""
    try:
        subscriber_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken:
        return _bad_link(request, "退订链接无效。请使用邮件中的退订链接。")
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if request.method == "POST":
        if subscriber is not None:
            services.subscriber_unsubscribe_all(subscriber=subscriber)
        return render(request, "subscriptions/unsubscribed.html", {"nav": "subscribe"})
    if subscriber is None or not subscriber.subscriptions.exists():
        return render(request, "subscriptions/unsubscribed.html", {"nav": "subscribe"})
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {"nav": "subscribe", "masked_email": mask_email(subscriber.email), "count": subscriber.subscriptions.count()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in account's subscriptions (its account address, confirmed by the sign-in)."""
    subscriber = Subscriber.objects.filter(user=request.user).first()
    notice = ""
    status = 200
    if request.method == "POST" and subscriber is not None:
        notice, status = _change(request, subscriber)
        if status == 200:
            return redirect("subscriptions:mine")
    done = request.session.pop(SESSION_DONE, None)
    if done and not notice:
        notice = f"已订阅 {done['created']} 项。" + (
            f"其中 {done['existing']} 项此前已订阅，未重复登记。" if done["existing"] else ""
        )
    return render(
        request,
        "subscriptions/mine.html",
        {
            "nav": "me",
            "subscriptions": _subscriptions_of(subscriber) if subscriber else [],
            "notice": notice,
            "frequencies": FrequencyForm.base_fields["frequency"].choices,
            "has_email": bool(request.user.email),
        },
        status=status,
    )
