"""开放数据接口说明: a developer opens the API page from the footer and reads every
operation in Swagger UI, with the site's CSP intact (no violation in the console)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_developer_reads_the_api_operations_from_the_footer_link(demo_site, new_page, screenshot, viewport):
    page = new_page(viewport)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(demo_site) else outside.append(request.url))

    page.goto(demo_site + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="开放数据接口说明").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("开放数据接口说明")
    docs = page.locator("#swagger-ui")
    expect(docs.get_by_text("/api/documents/{id}/", exact=True)).to_be_visible()
    expect(docs.get_by_text("/api/consultations/", exact=True)).to_be_visible()
    # Once Swagger UI has drawn, the page still has one top-level heading.
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    screenshot(page, f"api-docs-{'phone' if viewport else 'desktop'}")

    assert not [line for line in console if "Content Security Policy" in line], console
    assert outside == []
