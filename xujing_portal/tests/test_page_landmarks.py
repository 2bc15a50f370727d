"""What a screen reader's landmark and heading lists show: every search landmark of a page
has its own name, every section a heading, and the browser's /favicon.ico is answered
(the admin's sign-in names no icon of its own)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from factories import PolicyDocumentFactory

pytestmark = pytest.mark.django_db


class _Landmarks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.searches: list[str | None] = []
        self.sections: list[list[str]] = []  # the headings inside each open <section>
        self.headless_sections = 0
        self._stack: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("role") == "search" or tag == "search":
            self.searches.append(attributes.get("aria-label") or attributes.get("aria-labelledby"))
        if tag == "section":
            self._stack.append([])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._stack:
            self._stack[-1].append(tag)

    def handle_endtag(self, tag):
        if tag == "section" and self._stack:
            headings = self._stack.pop()
            if not headings:
                self.headless_sections += 1
            elif self._stack:
                self._stack[-1].extend(headings)


def _landmarks(client, path: str) -> _Landmarks:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = _Landmarks()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=徐泾", "/consultations/", "/consultations/published/", "/documents/", "/nowhere-at-all/"]
)
def test_each_search_landmark_of_a_page_has_a_name_of_its_own(client, path):
    PolicyDocumentFactory(published=True, title="徐泾镇测试文件")
    response = client.get(path)
    parser = _Landmarks()
    parser.feed(response.content.decode())
    assert parser.searches, path
    assert None not in parser.searches, f"{path}: an unnamed search landmark"
    assert len(set(parser.searches)) == len(parser.searches), f"{path}: two search landmarks share a name"


@pytest.mark.parametrize("with_documents", [True, False])
def test_every_section_of_the_normative_list_has_a_heading(client, with_documents):
    if with_documents:
        PolicyDocumentFactory(published=True, doc_type="normative")
    assert _landmarks(client, "/documents/normative/").headless_sections == 0


def test_the_favicon_is_served_where_browsers_ask_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/img/favicon")
    assert response["Location"].endswith(".ico")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_the_admin_sign_in_names_the_portals_icon(client):
    page = client.get("/admin/login/").content.decode()
    assert 'rel="icon"' in page and "img/favicon" in page
