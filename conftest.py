"""Personas shared by every app's tests: a citizen, an enterprise user and
one staff member per role, all in the same organisation unless a test says
otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import OrganisationFactory, UserFactory, make_staff
from organisations import roles


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Argon2 costs about a second per persona; tests that check hashing opt out."""
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to the test's own directory; modules that store files use it with
    `pytest.mark.usefixtures("media_root")`."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="徐泾镇人民政府办公室", slug="office", agency_code="徐府发", index_code="11310118MB0000001X"
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(
        name="徐泾镇经济发展办公室", slug="economy", agency_code="徐经发", index_code="11310118MB0000002X"
    )


@pytest.fixture
def citizen(db):
    return Client()


@pytest.fixture
def enterprise_user(db):
    return UserFactory(username="enterprise-a")


@pytest.fixture
def drafter(organisation):
    return make_staff(roles.DRAFTER, organisation, "drafter")


@pytest.fixture
def reviewer(organisation):
    return make_staff(roles.REVIEWER, organisation, "reviewer")


@pytest.fixture
def signer(organisation):
    return make_staff(roles.SIGNER, organisation, "signer")


@pytest.fixture
def administrator(organisation):
    return make_staff(roles.ADMINISTRATOR, organisation, "administrator")


class SpareRedis:
    """A redis-server of the test's own on a free port, which the test may stop and start
    again: the shared Redis (REDIS_URL) is never stopped under other tests."""

    def __init__(self, tmp_path) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.tmp_path = tmp_path
        self.process = None

    def start(self) -> None:
        import shutil
        import subprocess
        import time

        import redis

        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("需要 redis-server（Debian 的 redis-server 软件包）来测试 Redis 中断。", pytrace=False)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"redis-server on port {self.port} did not start.", pytrace=False)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def spare_redis(tmp_path, settings):
    """A real Redis the test can stop, configured as the portal's cache."""
    server = SpareRedis(tmp_path)
    server.start()
    settings.CACHES = {"default": {"BACKEND": "xujing_portal.cache.FailoverRedisCache", "LOCATION": server.url}}
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def no_page_cache(settings):
    """The views' own work, for tests that count their queries or read their context
    (xujing_portal.pagecache would answer a repeated request without running the view)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fresh_public_counts():
    """Each test starts with an empty database: no public counts from an earlier test
    (documents.aggregates keeps them in the cache and in the process)."""
    from documents import aggregates
    from xujing_portal import pagecache

    aggregates.forget()
    aggregates._new_version()
    pagecache._new_version()  # and no page cached by an earlier test
    yield
    aggregates.forget()
