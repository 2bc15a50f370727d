from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory

from xujing_portal import errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/somewhere/")


def test_the_404_page_is_in_chinese_with_a_link_home(citizen):
    response = citizen.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert 'href="/"' in html
    assert '<html lang="zh-CN">' in html


def test_the_400_page(request_):
    response = errors.bad_request(request_, SuspiciousOperation())

    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_the_403_page(request_):
    response = errors.permission_denied(request_, PermissionDenied())

    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
    assert "请先登录" in response.content.decode()  # the general text


def test_the_403_page_says_why_when_a_portal_check_refused(request_):
    response = errors.permission_denied(request_, PermissionDenied("只有本机构的审签负责人可以审签发布。"))
    assert "只有本机构的审签负责人可以审签发布。" in response.content.decode()


def test_the_403_page_never_shows_a_library_s_english_reason(request_):
    response = errors.permission_denied(request_, PermissionDenied("CSRF cookie not set / internal detail"))
    assert "internal detail" not in response.content.decode()
    assert "请先登录" in response.content.decode()


def test_the_500_page_renders_without_a_request_context(request_):
    response = errors.server_error(request_)

    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html
    assert 'href="/"' in html


def test_a_server_error_shows_the_chinese_500_page(citizen, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("documents.selectors.public_tag_catalogue", explode)
    citizen.raise_request_exception = False

    response = citizen.get("/")

    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


def test_a_refused_csrf_token_shows_the_chinese_403_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
