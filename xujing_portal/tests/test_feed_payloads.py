"""Every feed of the site, with script payloads in every text its items are built from,
parsed as a feed reader would: each description rendered as HTML must stay inert.

The feeds are found from the URL configuration (every view that is a Feed), so a new
feed is checked without being listed here."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import lxml.html
import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from consultations.models import Message
from decisions.models import Stage
from factories import (
    CatalogTagFactory,
    DecisionFactory,
    EventSessionFactory,
    InterpretationFactory,
    MessageFactory,
    PolicyDocumentFactory,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">点我</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<style>@import 'javascript:alert(1)'</style>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "]]><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    '"><img src=x onerror=alert(1)>',
]
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "img", "video", "source", "style", "meta",
                  "body", "details", "input", "a", "link", "form", "base"}  # fmt: skip


def feed_routes(resolver=None, prefix: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            routes += feed_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and isinstance(
            getattr(pattern.callback, "__wrapped__", pattern.callback), Feed
        ):
            routes.append(prefix + str(pattern.pattern))
    return routes


FEEDS = feed_routes()


def payload_chunks(size: int = 280) -> list[str]:
    """The payloads in pieces that fit a 300-character summary field."""
    chunks, current = [], "留言与答复："
    for payload in PAYLOADS:
        if len(current) + len(payload) + 1 > size:
            chunks.append(current)
            current = "留言与答复："
        current += payload + " "
    return [*chunks, current]


@pytest.fixture
def payload_everywhere(organisation):
    """Every payload in every text field a feed item is built from, in items of each kind."""
    tag = CatalogTagFactory(slug="elderly")
    for text in payload_chunks():
        document = PolicyDocumentFactory(
            published=True, organisation=organisation, title=text[:200], summary=text, body=text, tags=[tag]
        )
        InterpretationFactory(document=document, published=True, title=text[:200], summary=text)
        DecisionFactory(
            organisation=organisation, title=text[:200], summary=text, legal_basis=text, stage=Stage.CONSULTATION,
            catalogue__published_at=timezone.now() - dt.timedelta(days=3),
            comment_opens_on=timezone.localdate() - dt.timedelta(days=1),
            comment_closes_on=timezone.localdate() + dt.timedelta(days=30),
        )  # fmt: skip
        EventSessionFactory(event__organiser=organisation, event__title=text[:200], event__summary=text)
        MessageFactory(
            status=Message.Status.ANSWERED,
            publication=Message.Publication.PUBLISHED,
            published_at=timezone.now(),
            public_title=text[:100],
            public_question=text,
            public_answer=text,
        )
    return {"slug": tag.slug, "organisation": organisation.slug}


def concrete(route: str, slugs: dict[str, str]) -> str:
    path = route.replace("<slug:slug>", slugs["organisation"] if "organisations" in route else slugs["slug"])
    return "/" + path


def item_texts(xml: bytes) -> list[str]:
    """The descriptions, summaries and contents a feed reader would render as HTML."""
    root = ET.fromstring(xml)
    wanted = {"description", "summary", "content"}
    return [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] in wanted and el.text]


def live_markup(html: str) -> list[str]:
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{html}</div>"):
        if not hasattr(element, "iter"):
            continue
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            if node.tag.lower() in DANGEROUS_TAGS:
                found.append(f"<{node.tag}>")
            for name, value in node.attrib.items():
                if name.lower().startswith("on") or "javascript:" in value.lower().replace(" ", ""):
                    found.append(f"{node.tag}[{name}]")
    return found


def test_every_feed_of_the_site_is_checked():
    assert {
        "feeds/latest.rss",
        "interpretations/feeds/latest.rss",
        "consultations/published/feed/",
        "decisions/feed.rss",
    } <= set(FEEDS)


@pytest.mark.parametrize("route", FEEDS)
def test_no_payload_comes_alive_in_a_feed_reader(citizen, payload_everywhere, route):
    response = citizen.get(concrete(route, payload_everywhere))

    assert response.status_code == 200
    texts = item_texts(response.content)
    assert any("alert(1)" in text for text in texts), "the payload reached the feed (as text)"
    for text in texts:
        assert live_markup(text) == []
