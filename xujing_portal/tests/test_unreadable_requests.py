"""Requests in a character set the portal cannot read get the portal's 400 page with its
headers, through the WSGI application the servers run (gunicorn, runserver)."""

from __future__ import annotations

import io

import pytest
from django.test import RequestFactory

from xujing_portal.requests import readable_charset
from xujing_portal.wsgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def call(method: str, path: str, content_type: str, body: bytes = b"", cookie: str = "") -> tuple[int, dict, str]:
    environ = getattr(RequestFactory(), method.lower())(path).environ
    environ.update(CONTENT_TYPE=content_type, CONTENT_LENGTH=str(len(body)), **{"wsgi.input": io.BytesIO(body)})
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    environ["HTTP_ORIGIN"] = "http://testserver"
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    body_out = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], body_out.decode("utf-8", "replace")


@pytest.mark.parametrize("charset", ["base64", "rot13", "utf-16", "utf-32", "hex", "zlib", "no-such-codec"])
def test_a_query_in_an_unreadable_charset_gets_the_portals_400(charset):
    status, headers, body = call("GET", "/documents/?page=2", f"text/plain; charset={charset}")

    assert status == 400
    assert "字符编码" in body and "UTF-8" in body
    assert "Content-Security-Policy" in headers and headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/consultations/", "/decisions/", "/applications/new/", "/applications/track/"])
@pytest.mark.parametrize("charset", ["utf-16", "base64", "rot13"])
def test_a_form_post_in_an_unreadable_charset_gets_400_not_500(path, charset):
    status, _, body = call(
        "POST",
        path,
        f"application/x-www-form-urlencoded; charset={charset}",
        b"title=a&question=b",
        "csrftoken=" + "A" * 32,
    )

    assert status == 400
    assert "字符编码" in body


def test_ordinary_charsets_are_still_read():
    status, _, body = call("GET", "/documents/?page=1", "text/plain; charset=utf-8")

    assert status == 200
    assert all(readable_charset(name) for name in ["utf-8", "UTF-8", "gbk", "gb18030", "latin-1", "ascii"])


def test_a_post_without_its_csrf_token_gets_a_chinese_page_saying_what_to_do():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/consultations/", {"title": "x"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "刷新后重新提交" in body and "CSRF" not in body
