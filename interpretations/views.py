"""Public pages of the interpretations, their pictures and videos, and the staff compliance page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from documents.models import CatalogTag
from organisations import access
from organisations.models import Organisation

from . import selectors, uploads
from .filters import InterpretationFilter
from .models import Form, Interpretation, InterpretationImage

PAGE_SIZE = 20


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 7 else 1


@require_safe
def interpretation_list(request: HttpRequest) -> HttpResponse:
    filterset = InterpretationFilter(request.GET, queryset=selectors.public_interpretations())
    queryset = filterset.filter_valid()
    messages = []
    if filterset.form.errors:
        names = "、".join(str(filterset.filters[n].label) for n in filterset.form.errors if n in filterset.filters)
        messages.append(f"筛选条件“{names}”的值无效或不存在，已忽略该条件。请从列表中重新选择。")
    page = Paginator(queryset, PAGE_SIZE).get_page(_page_number(request))
    state = {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "")}
    context = {
        "nav": "interpretations",
        "page_obj": page,
        "messages_list": messages,
        "selected": {name: getattr(value, "slug", value) for name, value in state.items()},
        "tags": CatalogTag.objects.select_related("dimension").order_by("dimension__order", "order", "id"),
        "organisations": Organisation.objects.order_by("order", "id"),
        "forms": Form.choices,
    }
    return render(request, "interpretations/interpretation_list.html", context)


@require_safe
def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interpretation = get_object_or_404(
        Interpretation.objects.visible_to(request.user).select_related(
            "document__organisation", "organisation", "follow_up_of"
        ),
        pk=pk,
    )
    visible = Interpretation.objects.visible_to(request.user)
    context = {
        "nav": "interpretations",
        "interpretation": interpretation,
        "document": interpretation.document,
        "sections": interpretation.filled_sections(),
        "images": list(interpretation.images.all()),
        "questions": list(interpretation.questions.all()),
        "follow_ups": list(visible.filter(follow_up_of=interpretation).order_by("-published_at", "-id")),
        "original": visible.filter(pk=interpretation.follow_up_of_id).first() if interpretation.is_follow_up else None,
    }
    return render(request, "interpretations/interpretation_detail.html", context)


def _inline_file(field_file, content_type: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件不存在。") from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def image_file(request: HttpRequest, pk: int, image_id: int) -> FileResponse:
    image = get_object_or_404(
        InterpretationImage,
        pk=image_id,
        interpretation_id=pk,
        interpretation__in=Interpretation.objects.visible_to(request.user).values("pk"),
    )
    return _inline_file(image.image, uploads.IMAGE_CONTENT_TYPES.get(image.image_type, "application/octet-stream"))


@require_safe
def video_file(request: HttpRequest, pk: int) -> FileResponse:
    interpretation = get_object_or_404(Interpretation.objects.visible_to(request.user).exclude(video=""), pk=pk)
    content_type = uploads.VIDEO_CONTENT_TYPES.get(interpretation.video_type, "application/octet-stream")
    return _inline_file(interpretation.video, content_type)


@access.staff_required
def compliance(request: HttpRequest) -> HttpResponse:
    """Staff only: documents published without their interpretation, or with a late one."""
    gaps = selectors.compliance_gaps()
    context = {
        "nav": "interpretations",
        "gaps": gaps,
        "missing_count": sum(1 for g in gaps if g.missing),
        "late_count": sum(1 for g in gaps if not g.missing),
    }
    response = render(request, "interpretations/compliance.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
