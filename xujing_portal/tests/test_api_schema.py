"""The OpenAPI schema: one version, generated once, bad parameters refused with 400."""

from __future__ import annotations

from unittest import mock

import pytest
import yaml

from xujing_portal import api_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_schema_cache():
    api_schema._cache.clear()
    yield
    api_schema._cache.clear()


@pytest.mark.parametrize(
    "query", ["version=%0d%0a", "version=2", "version=" + "9" * 10_000, "lang=xx%0d%0a", "lang=en"]
)
def test_an_unknown_version_or_language_is_refused_with_400(citizen, query):
    response = citizen.get(f"/api/schema/?{query}")

    assert response.status_code == 400
    assert "请去掉" in response.content.decode()


def test_the_schema_is_served_with_the_versions_the_api_has(citizen):
    plain = citizen.get("/api/schema/")
    versioned = citizen.get("/api/schema/?version=1.0.0&lang=zh-hans")

    assert plain.status_code == versioned.status_code == 200
    schema = yaml.safe_load(plain.content)
    assert schema["info"]["title"] == "徐泾镇政务公开门户 API"
    assert "/api/documents/" in schema["paths"]


def test_the_schema_is_generated_once_per_process(citizen):
    generator = api_schema.PortalSchemaView.generator_class
    with mock.patch.object(generator, "get_schema", autospec=True, side_effect=generator.get_schema) as generate:
        for _ in range(3):
            assert citizen.get("/api/schema/").status_code == 200

    assert generate.call_count == 1
