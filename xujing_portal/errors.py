"""The site's error pages (handler400…500 in urls.py, CSRF_FAILURE_VIEW): Chinese pages,
not Django's English ones. The templates are the site's 400.html, 403.html, 404.html and
500.html."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
logger = logging.getLogger(__name__)
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement ended by statement_timeout
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        context = {
            "message": "提交的内容太多或太大，系统无法接收。请删减后重新提交；附件请在表单的附件栏上传，不要粘贴到文字框中。"
        }
        return render(request, "400.html", context, status=413)
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The reason a portal check gave (an access.Denial's Chinese message says what to do
    next); any other refusal, Django's or a library's, gets the general text."""
    reason = str(exception or "")
    return render(request, "403.html", {"message": reason if _CHINESE.search(reason) else ""}, status=403)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: Django's own page is English and lists its settings."""
    context = {
        "message": "页面已过期或浏览器未允许保存 Cookie，提交未能完成。请返回上一页，刷新后重新提交；"
        "您填写的内容如未保存，请先复制留存。"
    }
    return render(request, "403.html", context, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke (the database, a context processor) must not break this page.
    return HttpResponseServerError(loader.get_template("500.html").render())


def statement_timed_out(exception: BaseException) -> bool:
    """Whether PostgreSQL ended the statement at settings.DB_STATEMENT_TIMEOUT_MS."""
    cause = exception.__cause__ if isinstance(exception, OperationalError) else None
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED or getattr(cause, "pgcode", None) == QUERY_CANCELED


def service_busy(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: the page took too long this time; nothing was wrong with the request."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseTimeoutMiddleware:
    """A view (or its template) whose SQL ran past the statement timeout answers 503 in
    Chinese and is logged as a warning with its path, not as a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not statement_timed_out(exception):
            return None
        logger.warning("Statement timeout on %s %s", request.method, request.path)
        return service_busy(request)
