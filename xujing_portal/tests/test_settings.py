"""Settings come from the environment and fail loudly; the defaults need no server.

Each case runs Python in a subprocess so the settings module is imported
afresh with the environment under test.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PORTAL_VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "PORTAL_PRODUCTION",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "AXES_FAILURE_LIMIT",
    # Set by the browser tests' conftest for the live server; never in deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]

SETUP = "import django; django.setup()"


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", code], **env)


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "xujing_portal.settings"
    return subprocess.run(
        command, cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True, timeout=120, check=False
    )


def production_env() -> dict[str, str]:
    return {
        "PORTAL_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(60)[:60],
        "ALLOWED_HOSTS": "portal.example.gov.cn",
    }


def test_the_defaults_start_without_any_variable():
    result = run_python(f"{SETUP}; from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.parametrize(
    ("variable", "env"),
    [
        ("DEBUG", {"DEBUG": "maybe"}),
        ("DATABASE_URL", {"DATABASE_URL": "mysql://root@localhost/portal"}),
        ("DATABASE_URL", {"DATABASE_URL": "not a url"}),
        ("REDIS_URL", {"REDIS_URL": "http://x"}),
        ("SECRET_KEY", {"PORTAL_PRODUCTION": "1", "ALLOWED_HOSTS": "portal.example.gov.cn"}),
        ("SECRET_KEY", {"PORTAL_PRODUCTION": "1", "SECRET_KEY": "short", "ALLOWED_HOSTS": "portal.example.gov.cn"}),
        ("ALLOWED_HOSTS", {**production_env(), "ALLOWED_HOSTS": ""}),
        ("DEBUG", {**production_env(), "DEBUG": "1"}),
        ("AXES_FAILURE_LIMIT", {"AXES_FAILURE_LIMIT": "abc"}),
        ("AXES_FAILURE_LIMIT", {"AXES_FAILURE_LIMIT": "0"}),
        ("PORTAL_PRODUCTION", {"PORTAL_PRODUCTION": "prod"}),
        ("APPLICATIONS_CLOSING_TIME", {"APPLICATIONS_CLOSING_TIME": "5pm"}),
        ("APPLICATIONS_CLOSING_TIME", {"APPLICATIONS_CLOSING_TIME": "24:00"}),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, env):
    result = run_python(SETUP, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert variable in last_line


def test_production_settings_pass_the_deployment_checks():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_https_only_cookies_and_hsts():
    code = (
        f"{SETUP}; from django.conf import settings as s; import json; "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS]))"
    )
    result = run_python(code, **production_env())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, True, True, True, 31536000]


CELERY_BROKER = (
    "from xujing_portal.celery import app; import json; "
    "print(json.dumps([app.conf.broker_url, app.conf.broker_transport_options]))"
)


def test_celery_uses_the_embedded_filesystem_broker_without_redis(tmp_path):
    result = run_python(CELERY_BROKER, PORTAL_VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    broker_url, options = json.loads(result.stdout)
    assert broker_url == "portalfs://localhost/"
    assert options["data_folder_in"] == str(tmp_path / "celery-queue")


def test_celery_uses_redis_when_redis_url_is_set():
    result = run_python(CELERY_BROKER, REDIS_URL="redis://127.0.0.1:6379/4")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0] == "redis://127.0.0.1:6379/4"


def test_the_cache_is_local_memory_without_redis_and_redis_with_it():
    code = f"{SETUP}; from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    assert run_python(code).stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
    assert run_python(code, REDIS_URL="redis://127.0.0.1:6379/4").stdout.strip() == (
        "xujing_portal.cache.FailoverRedisCache"
    )


# --- SQLite: WAL mode and concurrent writers ---------------------------------
# The test database of pytest-django is in memory, which has no WAL, so this
# runs a subprocess on a temporary SQLite file opened with the portal's settings.

SQLITE_PROBE = """
import json, threading
import django
django.setup()
from django.db import connection, connections, transaction
from documents.models import TagDimension

with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy_timeout = cursor.fetchone()[0]
transaction_mode = connection.transaction_mode
with connection.schema_editor() as editor:
    editor.create_model(TagDimension)
connection.close()

errors = []

def write(worker):
    try:
        for i in range(50):
            with transaction.atomic():
                # Read then write: the pattern that fails with "database is
                # locked" when two deferred transactions both try to upgrade.
                TagDimension.objects.count()
                TagDimension.objects.create(name=f"w{worker}-{i}", slug=f"w{worker}-{i}")
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"journal_mode": journal_mode, "busy_timeout": busy_timeout, "transaction_mode": transaction_mode,
                  "errors": errors, "rows": TagDimension.objects.count()}))
"""

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="WAL and SQLite write locking are SQLite-specific.",
)


@pytest.fixture(scope="module")
def sqlite_probe(tmp_path_factory) -> dict:
    database = tmp_path_factory.mktemp("sqlite") / "probe.sqlite3"
    result = run_python(SQLITE_PROBE, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@sqlite_only
def test_the_sqlite_database_runs_in_wal_mode(sqlite_probe):
    assert sqlite_probe["journal_mode"] == "wal"


@sqlite_only
def test_a_writer_waits_for_the_lock_and_takes_it_at_the_start_of_its_transaction(sqlite_probe):
    """busy_timeout: a second writer waits (20 s) instead of failing at once; BEGIN IMMEDIATE:
    a transaction that reads then writes never fails upgrading its read lock."""
    assert sqlite_probe["busy_timeout"] >= 5000
    assert sqlite_probe["transaction_mode"] == "IMMEDIATE"


@sqlite_only
def test_two_concurrent_writers_never_hit_database_is_locked(sqlite_probe):
    assert sqlite_probe["errors"] == []
    assert sqlite_probe["rows"] == 100


QUICK_START_PAGES = (
    "from django.test import Client; import json; c = Client(); "
    "missing = c.get('/no-such-page/'); css = c.get('/static/css/portal.css'); "
    "print(json.dumps([missing.status_code, missing.content.decode(), css.status_code]))"
)


def test_the_quick_start_shows_the_portals_own_404_page_and_still_serves_static_files(tmp_path):
    result = run_python(f"{SETUP}; {QUICK_START_PAGES}", DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")

    assert result.returncode == 0, result.stderr
    status, body, css_status = json.loads(result.stdout)
    assert status == 404
    assert "徐泾镇政务公开" in body
    assert "URLconf" not in body and "Using the URLconf" not in body  # Django's debug page lists every pattern
    assert css_status == 200


def test_debug_is_a_separate_switch_for_developers():
    code = f"{SETUP}; from django.conf import settings; print(settings.DEBUG)"

    assert run_python(code).stdout.strip() == "False"
    assert run_python(code, DEBUG="1").stdout.strip() == "True"
