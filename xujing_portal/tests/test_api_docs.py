"""The API's description: /api/schema/ is saved under an ASCII file name, and /api/docs/
(开放数据接口说明, linked from every page's footer) shows it through the vendored Swagger UI
without inline script or style and without reaching any other host."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from xujing_portal import api_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_schema_cache():
    api_schema._cache.clear()
    yield
    api_schema._cache.clear()


@pytest.mark.parametrize(
    ("query", "name"), [("", "xujing-portal-api.yaml"), ("?format=json", "xujing-portal-api.json")]
)
def test_the_schema_downloads_under_an_ascii_file_name(citizen, query, name):
    response = citizen.get(f"/api/schema/{query}")

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition == f'inline; filename="{name}"'
    assert disposition.isascii() and "=?utf-8?" not in disposition.lower()


def test_every_page_links_the_readable_api_page_from_its_footer(citizen):
    page = citizen.get("/").content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    assert '<a href="/api/docs/">开放数据接口说明</a>' in footer


def test_the_api_page_draws_the_schema_with_the_vendored_swagger_ui(citizen):
    response = citizen.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>开放数据接口说明</h1>" in page
    assert 'data-schema-url="/api/schema/?format=json"' in page
    for asset in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css", "js/api-docs.js"):
        assert f"/static/{asset}" in page
        assert finders.find(asset), asset
    assert citizen.get("/api/schema/?format=json").status_code == 200


def test_the_api_page_keeps_the_sites_content_security_policy(citizen):
    response = citizen.get("/api/docs/")
    page = response.content.decode()

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all(" src=" in tag for tag in scripts), "an inline script"
    assert "<style" not in page and " style=" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page.split("<main", 1)[1].split("</main>")[0])
    assets = re.findall(r'<script\b[^>]*src="([^"]+)"|<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', page)
    assert assets and all((src or href).startswith("/static/") for src, href in assets), assets


def test_swagger_ui_is_told_not_to_send_the_schema_to_the_public_validator():
    script = open(finders.find("js/api-docs.js"), encoding="utf-8").read()
    assert "validatorUrl: null" in script
