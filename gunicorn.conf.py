"""gunicorn's settings for the portal's web processes (read from the working directory:
`gunicorn xujing_portal.wsgi` in the checkout uses them; the README's deployment runs it so).

Bounded request time, so one heavy page cannot take the site down: PostgreSQL ends a web
request's statement after DB_STATEMENT_TIMEOUT_MS (10 s by default, set below)
and the visitor gets a Chinese 503; a worker stuck longer than `timeout` for any other
reason is killed and replaced. Each can be changed by the environment.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else default


# A web request's SQL statements end after 10 s on PostgreSQL unless the environment says
# otherwise (settings.DB_STATEMENT_TIMEOUT_MS, read when the application loads, after this
# file). Management commands and Celery do not read this file: no limit unless set.
os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "10000")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", 4)
# A worker silent for this long is killed and restarted (sync workers answer one request at
# a time). Above the statement timeout, so a slow query ends as a 503 first.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On restart or shutdown, requests in progress get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Connections waiting for a worker: beyond this the kernel refuses new ones at once rather
# than letting them queue for minutes after their visitors have gone.
backlog = _int("GUNICORN_BACKLOG", 256)
# Each worker is replaced after this many requests (and a jitter, so not all at once):
# memory stays flat over weeks.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Load the application before forking, so a new worker answers its first request at once.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
