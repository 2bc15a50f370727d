"""Public pages of the message board and the staff pages (clusters, statistics)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

import privacy
from documents.models import PolicyDocument, Topic
from organisations import access
from search import backends
from search import text as search_text
from search.models import Kind
from xujing_portal import pagecache

from . import clustering, masking, permissions, policies, services, statistics
from .forms import AskForm, RatingForm, ResendCodeForm, TrackForm, new_form_token
from .models import FAQ, Channel, Message

PAGE_SIZE = 20
MAX_QUERY = 50
SESSION_RECEIPT = "consultations.receipt"
SESSION_TRACKED = "consultations.tracked"
FAQ_SEARCH_LIMIT = 50
# New query codes: per address, and per message whatever the address (no mail bombing).
RESEND_RATE = getattr(settings, "CONSULTATION_RESEND_RATE", "5/h")
RESEND_PER_MESSAGE_RATE = getattr(settings, "CONSULTATION_RESEND_PER_MESSAGE_RATE", "3/d")


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]


def _topic(request: HttpRequest) -> str:
    topic = request.GET.get("topic", "")
    return topic if topic in Topic.values else ""


def _limited(request: HttpRequest, group: str, rate: str, key: str = "ip") -> bool:
    """Count this request against the limit (django-ratelimit on the shared cache), per address by default."""
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


# --- The board: FAQs and the question form --------------------------------------------


def _faq_groups(q: str) -> list[tuple[str, list[FAQ]]]:
    """Published FAQs grouped by topic, the most-asked topics first; with `q`, those the
    site search finds for it (its matching, everyday wording and topic words included)."""
    cited = Prefetch("related_policies", queryset=PolicyDocument.objects.public().order_by("pk"))
    faqs = FAQ.objects.published().most_asked_first().prefetch_related(cited)
    if q:
        faqs = faqs.filter(pk__in=_faq_search(q))
    groups: dict[str, list[FAQ]] = {}
    for faq in faqs:
        groups.setdefault(faq.topic_label, []).append(faq)
    return sorted(groups.items(), key=lambda kv: -sum(f.asked_count for f in kv[1]))


def _faq_search(q: str) -> list[int]:
    result = backends.search(
        backends.SearchRequest(
            query=search_text.parse_query(q), filters=backends.Filters(kind=Kind.FAQ), per_page=FAQ_SEARCH_LIMIT
        )
    )
    return [hit.entry.object_id for hit in result.hits]


def _board(request: HttpRequest, form: AskForm, *, status: int = 200, notice: str = "") -> HttpResponse:
    q = _query(request)
    context = {
        "nav": "consultations",
        "form": form.for_display(),
        "faq_groups": _faq_groups(q),
        "q": q,
        "notice": notice,
        "recent": Message.objects.published().order_by("-published_at")[:5],
    }
    return render(request, "consultations/board.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def board(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return pagecache.serve(request, _fresh_board)
    form = AskForm(request.POST)
    if _limited(request, "consultations.ask", settings.CONSULTATION_ASK_RATE):
        form.is_valid()
        return _board(
            request,
            _with_fresh_token(form),
            status=429,
            notice="您提交得太频繁了，请稍后（约一小时后）再试。您填写的内容已保留。",
        )
    if not form.is_valid():
        return _board(request, _with_fresh_token(form), status=400)
    receipt = services.message_register(message=form.to_message(), submission_key=form.nonce)
    if receipt.query_code:
        request.session[SESSION_RECEIPT] = {
            "tracking_number": receipt.message.tracking_number,
            "query_code": receipt.query_code,
        }
    return redirect("consultations:submitted")


def _fresh_board(request: HttpRequest) -> HttpResponse:
    """The board with an empty form. Kept for anonymous visitors (xujing_portal.pagecache);
    the form's one-time token is each visitor's own."""
    token = pagecache.per_visitor(request, new_form_token(), "consultations.forms.new_form_token")
    return _board(request, AskForm(initial={"form_token": token}))


def _with_fresh_token(form: AskForm) -> AskForm:
    """The bound form (what was typed, its errors) with a new token when the old one was refused.

    A valid token is kept, so a corrected resubmission still counts as the same submission.
    """
    if "form_token" in form.errors or not form.data.get("form_token"):
        data = form.data.copy()
        data["form_token"] = new_form_token()
        form.data = data
    return form


def _receipt(request: HttpRequest) -> tuple[dict, Message | None]:
    receipt = request.session.get(SESSION_RECEIPT) or {}
    number = receipt.get("tracking_number", "")
    message = Message.objects.filter(tracking_number=number).first() if number else None
    return receipt, message


@require_safe
@never_cache  # it shows the query code
def submitted(request: HttpRequest) -> HttpResponse:
    receipt, message = _receipt(request)
    if message is None:
        return redirect("consultations:track")
    context = {
        "nav": "consultations",
        "receipt": receipt,
        "message": message,
        "masked_email": privacy.mask(message.email) if message.email else "",
        "track_url": settings.SITE_URL + reverse("consultations:track"),
    }
    return render(request, "consultations/submitted.html", context)


@require_safe
@never_cache
def receipt_text(request: HttpRequest) -> HttpResponse:
    """The receipt as a text file to keep (no JavaScript or printer needed)."""
    receipt, message = _receipt(request)
    if message is None:
        return redirect("consultations:track")
    lines = [
        "徐泾镇政策咨询留言回执",
        "",
        f"留言标题：{message.title}",
        f"提交日期：{message.received_on:%Y-%m-%d}",
        f"查询号：{receipt['tracking_number']}",
        f"查询码：{receipt['query_code']}",
        f"承诺答复日期：{message.promised_answer_label}",
        f"查询地址：{settings.SITE_URL}{reverse('consultations:track')}",
        "",
        "请妥善保管查询码，不要告诉他人。"
        + (
            "如遗失，可在查询页面申请把新的查询码发送到留言时填写的电子邮箱。"
            if message.email
            else "您没有留下电子邮箱，查询码遗失后无法补发，请保存好本回执。"
        ),
    ]
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="receipt-{message.tracking_number}.txt"'
    return response


# --- Tracking and rating ------------------------------------------------------------


def _tracked(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_TRACKED, []))


@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    context: dict = {"nav": "consultations"}
    status = 200
    message = None
    if request.method == "POST":
        form = TrackForm(request.POST)
        if _limited(request, "consultations.track", settings.CONSULTATION_TRACK_RATE):
            form.is_valid()
            context["notice"] = "查询次数过多，请一小时后再试。"
            status = 429
        elif form.is_valid():
            number, code = form.cleaned_data["tracking_number"], form.cleaned_data["query_code"]
            found = Message.objects.filter(tracking_number=number).first()
            if found is not None and services.query_code_matches(found, code):
                tracked = [n for n in _tracked(request) if n != number][-9:] + [number]
                request.session[SESSION_TRACKED] = tracked
                return redirect(f"{reverse('consultations:track')}?n={number}")
            # Same words whether or not the number exists: no hint for guessing.
            form.add_error(None, "查询号或查询码不正确，请核对后重新输入。")
            status = 400
        else:
            status = 400
    else:
        number = request.GET.get("n", "")
        if number and number in _tracked(request):
            message = Message.objects.select_related("organisation").filter(tracking_number=number).first()
        form = TrackForm(initial={"tracking_number": number} if number else None)
    receipt = request.session.get(SESSION_RECEIPT) or {}
    if message is None and not form.is_bound and receipt:
        form = TrackForm(initial={"tracking_number": receipt.get("tracking_number", "")})
    context.update(form=form, message=message, rating_form=RatingForm(), just_rated=bool(request.GET.get("rated")))
    return render(request, "consultations/track.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def resend_code(request: HttpRequest) -> HttpResponse:
    """A new query code to the e-mail address stored on the message. The page says the
    same whether or not the number exists or the address matches: no oracle."""
    context: dict = {"nav": "consultations"}
    status = 200
    if request.method != "POST":
        form = ResendCodeForm(initial={"tracking_number": request.GET.get("n", "")[:40]})
    else:
        form = ResendCodeForm(request.POST)
        per_address = _limited(request, "consultations.resend", RESEND_RATE)
        per_message = _limited(
            request, "consultations.resend-message", RESEND_PER_MESSAGE_RATE, key="post:tracking_number"
        )
        if per_address or per_message:
            form.is_valid()
            context["notice"] = "申请次数过多，请稍后（约一小时后）再试。"
            status = 429
        elif form.is_valid():
            services.message_reset_query_code(
                tracking_number=form.cleaned_data["tracking_number"], email=form.cleaned_data["email"]
            )
            context["sent"] = True
            form = ResendCodeForm(initial={"tracking_number": form.cleaned_data["tracking_number"]})
        else:
            status = 400
    context["form"] = form
    return render(request, "consultations/resend_code.html", context, status=status)


@require_http_methods(["POST"])
def rate(request: HttpRequest, number: str) -> HttpResponse:
    if number not in _tracked(request):
        raise PermissionDenied("请先用查询号和查询码查询留言，再进行评价。")
    message = get_object_or_404(Message, tracking_number=number)
    form = RatingForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.message_rate(
                message=message, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except services.ConsultationError as exc:
            error = str(exc)
        else:
            return redirect(f"{reverse('consultations:track')}?n={number}&rated=1")
    context = {"nav": "consultations", "form": TrackForm(), "message": message, "rating_form": form, "notice": error}
    return render(request, "consultations/track.html", context, status=400)


# --- Finding a related policy (the ask form's search-as-you-type field) ----------------------


@require_safe
@cache_control(public=True, max_age=300)
def policy_options(request: HttpRequest) -> JsonResponse:
    """Up to ten public policies matching `q` (name or document number), each with its validity."""
    found = policies.find(request.GET.get("q", ""))
    return JsonResponse({"results": [option.as_json() for option in found]})


# --- Published messages (留言选登) ------------------------------------------------------


@require_safe
@pagecache.cache_public_page
def published_list(request: HttpRequest) -> HttpResponse:
    q, topic = _query(request), _topic(request)
    messages = Message.objects.published().order_by("-published_at", "-id")
    if topic:
        messages = messages.filter(topic=topic)
    if q:
        messages = messages.search(q)
    page = Paginator(messages, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "consultations",
        "page_obj": page,
        "q": q,
        "topic": topic,
        "topics": Topic.choices,
        "total": page.paginator.count,
    }
    return render(request, "consultations/published_list.html", context)


@require_safe
@pagecache.cache_public_page
def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message.objects.published().select_related("organisation"), pk=pk)
    # Only a policy anyone may read is linked (not a targeted or withdrawn one).
    related_policy = PolicyDocument.objects.public().filter(pk=message.related_policy_id).first()
    context = {"nav": "consultations", "message": message, "related_policy": related_policy}
    return render(request, "consultations/published_detail.html", context)


# --- The knowledge base as CSV -------------------------------------------------------------


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: formulas (=, +, -, @, tab, CR) neutralised."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


@require_safe
def faq_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="xujing-faq.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a BOM
    writer = csv.writer(response)
    writer.writerow(["编号", "主题", "问题", "解答", "被问次数", "相关政策", "相关政策发文字号", "更新时间"])
    labels = dict(Topic.choices)
    cited = Prefetch("related_policies", queryset=PolicyDocument.objects.public().order_by("pk"))
    for faq in FAQ.objects.published().most_asked_first().prefetch_related(cited):
        policies = list(faq.related_policies.all())  # only the public ones (the prefetch)
        row = [
            faq.pk,
            labels.get(faq.topic, faq.topic),
            faq.public_question,
            faq.public_answer,
            faq.asked_count,
            "；".join(p.title for p in policies),
            "；".join(p.doc_number for p in policies if p.doc_number),
            timezone.localtime(faq.updated_at).strftime("%Y-%m-%d %H:%M"),
        ]
        writer.writerow([csv_cell(v) for v in row])
    return response


# --- Staff pages ------------------------------------------------------------------------


def statistics_required(view: Callable) -> Callable:
    """The message board's staff pages: staff (organisations.access) holding the statistics permission."""

    @wraps(view)
    @access.staff_required
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not permissions.can_view_statistics(request.user):
            raise PermissionDenied("只有具有留言统计权限的工作人员可以查看此页面。")
        return view(request, *args, **kwargs)

    return wrapped


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, list[str]]:
    today = timezone.localdate()
    errors = []
    start, end = today - dt.timedelta(days=90), today
    for name in ("start", "end"):
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            errors.append(f"日期“{raw[:20]}”无效，请使用 年-月-日 格式（如 2026-01-31）。")
            continue
        if name == "start":
            start = value
        else:
            end = value
    if start > end:
        errors.append("开始日期晚于结束日期，已交换两者。")
        start, end = end, start
    return start, end, errors


@require_safe
@statistics_required
def clusters(request: HttpRequest) -> HttpResponse:
    start, end, errors = _period(request)
    try:
        min_size = max(1, min(int(request.GET.get("min_size", "2")), 1000))
    except ValueError:
        min_size = 2
        errors.append("最小规模须为整数，已按 2 计算。")
    found = clustering.cluster(clustering.period_items(start, end), min_size=min_size)[:50]
    policy_ids = {pk for c in found for pk in c.policy_ids}
    documents = PolicyDocument.objects.in_bulk(policy_ids)
    rows = []
    for c in found:
        samples = [_masked(item.text, item) for item in c.samples]
        answers = [_masked(item.answer, item, answer=True) for item in c.best_answers]
        rows.append(
            {
                "cluster": c,
                "keywords": _public_keywords(c),
                "samples": samples,
                "answers": answers,
                "topic_label": dict(Topic.choices).get(c.topic, ""),
                "channels": [(dict(Channel.choices).get(key, key), n) for key, n in c.channels],
                "policies": [documents[pk] for pk in c.policy_ids if pk in documents],
                "faq_url": _faq_add_url(c, samples, answers),
                "interpretation_url": _interpretation_add_url(c, samples),
            }
        )
    context = {
        "nav": "consultations",
        "rows": rows,
        "start": start,
        "end": end,
        "min_size": min_size,
        "errors": errors,
    }
    return render(request, "consultations/staff_clusters.html", context)


def _masked(text: str, item: clustering.Item, *, answer: bool = False) -> str:
    """A question or answer as staff pages show it: the asker's name, phone, e-mail and
    address hidden as in 留言选登 (an FAQ drafted from it starts clean)."""
    return masking.mask_text(text, names=item.names, private=item.private, landlines=not answer)


def _public_keywords(c: clustering.Cluster) -> list[str]:
    """The cluster's keywords without any that is an asker's name or contact detail."""
    names = [n for item in c.items for n in item.names]
    private = [p for item in c.items for p in item.private]
    return [w for w in c.keywords if masking.mask_text(w, names=names, private=private) == w]


def _faq_add_url(c: clustering.Cluster, samples: list[str], answers: list[str]) -> str:
    params = {
        "question": samples[0].split("。", 1)[0][:300] if samples else "",
        "answer": answers[0][:5000] if answers else "",
        "topic": c.topic,
        "asked_count": c.size,
        "related_policies": ",".join(str(pk) for pk in c.policy_ids),
    }
    return reverse("admin:consultations_faq_add") + "?" + urlencode(params)


def _interpretation_add_url(c: clustering.Cluster, samples: list[str]) -> str:
    """A follow-up interpretation of the cluster's main policy, prompted by its questions (item 4)."""
    if not c.policy_ids:
        return ""
    try:
        base = reverse("admin:interpretations_interpretation_add")
    except NoReverseMatch:  # the interpretations app registers no admin in this checkout
        return ""
    question = samples[0][:500] if samples else ""
    return base + "?" + urlencode({"document": c.policy_ids[0], "prompting_question": question})


@require_safe
@statistics_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    start, end, errors = _period(request)
    context = {"nav": "consultations", "start": start, "end": end, "errors": errors}
    context.update(statistics.summary(start, end))
    return render(request, "consultations/staff_statistics.html", context)
