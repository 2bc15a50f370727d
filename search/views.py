from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from documents import feeds
from documents.filters import clean_query_data

from . import backends, facets
from . import text as search_text
from .forms import SearchForm

_NO_FILTERS = backends.Filters()


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(clean_query_data(request.GET))
    data = form.valid_data()
    filters = backends.Filters(**{name: data[name] for name in SearchForm.FILTERS if name in data})
    query = search_text.parse_query(data.get("q", ""))
    backend = backends.get_backend()
    result = backend.search(backends.SearchRequest(query=query, filters=filters, page=data.get("page", 1)))
    state = _state(data)
    context = {
        "nav": "search",
        "today": timezone.localdate(),
        "q": data.get("q", "")[: search_text.MAX_QUERY_CHARS * 2],
        "result": result,
        "state": state,
        "facets": facets.facets(result, filters),
        "active_filters": _active_filters(form, data, filters, state),
        "messages_list": form.ignored() + _query_messages(query, result),
        "page_numbers": _page_numbers(result.page, result.pages),
        "canonical_query": urlencode(sorted(state.items())),
        "clear_url": "?" + urlencode({"q": state["q"]}) if state.get("q") else "",
        "first_number": (result.page - 1) * result.request.per_page + 1,
        "feed_links": feeds.feed_links(tag=data.get("tag"), organisation=data.get("organisation")),
    }
    if result.total == 0:
        context["excluding_filters"] = _excluding_filters(backend, query, filters, state)
        context["related_tags"] = facets.related_tags([p.text for p in query.phrases] + list(query.words))
    return render(request, "search/search.html", context)


def _state(data: dict) -> dict[str, str]:
    """What the URL holds, as strings (model choices by slug)."""
    state = {}
    for name, value in data.items():
        if name == "page":
            continue
        state[name] = getattr(value, "slug", None) or str(value)
    return state


def _active_filters(form: SearchForm, data: dict, filters: backends.Filters, state: dict) -> list[dict]:
    labels = dict(filters.active())
    return [
        {"name": name, "facet": form.fields[name].label, "label": labels.get(name, state[name])}
        for name in SearchForm.FILTERS
        if name in data
    ]


def _query_messages(query: search_text.ParsedQuery, result: backends.SearchResult) -> list[str]:
    messages = []
    if query.truncated:
        messages.append(f"搜索词太长，只按前 {search_text.MAX_QUERY_CHARS} 个字搜索。")
    if query.raw.strip() and query.is_empty:
        messages.append("搜索词中没有可以检索的汉字、字母或数字，下面列出全部文件。请换一个搜索词试试。")
    if result.query.expansions:
        messages.append("已同时搜索：" + "、".join(result.query.expansions))
    if result.query.relaxed:
        words = "”“".join(p.text for p in result.query.phrases)
        if result.query.any_word:
            messages.append(
                f"没有找到与“{query.text}”完全一致的内容，也没有同时包含“{words}”的内容。"
                "下面的结果只包含其中部分词，包含的词越多越靠前，每条结果注明了它不含的词。"
            )
        else:
            messages.append(f"没有找到与“{query.text}”完全一致的内容，下面是包含这些词（“{words}”）的结果。")
    return messages


def _excluding_filters(
    backend: backends.SearchBackend, query: search_text.ParsedQuery, filters: backends.Filters, state: dict
) -> list[dict]:
    """For each filter in force: how many results there would be without it."""
    out = []
    for name, label in filters.active():
        count = backend.count(query, dataclasses.replace(filters, **{name: getattr(_NO_FILTERS, name)}))
        if count:
            without = {k: v for k, v in state.items() if k != name}
            out.append({"label": label, "count": count, "url": "?" + urlencode(without)})
    return out


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """Page numbers around the current one, None for a gap."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out
