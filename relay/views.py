"""The partner's acknowledgement page (signed link, no account) and the staff pages:
policies and their packages, sending, the no-relay decision, the partners' year.

No page shows a partner's contact; the acknowledgement page names the partner only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from documents.models import PolicyDocument, Status
from organisations import access

from . import permissions, selectors, services, tokens
from .forms import AcknowledgementForm, NoRelayForm
from .models import PolicyRelay, RelayPackage

# --- The partner's link ------------------------------------------------------------------


def _bad_link(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "relay/bad_link.html", {"message": message}, status=status)


def _package(token: str) -> tuple[RelayPackage | None, str]:
    """The package of a link, or why not ("expired", "bad")."""
    try:
        package_id = tokens.read_ack_token(token)
    except tokens.ExpiredToken:
        return None, "expired"
    except tokens.BadToken:
        return None, "bad"
    package = (
        RelayPackage.objects.select_related("partner", "relay__document__issuing_organisation")
        .filter(pk=package_id)
        .first()
    )
    return package, "" if package else "bad"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def acknowledge(request: HttpRequest, token: str) -> HttpResponse:
    package, problem = _package(token)
    if problem == "expired":
        return _bad_link(request, "确认链接已过期。请联系徐泾镇经济发展办公室，我们会重新发送。", 410)
    if package is None:
        return _bad_link(request, "确认链接无效：请从接力包邮件中完整复制链接后再打开。", 404)
    if not package.partner.active:
        return _bad_link(request, "贵单位的接力推送已停用，无需再确认。如有疑问请联系徐泾镇经济发展办公室。", 410)
    sent_on = timezone.localdate(package.sent_at)
    if request.method == "POST":
        form = AcknowledgementForm(request.POST, sent_on=sent_on)
        if not form.is_valid():
            return _ack_page(request, package, form, status=400)
        first = services.package_acknowledge(package=package, **form.cleaned_data)
        return redirect(f"{reverse('relay:acknowledge', args=[token])}?saved={'first' if first else 'updated'}")
    initial = {}
    if package.is_acknowledged:
        initial = {
            "enterprises_reached": package.enterprises_reached,
            "channel": package.channel,
            "relayed_on": package.relayed_on,
        }
    else:
        initial = {"relayed_on": timezone.localdate()}
    return _ack_page(request, package, AcknowledgementForm(initial=initial, sent_on=sent_on))


def _ack_page(request: HttpRequest, package: RelayPackage, form: AcknowledgementForm, *, status: int = 200):
    document = package.relay.document
    context = {
        "package": package,
        "partner_name": package.partner.name,
        "document": document,
        "relay": package.relay,
        "interpretation": services.published_interpretation(document),
        # A policy withdrawn after its package was sent: say so; and link to it only while
        # its public page is there.
        "withdrawn": document.status == Status.WITHDRAWN,
        "public": document.is_public,
        "form": form,
        "saved": request.GET.get("saved", "") if request.method != "POST" else "",
    }
    return render(request, "relay/acknowledge.html", context, status=status)


# --- Staff pages -------------------------------------------------------------------------


def _require(denial: access.Denial | None) -> None:
    if denial:
        access.refuse(denial)


@require_safe
@access.staff_required
def staff_index(request: HttpRequest) -> HttpResponse:
    _require(permissions.check_view(request.user))
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    overdue = (
        RelayPackage.objects.filter(pk__in=services.overdue_package_ids())
        .select_related("partner", "relay__document")
        .order_by("sent_at")
    )
    context = {
        "here": "政策接力",
        "documents": selectors.policies_for_staff(query),
        "query": query,
        "overdue": overdue,
    }
    return render(request, "relay/staff_index.html", context)


def _public_document(pk: int) -> PolicyDocument:
    return get_object_or_404(PolicyDocument.objects.public().select_related("issuing_organisation"), pk=pk)


def _policy_page(request: HttpRequest, document: PolicyDocument, *, form=None, error: str = "", status: int = 200):
    relay = PolicyRelay.objects.filter(document=document).first()
    rows = selectors.package_rows(relay) if relay else []
    sent_to = {row.package.partner_id for row in rows}
    candidates = [p for p in services.matching_partners(document) if p.pk not in sent_to]
    context = {
        "here": "政策接力",
        "document": document,
        "relay": relay,
        "rows": rows,
        "candidates": candidates,
        "can_send": permissions.can_send(request.user),
        "form": form or NoRelayForm(),
        "form_error": error,
    }
    return render(request, "relay/staff_policy.html", context, status=status)


@require_safe
@access.staff_required
def staff_policy(request: HttpRequest, pk: int) -> HttpResponse:
    document = _public_document(pk)
    _require(permissions.check_view_policy(request.user, document))
    return _policy_page(request, document)


@require_POST
@access.staff_required
def staff_send(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.check_send(request.user))
    document = _public_document(pk)
    try:
        result = services.packages_send(document=document, user=request.user)
    except services.RelayRefused as refused:
        return _policy_page(request, document, error=refused.message, status=409)
    if result.sent:
        messages.success(request, f"已向 {result.sent} 家接力单位发送接力包。")
    else:
        messages.info(request, "没有需要发送的接力单位：匹配的单位都已收到过本政策的接力包，或没有匹配的单位。")
    return redirect("relay:staff_policy", pk=document.pk)


@require_POST
@access.staff_required
def staff_no_relay(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.check_send(request.user))
    document = _public_document(pk)
    form = NoRelayForm(request.POST)
    if not form.is_valid():
        return _policy_page(request, document, form=form, status=400)
    try:
        services.relay_decide_no_relay(document=document, reason=form.cleaned_data["reason"], user=request.user)
    except ValidationError as error:
        form.add_error("reason", error.message_dict.get("reason", error.messages))
        return _policy_page(request, document, form=form, status=400)
    messages.success(request, "已记录本政策无需接力。")
    return redirect("relay:staff_policy", pk=document.pk)


@require_safe
@access.staff_required
def staff_partners(request: HttpRequest) -> HttpResponse:
    _require(permissions.check_view(request.user))
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= this_year + 1 else this_year
    context = {
        "here": "接力单位年度情况",
        "year": year,
        "years": list(range(this_year, this_year - 4, -1)),
        "rows": selectors.partners_year(year),
        "figures": selectors.annual_figures(year),
    }
    return render(request, "relay/staff_partners.html", context)
