"""A form field larger than the portal accepts gets the portal's 413 page, read by the
client, not a connection closed under it while it is still sending. Through gunicorn,
the production server: it closes the connection after the answer, so an unread body
used to reset it while the client was still writing."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from .test_settings import BASE_DIR, PORTAL_VARIABLES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    port = _free_port()
    folder = tmp_path_factory.mktemp("gunicorn")
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    env.update(DATABASE_URL=f"sqlite:///{folder / 'empty.sqlite3'}", PORTAL_VAR_DIR=str(folder / "var"))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "xujing_portal.wsgi", "-w", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(timeout=10)


def test_a_six_mebibyte_field_is_answered_413_with_the_portals_page(gunicorn):
    body = b"csrfmiddlewaretoken=x&question=" + b"a" * (6 * 1024 * 1024)
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)

    connection.request(
        "POST",
        "/consultations/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "csrftoken=" + "A" * 32,
            "Origin": f"http://127.0.0.1:{gunicorn}",
        },
    )
    answer = connection.getresponse()

    assert answer.status == 413
    assert "提交的内容太多或太大" in answer.read().decode()
    assert answer.getheader("Content-Security-Policy")
