"""The 长辈版 switch: a link that stores the choice in a cookie and goes back, only ever
to a page of this site."""

from __future__ import annotations

import pytest

from elder.mode import COOKIE_NAME

pytestmark = pytest.mark.django_db


def test_switching_on_sets_the_cookie_and_goes_back(citizen):
    response = citizen.get("/display/elder/", {"next": "/documents/"})

    assert response.status_code == 302
    assert response["Location"] == "/documents/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "elder"
    assert cookie["max-age"] >= 30 * 24 * 3600  # remembered beyond the session
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]


def test_switching_off_removes_the_cookie(citizen):
    citizen.get("/display/elder/")

    response = citizen.get("/display/standard/", {"next": "/documents/normative/"})

    assert response["Location"] == "/documents/normative/"
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_the_query_of_the_page_comes_back_from_the_referer(citizen):
    response = citizen.get(
        "/display/elder/", {"next": "/search/"}, HTTP_REFERER="http://testserver/search/?q=%E5%85%BB%E8%80%81&page=2"
    )

    assert response["Location"] == "/search/?q=%E5%85%BB%E8%80%81&page=2"


@pytest.mark.parametrize(
    "referer",
    [
        "https://evil.example/search/?q=1",  # another site
        "http://testserver/documents/?q=1",  # another page than next
    ],
)
def test_a_referer_of_another_site_or_page_is_ignored(citizen, referer):
    response = citizen.get("/display/elder/", {"next": "/search/"}, HTTP_REFERER=referer)

    assert response["Location"] == "/search/"


def test_a_line_break_in_the_referer_never_reaches_the_headers(citizen):
    response = citizen.get(
        "/display/elder/", {"next": "/search/"}, HTTP_REFERER="http://testserver/search/?q=a\r\nSet-Cookie:x"
    )

    assert "\n" not in response["Location"] and "\r" not in response["Location"]
    assert "x" not in response.cookies


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "/documents/\r\nSet-Cookie: x=1",
        "documents/",
        "",
    ],
)
def test_it_refuses_a_next_outside_the_site(citizen, target):
    response = citizen.get("/display/elder/", {"next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[COOKIE_NAME].value == "elder"  # the choice is still kept


def test_it_answers_only_get_and_head(citizen):
    assert citizen.post("/display/elder/").status_code == 405
