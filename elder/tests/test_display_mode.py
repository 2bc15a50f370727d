"""With the cookie, every page is in 长辈版: the body class and stylesheet, a simplified
header and home page, and the switch back; pages vary on the cookie."""

from __future__ import annotations

import pytest

from applications.models import DEFAULT_GUIDE, Guide
from elder.mode import COOKIE_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def elder(citizen):
    citizen.cookies[COOKIE_NAME] = "elder"
    return citizen


def test_a_standard_page_offers_the_switch_to_elder_mode(citizen):
    response = citizen.get("/documents/?page=1")
    page = response.content.decode()

    assert response.context["elder_mode"] is False
    assert "<body>" in page
    assert 'href="/display/elder/?next=/documents/">长辈版</a>' in page  # the path: a query is not repeated
    assert "css/elder" not in page


def test_in_elder_mode_the_body_has_the_class_and_the_stylesheet(elder):
    response = elder.get("/documents/")
    page = response.content.decode()

    assert response.context["elder_mode"] is True
    assert '<body class="elder-mode">' in page
    assert "css/elder" in page
    assert 'href="/display/standard/?next=/documents/">标准版</a>' in page


def test_the_elder_header_has_only_the_most_used_entries(elder, citizen):
    page = elder.get("/documents/").content.decode()
    nav = page.split('id="site-nav-list"', 1)[1].split("</ul>", 1)[0]

    assert [label in nav for label in ["查政策", "现行有效文件", "留言咨询", "依申请公开", "政府信息公开"]] == [
        True
    ] * 5
    assert "订阅" not in nav and "重大决策" not in nav


def test_the_elder_home_page_offers_the_main_entries_and_the_office_phone(elder):
    Guide.objects.create(pk=1, **{**DEFAULT_GUIDE, "phone": "021-5976 0000"})

    page = elder.get("/").content.decode()

    for entry in ["查政策", "现行有效文件", "留言咨询", "依申请公开", "电话咨询"]:
        assert f'<span class="elder-entry__title">{entry}</span>' in page
    assert 'href="tel:021-59760000"' in page and "021-5976 0000" in page
    assert "按标签浏览" not in page  # the standard home page's side panels are left out


def test_without_a_stored_phone_the_phone_entry_leads_to_the_guide(elder):
    page = elder.get("/").content.decode()

    assert "电话咨询" in page and 'href="/applications/#how-title"' in page


def test_only_elder_mode_reads_the_guide(citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        citizen.get("/documents/")
    assert not any("applications_guide" in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("path", ["/", "/documents/", "/applications/statistics/", "/xxgk/", "/no-such-page/"])
def test_pages_vary_on_the_cookie_in_both_modes(citizen, elder, path):
    for client in (citizen, elder):
        response = client.get(path)
        assert "Cookie" in response["Vary"], path


def test_an_unknown_cookie_value_is_the_standard_mode(citizen):
    citizen.cookies[COOKIE_NAME] = "<script>"
    page = citizen.get("/").content.decode()

    assert "<body>" in page and "&lt;script" not in page
