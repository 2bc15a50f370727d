"""Public pages of major decisions, the comment form, the open call for
representatives, and the staff dashboard of representative meetings."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from documents.models import PolicyDocument
from organisations import access
from organisations.models import Organisation

from . import permissions, selectors, services
from .forms import OpinionForm, RepresentativeApplicationForm
from .models import (
    STAGE_ORDER,
    Catalogue,
    Decision,
    DecisionMaterial,
    Opinion,
    RepresentativeCall,
    RepresentativeMeeting,
    Stage,
)

RATE_LIMITED = "提交过于频繁：同一网络地址每小时最多提交 {rate} 次。您填写的内容仍保留在下方，请稍后再提交。"
RECEIPT_SALT = "decisions.opinion-receipt"
RECEIPT_MAX_AGE = 90 * 24 * 3600  # the receipt link works for 90 days


def _rate_limited(request: HttpRequest, group: str) -> bool:
    rate = settings.DECISIONS_SUBMIT_RATE
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    public = Decision.objects.public().for_listing()
    context = {
        "nav": "decisions",
        "today": today,
        "catalogue_years": selectors.catalogue_years(),
        "open_for_comment": public.open_for_comment(today),
        "recent": public.exclude(stage=Stage.CATALOGUE).order_by("-updated_at")[:10],
    }
    return render(request, "decisions/index.html", context)


@require_safe
def catalogue(request: HttpRequest, year: int) -> HttpResponse:
    item = Catalogue.objects.public().filter(year=year).first()
    if item is None:
        # A year before the portal kept catalogues: its catalogue is a published document.
        document = selectors.catalogue_documents().get(year)
        if document is None:
            raise Http404("没有这一年度的重大行政决策事项目录。")
        return redirect(document.get_absolute_url())
    context = {
        "nav": "decisions",
        "catalogue": item,
        "decisions": item.decisions.select_related("organisation"),
        "today": timezone.localdate(),
    }
    return render(request, "decisions/catalogue.html", context)


def _public_decision(year: int, pk: int) -> Decision:
    return get_object_or_404(Decision.objects.public().for_listing(), pk=pk, catalogue__year=year)


def _timeline(decision: Decision) -> list[dict]:
    changes: dict = {c.to_stage: c for c in decision.stage_changes.all()}
    # The first stage begins when the catalogue is published.
    catalogue = decision.catalogue
    changes.setdefault(Stage.CATALOGUE, {"at": catalogue.published_at, "public_actor": catalogue.organisation.name})
    current = decision.stage_index
    steps = []
    for index, value in enumerate(STAGE_ORDER):
        state = "done" if index < current else "current" if index == current else "todo"
        steps.append({"label": Stage(value).label, "state": state, "change": changes.get(value)})
    return steps


def _decision_context(request: HttpRequest, decision: Decision, form: OpinionForm | None = None, **extra) -> dict:
    today = timezone.localdate()
    report = getattr(decision, "feedback_report", None)
    counts = decision.opinions.values("channel").annotate(n=Count("id")).order_by("channel")
    channel_labels = dict(Opinion.Channel.choices)
    state = decision.comment_state(today)
    result = decision.result_document
    return {
        "nav": "decisions",
        "today": today,
        "decision": decision,
        "timeline": _timeline(decision),
        "articles": decision.articles.all() if decision.draft_is_public else [],
        "comment_state": state,
        "form": form if form is not None else (OpinionForm(decision=decision) if state == "open" else None),
        "opinion_counts": [(channel_labels.get(c["channel"], c["channel"]), c["n"]) for c in counts],
        "opinion_total": sum(c["n"] for c in counts),
        "activities": decision.activities.all(),
        "materials": decision.materials.filter(disclosed=True),
        "material_kinds": DecisionMaterial.Kind,
        "meetings": decision.meetings.prefetch_related("representatives"),
        "report": report if report and report.is_published else None,
        "feedback_state": decision.feedback_state(today),
        "result_document": result if result and PolicyDocument.objects.public().filter(pk=result.pk).exists() else None,
        "receipt": _receipt(request, decision),
        **extra,
    }


def _receipt(request: HttpRequest, decision: Decision) -> Opinion | None:
    """The opinion just submitted, named by the signed token the comment view redirected with."""
    token = request.GET.get("receipt", "")
    if not token:
        return None
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        return None
    return decision.opinions.filter(pk=pk).only("id", "submitted_at", "decision_id").first()


@require_safe
def decision_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    decision = _public_decision(year, pk)
    return render(request, "decisions/decision_detail.html", _decision_context(request, decision))


@require_POST
def decision_comment(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    decision = _public_decision(year, pk)
    form = OpinionForm(request.POST, decision=decision)
    if not decision.is_open_for_comment():
        # Keep what was typed, say why, store nothing: the window is the law's, not ours.
        context = _decision_context(request, decision, form=form, closed_error=True)
        return render(request, "decisions/decision_detail.html", context, status=400)
    if _rate_limited(request, "decisions:comment"):
        error = RATE_LIMITED.format(rate=settings.DECISIONS_SUBMIT_RATE.split("/")[0])
        context = _decision_context(request, decision, form=form, form_error=error)
        return render(request, "decisions/decision_detail.html", context, status=429)
    if not form.is_valid():
        return render(
            request, "decisions/decision_detail.html", _decision_context(request, decision, form=form), status=400
        )
    data = form.cleaned_data
    try:
        opinion = services.opinion_submit(
            decision=decision,
            body=data["body"],
            author_name=data["author_name"],
            submitter_type=data["submitter_type"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            article=data.get("article"),
        )
    except services.CommentClosed:
        context = _decision_context(request, decision, form=form, closed_error=True)
        return render(request, "decisions/decision_detail.html", context, status=400)
    token = signing.dumps(opinion.pk, salt=RECEIPT_SALT)
    return redirect(reverse("decisions:detail", args=[year, pk]) + f"?receipt={token}#receipt")


@require_safe
def representatives(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    calls = RepresentativeCall.objects.select_related("organisation", "decision__catalogue")
    meetings = (
        RepresentativeMeeting.objects.filter(Q(decision__isnull=True) | Q(decision__in=Decision.objects.public()))
        .select_related("organisation", "decision__catalogue")
        .prefetch_related("representatives")[:20]
    )
    context = {
        "nav": "decisions",
        "open_calls": [c for c in calls.filter(closes_on__gte=today)],
        "meetings": meetings,
        "today": today,
    }
    return render(request, "decisions/representatives.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def representative_apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(RepresentativeCall.objects.select_related("organisation"), pk=pk)
    today = timezone.localdate()
    context = {"nav": "decisions", "call": call, "today": today, "open": call.is_open(today)}
    if request.method != "POST":
        context["form"] = RepresentativeApplicationForm(call=call) if context["open"] else None
        context["sent"] = request.GET.get("sent") == "1"
        return render(request, "decisions/representative_apply.html", context)
    form = RepresentativeApplicationForm(request.POST, call=call)
    context["form"] = form
    if not context["open"]:
        context["form_error"] = "本次征集的报名时间已结束（或尚未开始），不能报名。"
        return render(request, "decisions/representative_apply.html", context, status=400)
    if _rate_limited(request, "decisions:apply"):
        context["form_error"] = RATE_LIMITED.format(rate=settings.DECISIONS_SUBMIT_RATE.split("/")[0])
        return render(request, "decisions/representative_apply.html", context, status=429)
    if not form.is_valid():
        return render(request, "decisions/representative_apply.html", context, status=400)
    form.instance.call = call
    form.save()
    return redirect(reverse("decisions:representative_apply", args=[pk]) + "?sent=1")


@require_safe
@access.staff_required
def staff_representatives(request: HttpRequest) -> HttpResponse:
    """Each unit's meetings with public representatives this year, against "at least once" (item 13)."""
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if len(raw) == 4 and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year
    units = (
        access.scope(Organisation.objects.all(), request.user, field="pk")
        .annotate(
            meetings=Count(
                "representative_meetings",
                filter=Q(
                    representative_meetings__held_on__year=year, representative_meetings__representatives__isnull=False
                ),
                distinct=True,
            )
        )
        .order_by("order", "id")
    )
    rows = [{"organisation": u, "count": u.meetings, "met": u.meetings >= 1} for u in units]
    context = {
        "nav": "decisions",
        "year": year,
        "rows": rows,
        "bad_year": bool(raw) and str(year) != raw,
        "raw_year": raw[:10],
        "met_count": sum(1 for r in rows if r["met"]),
        "overdue_feedback": permissions.visible_decisions(
            request.user, Decision.objects.feedback_overdue(today)
        ).for_listing(),
        "town_wide": access.is_town_wide(request.user),
    }
    return render(request, "decisions/staff_representatives.html", context)
