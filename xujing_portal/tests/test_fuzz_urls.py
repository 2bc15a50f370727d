"""Property-based bad input over every URL pattern of the site (the admin excepted): paths
drawn from each pattern's own regular expression, hostile query parameters (huge and
negative numbers, overflowing dates and offsets, NUL, long and odd Unicode), as an
anonymous visitor, and the staff pages also as a superuser; no answer may be a 5xx.

The demo data is loaded once for the module, inside a transaction rolled back at the end.
Examples per pattern: ``PORTAL_FUZZ_EXAMPLES`` (default 200 on PostgreSQL, 50 on SQLite);
CI runs derandomised (the same examples every run), a nightly-size run sets
``PORTAL_FUZZ_EXAMPLES=5000 PORTAL_FUZZ_RANDOM=1`` (see the README's test section).
"""

from __future__ import annotations

import io
import os
import re
from urllib.parse import quote

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SKIPPED_PREFIXES = ("admin/",)


def _examples() -> int:
    default = 200 if connection.vendor == "postgresql" else 50
    return int(os.environ.get("PORTAL_FUZZ_EXAMPLES", default))


def _strip(regex: str) -> str:
    return regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def url_patterns(resolver=None, prefix: str = "") -> list[tuple[str, str]]:
    """(readable route, full regular expression) of every URL pattern outside the admin."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        regex = prefix + _strip(pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern, regex)
        elif isinstance(pattern, URLPattern):
            route = regex.replace("\\", "")
            if not route.startswith(SKIPPED_PREFIXES):
                found.append((route or "/", regex))
    return found


PATTERNS = url_patterns()
# Pages that answer an anonymous visitor with a redirect to the sign-in are fuzzed signed in too.
SIGNED_IN_PATTERNS = [(route, regex) for route, regex in PATTERNS if "staff/" in route or route.startswith("accounts/")]


def _filter_names() -> list[str]:
    """Every filter any FilterSet of the portal declares, plus the usual list parameters."""
    names = {"page", "page_size", "q", "search", "year", "format", "version", "lang", "ordering", "next", "number"}
    stack = list(django_filters.FilterSet.__subclasses__())
    while stack:
        filterset = stack.pop()
        stack += filterset.__subclasses__()
        names.update(getattr(filterset, "base_filters", {}))
    return sorted(names)


HOSTILE_STRINGS = [
    "-" + "9" * 5000,
    "9" * 4301,
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "1e309",
    "NaN",
    "-0",
    "０１２３",
    "٣",
    "\x00",
    "%00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\r\nSet-Cookie: x=1",
    "../../etc/passwd",
    "徐府发〔2023〕32号" * 50,
]

values = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.datetimes().map(lambda d: d.isoformat()),
    st.text(max_size=40),
    st.text(min_size=500, max_size=3000),
)
queries = st.dictionaries(st.sampled_from(_filter_names()) | st.text(max_size=12), values, max_size=4)


def paths(regex: str):
    return st.from_regex(re.compile(regex, re.DOTALL), fullmatch=True).map(lambda p: "/" + quote(p, safe="/"))


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Every app's demo data, loaded once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        for command in ("load_demo", "load_demo_interpretations", "load_demo_consultations", "load_demo_decisions"):
            call_command(command, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def superuser_client(demo_data, db):
    client = Client(raise_request_exception=False)
    client.force_login(
        get_user_model().objects.get(username="admin"), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


@pytest.fixture
def anonymous_client(demo_data, db):
    return Client(raise_request_exception=False)


def _fuzz(client: Client, regex: str) -> None:
    @settings(
        max_examples=_examples(),
        deadline=None,
        database=None,
        derandomize=os.environ.get("PORTAL_FUZZ_RANDOM", "") != "1",
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(path=paths(regex), query=queries)
    def check(path: str, query: dict[str, str]) -> None:
        response = client.get(path, query)
        assert response.status_code < 500, f"{response.status_code} for GET {path} {query!r}"

    check()


@pytest.mark.parametrize(("route", "regex"), PATTERNS, ids=[route for route, _ in PATTERNS])
def test_no_url_answers_an_anonymous_visitor_with_a_server_error(anonymous_client, route, regex):
    _fuzz(anonymous_client, regex)


@pytest.mark.parametrize(("route", "regex"), SIGNED_IN_PATTERNS, ids=[route for route, _ in SIGNED_IN_PATTERNS])
def test_no_staff_page_answers_a_superuser_with_a_server_error(superuser_client, route, regex):
    _fuzz(superuser_client, regex)
