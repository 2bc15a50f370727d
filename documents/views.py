"""Public pages of the document library."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organisations.models import Organisation
from xujing_portal import paging
from xujing_portal.pagecache import cache_public_page

from . import catalogue_items, feeds, selectors
from .attachments import download_response
from .filters import PolicyDocumentFilter
from .models import Attachment, CatalogTag, PolicyDocument

PAGE_SIZE = 20
HOME_LIST_SIZE = 8
MAX_SHOWN_VALUE = 30


def _shown(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= MAX_SHOWN_VALUE else value[:MAX_SHOWN_VALUE] + "…"


def _paginate(request: HttpRequest, queryset: QuerySet, *, count: int | None = None) -> tuple[Page, list[str]]:
    """The requested page; a malformed or out-of-range number shows the nearest page with a message."""
    paginator = Paginator(queryset, PAGE_SIZE, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count  # already known from the facet query: saves a COUNT(*)
    raw = request.GET.get("page", "1").replace("\x00", "").strip() or "1"
    messages: list[str] = []
    number = 1
    if not raw.isascii() or not raw.isdigit() or int(raw[:18]) < 1:
        messages.append(f"页码“{_shown(raw)}”无效，已为您显示第 1 页。")
    elif len(raw) > 18 or int(raw) > paginator.num_pages:
        messages.append(f"共 {paginator.num_pages} 页，没有第 {_shown(raw)} 页，已为您显示最后一页。")
        number = paginator.num_pages
    else:
        number = int(raw)
    return paging.defer_if_deep(paginator.page(number)), messages


def _listing(queryset: QuerySet) -> QuerySet:
    return queryset.for_listing()


@require_safe
def outside_audience(request: HttpRequest, *, document_pk: int) -> HttpResponse:
    """The answer for a document this visitor may not read.

    A published targeted document: 403 with a sign-in link back to it (anonymous), or
    "your account is not among the targeted parties" (signed in). Naming nothing of the
    document, since the visitor is outside its audience. Anything else: 404.
    """
    if not PolicyDocument.objects.published().targeted().filter(pk=document_pk).exists():
        raise Http404("没有这个文件，或该文件尚未公开。")
    document_url = reverse("documents:detail", args=[document_pk])
    login_url = f"{reverse('accounts:login')}?{urlencode({'next': document_url})}"
    return render(request, "documents/targeted_document.html", {"login_url": login_url}, status=403)


@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    public = PolicyDocument.objects.public()
    context = {
        "nav": "home",
        "today": today,
        # Both lists read the newest rows down the (status, published_at) index.
        "latest": _listing(public)[:HOME_LIST_SIZE],
        "normative": _listing(public.normative().currently_valid(today))[:HOME_LIST_SIZE],
        # Counted from the cached aggregate (exact; documents.aggregates), not the corpus.
        "tag_groups": selectors.public_tag_catalogue(today),
    }
    return render(request, "documents/home.html", context)


def _filter_messages(filterset: PolicyDocumentFilter) -> list[str]:
    messages = []
    for name in filterset.form.errors:
        if name not in filterset.filters:
            continue
        label = filterset.filters[name].label
        raw = _shown(str(filterset.form.data.get(name, "")))
        messages.append(f"筛选条件“{label}”的值“{raw}”无效或不存在，已忽略该条件。请从筛选列表中重新选择。")
    return messages


def _filter_state(filterset: PolicyDocumentFilter) -> dict[str, str]:
    """The valid filters as query-string values: the list's state held in the URL."""
    state: dict[str, str] = {}
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, ""):
            continue
        state[name] = getattr(value, "slug", None) or str(value)
    return state


def _active_filters(search: selectors.DocumentSearch, state: dict[str, str]) -> list[dict]:
    active = []
    for facet in search.facets:
        for option in facet.options:
            if option.active and state.get(facet.name) == option.value:
                active.append({"name": facet.name, "facet": facet.label, "label": option.label})
    return active


def _sees_targeted(request: HttpRequest) -> bool:
    """Whether this visitor's lists hold more than the public documents (item 19)."""
    if not request.user.is_authenticated:
        return False
    return PolicyDocument.objects.visible_to(request.user).targeted().exists()


@require_safe
@cache_public_page
def document_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filterset = PolicyDocumentFilter(request.GET, queryset=PolicyDocument.objects.none())
    filterset.is_valid()
    messages = _filter_messages(filterset)
    search = selectors.filtered_documents(
        queryset=PolicyDocument.objects.visible_to(request.user),
        filterset=filterset,
        today=today,
        public=not _sees_targeted(request),
    )
    page, page_messages = _paginate(request, _listing(search.queryset), count=search.total)
    state = _filter_state(filterset)
    context = {
        "nav": "documents",
        "today": today,
        "page_obj": page,
        "total": search.total,
        "facets": search.facets,
        "state": state,
        "active_filters": _active_filters(search, state),
        "messages_list": messages + page_messages,
        "canonical_query": urlencode(sorted(state.items())),
        "feed_links": feeds.feed_links(
            tag=filterset.form.cleaned_data.get("tag"), organisation=filterset.form.cleaned_data.get("organisation")
        ),
    }
    return render(request, "documents/document_list.html", context)


@require_safe
@cache_public_page
def normative_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    documents = PolicyDocument.objects.public().normative().currently_valid(today)
    page, messages = _paginate(request, _listing(documents))
    context = {"nav": "normative", "today": today, "page_obj": page, "messages_list": messages}
    return render(request, "documents/normative_list.html", context)


@require_safe
@cache_control(no_cache=True)  # stored, but revalidated: the ETag answers 304 (xujing_portal.compression)
@cache_public_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    public = PolicyDocument.objects.public()
    documents = (
        PolicyDocument.objects.visible_to(request.user)
        .select_related("issuing_organisation", "catalogue_item__parent")
        .prefetch_related(
            "attachments",
            Prefetch("replaces", queryset=public, to_attr="public_replaces"),
            Prefetch("replaced_by", queryset=public, to_attr="public_replaced_by"),
        )
    )
    document = documents.filter(pk=pk).first()
    if document is None:
        return outside_audience(request, document_pk=pk)  # 403 naming nothing if targeted, else 404
    today = timezone.localdate()
    validity = document.current_validity(today)
    context = {
        "document": document,
        "today": today,
        "validity": validity,
        "newer": document.public_replaced_by,
        "older": document.public_replaces,
        "tags": list(
            CatalogTag.objects.filter(tagged_documents__content_object=document)
            .select_related("dimension")
            .order_by("dimension__order", "dimension_id", "order", "id")
        ),
        "attachments": list(document.attachments.all()),
    }
    return render(request, "documents/document_detail.html", context)


@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    attachments = Attachment.objects.filter(pk=attachment_id, document_id=pk)
    attachment = attachments.filter(document__in=PolicyDocument.objects.visible_to(request.user).values("pk")).first()
    if attachment is None:
        if not attachments.exists():
            raise Http404("没有这个附件。")
        return outside_audience(request, document_pk=pk)  # 403 naming nothing if targeted, else 404
    return download_response(attachment, cache_control="private, no-cache")


@require_safe
@cache_public_page
def catalogue(request: HttpRequest) -> HttpResponse:
    public = PolicyDocument.objects.public()
    roots, _ = selectors.catalogue_tree(public)
    context = {
        "nav": "catalogue",
        "roots": roots,
        "organisation_groups": selectors.organisations_with_counts(public),
    }
    return render(request, "documents/catalogue.html", context)


@require_safe
@cache_public_page
def catalogue_item(request: HttpRequest, code: str) -> HttpResponse:
    public = PolicyDocument.objects.public()
    today = timezone.localdate()
    roots, nodes = selectors.catalogue_tree(public, today)
    node = next((n for n in nodes.values() if n.item.code == code), None)
    if node is None:
        raise Http404("没有这个公开目录。")
    listing = selectors.CatalogueListing(node, public, today)
    page, messages = _paginate(request, listing, count=node.total)
    context = {
        "nav": "catalogue",
        "today": today,
        "node": node,
        "standard": catalogue_items.standard_of(node.item),
        "last_updated": listing.newest_day(),
        "ancestors": selectors.catalogue_ancestors(node, nodes),
        "page_obj": page,
        "messages_list": messages,
    }
    return render(request, "documents/catalogue_item.html", context)


@require_safe
@cache_public_page
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Organisation, slug=slug)
    documents = PolicyDocument.objects.public().filter(issuing_organisation=body)
    page, messages = _paginate(request, _listing(documents))
    context = {
        "nav": "catalogue",
        "organisation": body,
        "is_grassroots": body.kind in selectors.GRASSROOTS_KINDS,
        "feed_links": feeds.feed_links(organisation=body),
        "page_obj": page,
        "messages_list": messages,
    }
    return render(request, "documents/organisation.html", context)


@require_safe
def subscribe(request: HttpRequest) -> HttpResponse:
    """订阅: what a feed is and every feed of the portal (all documents, per tag, per issuing
    organisation, interpretations, decisions), with addresses to copy into a reader."""
    context = {
        "nav": "subscribe",
        "base_url": request.build_absolute_uri("/").rstrip("/"),
        "tag_groups": selectors.tags_by_dimension(),
        "organisation_groups": selectors.organisation_groups(),
    }
    return render(request, "documents/subscribe.html", context)
