"""`make run`'s last step, bin/run-portal, as a newcomer sees it: the portal answers on
the port asked for, its links use that port, the demo accounts are printed last beside
the URL, and Ctrl-C stops everything."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_settings import BASE_DIR, PORTAL_VARIABLES

RUN_PORTAL = BASE_DIR / "bin" / "run-portal"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {*PORTAL_VARIABLES, "SITE_URL", "PYTHONWARNINGS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="xujing_portal.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        HOST="127.0.0.1",
        PORT=str(port),
    )
    return env


def _read_until(process: subprocess.Popen, marker: str, timeout: float) -> str:
    output = ""
    deadline = time.monotonic() + timeout
    while marker not in output:
        remaining = deadline - time.monotonic()
        if process.poll() is not None:
            # It has exited: what it printed last may still be in the pipe, unread.
            output += process.stdout.read()
            if marker in output:
                break
            raise AssertionError(f"没有等到“{marker}”：\n{output}")
        if remaining <= 0:
            raise AssertionError(f"没有等到“{marker}”：\n{output}")
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if ready:
            line = process.stdout.readline()
            output += line
    return output


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """One portal for the module (migrating and loading the demo takes a while); the
    Ctrl-C test comes last."""
    tmp_path = tmp_path_factory.mktemp("quick-start")
    port = _free_port()
    env = _environment(tmp_path, port)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [str(RUN_PORTAL)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        process.startup_output = _read_until(process, "按 Ctrl-C", timeout=120)
        yield process, port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_it_serves_the_port_asked_for_and_prints_the_accounts_last(portal):
    process, port = portal
    output = process.startup_output

    url = f"http://127.0.0.1:{port}/"
    assert f"已启动：{url}" in output
    last_lines = output.strip().splitlines()[-14:]
    assert any(line.startswith("drafter ") and "Xujing-Drafter-2023" in line for line in last_lines)
    assert any(line.startswith("enterprise ") and "/accounts/login/" in line for line in last_lines)
    assert "superuser privileges" not in output and "No hostname was supplied" not in output
    with urllib.request.urlopen(url, timeout=10) as response:
        page = response.read().decode()
    assert f'<link rel="canonical" href="http://127.0.0.1:{port}/">' in page


def test_a_bad_url_shows_the_portals_own_chinese_404_page(portal):
    process, port = portal

    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=10)

    body = error.value.read().decode()
    assert error.value.code == 404
    assert "徐泾镇政务公开" in body and "URLconf" not in body


def test_ctrl_c_stops_the_web_server_worker_and_beat(portal):
    process, port = portal

    os.killpg(process.pid, signal.SIGINT)
    output = _read_until(process, "门户已停止", timeout=30)

    process.wait(timeout=30)
    assert "门户已停止" in output
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
