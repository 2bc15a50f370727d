"""Bounded request time: PostgreSQL ends a web request's long statement
(settings.DB_STATEMENT_TIMEOUT_MS) and the visitor gets a Chinese 503, not a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection

from documents import views as document_views
from xujing_portal.tests.test_settings import SETUP, run_python

pytestmark = pytest.mark.django_db


class QueryCanceled(Exception):
    sqlstate = "57014"


def test_a_statement_timeout_answers_503_in_chinese(citizen, monkeypatch):
    def slow(**kwargs):
        try:
            raise QueryCanceled("canceling statement due to statement timeout")
        except QueryCanceled as cause:
            raise OperationalError("canceling statement due to statement timeout") from cause

    monkeypatch.setattr(document_views.selectors, "filtered_documents", slow)

    response = citizen.get("/documents/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "页面繁忙，请稍后再试" in html
    assert '<html lang="zh-CN">' in html


def test_another_database_error_is_still_a_server_error(citizen, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(document_views.selectors, "filtered_documents", broken)
    citizen.raise_request_exception = False

    assert citizen.get("/documents/").status_code == 500


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
def test_postgresql_ends_a_long_statement_and_the_page_answers_503(citizen, monkeypatch):
    def slow(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(document_views.selectors, "filtered_documents", slow)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 100")  # what DB_STATEMENT_TIMEOUT_MS sets per connection

    response = citizen.get("/documents/")

    assert response.status_code == 503
    assert "页面繁忙" in response.content.decode()


def test_the_timeout_is_a_connection_option_from_the_environment():
    code = f"{SETUP}; from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])"

    result = run_python(code, DATABASE_URL="postgres://portal@db.invalid/portal", DB_STATEMENT_TIMEOUT_MS="2500")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c statement_timeout=2500"


GUNICORN_CONF = "import runpy; runpy.run_path('gunicorn.conf.py'); "


def test_gunicorn_web_processes_get_a_timeout_by_default_and_commands_none():
    web = f"{GUNICORN_CONF}{SETUP}; from django.conf import settings; print(settings.DB_STATEMENT_TIMEOUT_MS)"
    command = f"{SETUP}; from django.conf import settings; print(settings.DB_STATEMENT_TIMEOUT_MS)"

    assert run_python(web).stdout.strip() == "10000"
    assert run_python(web, DB_STATEMENT_TIMEOUT_MS="0").stdout.strip() == "0"
    assert run_python(command).stdout.strip() == "0"


def test_a_gunicorn_web_process_on_postgresql_connects_with_the_timeout():
    code = (
        f"{GUNICORN_CONF}import xujing_portal.wsgi; from django.db import connection; "
        "print(connection.get_connection_params().get('options'))"
    )

    result = run_python(code, DATABASE_URL="postgres://portal@db.invalid/portal")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c statement_timeout=10000"
