"""The JSON API answers as its OpenAPI schema says: schemathesis over every operation of
`/api/schema/`, in process (WSGI), on the demo data.

Each operation gets the schema's examples, its coverage cases (boundaries, missing and
wrong-typed parameters) and generated requests, valid and invalid. Every response must
be no 5xx, have a documented status code, content type and body (the 400/404 bodies
included), and a valid request must not be refused nor an invalid one accepted.

Examples per operation: ``PORTAL_FUZZ_EXAMPLES`` (default 100 on PostgreSQL, 25 on
SQLite), derandomised unless ``PORTAL_FUZZ_RANDOM=1``, like the URL fuzz test.
"""

from __future__ import annotations

import io
import os

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection, transaction
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode

from xujing_portal import api_schema

SCHEMA_URL = "/api/schema/?format=json"
# Every operation the schema has; a new endpoint is listed here (the schema test checks it).
OPERATIONS = [
    (method, f"/api/{name}/{detail}")
    for name in ("documents", "interpretations", "decisions", "faqs", "consultations")
    for method, detail in (("GET", ""), ("GET", "{id}/"))
]


def _examples() -> int:
    default = 100 if connection.vendor == "postgresql" else 25
    return int(os.environ.get("PORTAL_FUZZ_EXAMPLES", default))


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Every app's demo data, loaded once and rolled back after the module: interpretations
    with and without `follow_up_of`, materials with and without a link, feedback reports."""
    with django_db_blocker.unblock(), transaction.atomic():
        for command in ("load_demo", "load_demo_interpretations", "load_demo_consultations", "load_demo_decisions"):
            call_command(command, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def api(demo_data, db) -> schemathesis.BaseSchema:
    """The served schema, with the portal as the WSGI app its requests go to (in this thread,
    so inside the test's transaction).

    As Django's test client does, requests do not close the database connection: at the
    end of a request Django drops a connection that is inside a transaction, which is the
    test's own (on PostgreSQL every later query then failed)."""
    config = schemathesis.Config.from_dict({"generation": {"mode": "all", "database": "none"}})
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application(), config=config)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_operation_answers_as_its_schema_says(api, method, path):
    """schemathesis' coverage cases (boundaries, wrong types, missing and unknown parameters,
    other methods), then generated requests, valid and invalid; each answer checked."""
    operation = api[path][method]
    generation = api.config.generation_for(operation=operation)
    for case in api.iter_coverage_cases(operation, generation_modes=list(GenerationMode), generation_config=generation):
        case.call_and_validate()

    @settings(
        max_examples=_examples(),
        deadline=None,
        database=None,
        derandomize=os.environ.get("PORTAL_FUZZ_RANDOM", "") != "1",
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE))
    def fuzz(case) -> None:
        case.call_and_validate()

    fuzz()


def test_the_served_schema_is_valid_openapi_with_every_operation(citizen):
    api_schema._cache.clear()
    schema = citizen.get(SCHEMA_URL).json()

    validate(schema)  # raises on any deviation from the OpenAPI 3.0 specification
    operations = [(method.upper(), path) for path, item in schema["paths"].items() for method in item]
    assert sorted(operations) == sorted(OPERATIONS)


def test_every_operation_documents_its_chinese_error_answers(citizen):
    api_schema._cache.clear()
    schema = citizen.get(SCHEMA_URL).json()

    for path, item in schema["paths"].items():
        responses = item["get"]["responses"]
        assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/NotFound"), path
        if path.endswith("{id}/"):
            assert "400" not in responses, path  # a detail takes no query parameter
        else:
            assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/InvalidParameters")
    assert schema["components"]["schemas"]["NotFound"]["required"] == ["detail"]


@pytest.mark.parametrize(
    "value",
    ["2026-01-01", "2026-01-01 00:00:00+08:00", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z", "9999-01-01T00:00:00Z"],
)
def test_updated_since_refuses_what_is_not_a_full_time_with_its_offset(citizen, value):
    response = citizen.get("/api/faqs/", {"updated_since": value})

    assert response.status_code == 400
    [message] = response.json()["updated_since"]
    assert "例如 2026-01-01T00:00:00+08:00" in message


@pytest.mark.parametrize("value", ["2026-01-01T00:00:00+08:00", "2026-01-01T00:00:00.5Z", ""])
def test_updated_since_takes_an_rfc3339_time_or_nothing(citizen, value):
    assert citizen.get("/api/faqs/", {"updated_since": value}).status_code == 200


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/documents/", {"topic": "\x0c"}),
        ("/api/documents/", {"year": " 2023"}),
        ("/api/interpretations/", {"form": "text "}),
        ("/api/faqs/", {"policy": " "}),
        ("/api/consultations/", {"page": "1\n"}),
    ],
)
def test_a_list_parameter_with_blanks_around_its_value_is_a_400(citizen, path, query):
    response = citizen.get(path, query)

    assert response.status_code == 400
    [name] = query
    assert "请去掉空白后重试" in response.json()[name][0]


def test_blanks_in_a_search_are_free_text(citizen):
    assert citizen.get("/api/documents/", {"search": " 养老 服务 "}).status_code == 200
