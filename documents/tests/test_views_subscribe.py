"""/subscribe/ (订阅): what a feed is, and every feed of the portal with its address."""

from __future__ import annotations

import re

import pytest

from factories import CatalogTagFactory, OrganisationFactory, TagDimensionFactory
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(citizen):
    topic = TagDimensionFactory(name="主题", slug="topic")
    CatalogTagFactory(name="养老服务", slug="yanglao-fuwu", dimension=topic)  # no document yet: still offered
    OrganisationFactory(name="徐泾镇人民政府", slug="government", kind=Organisation.Kind.GOVERNMENT)
    OrganisationFactory(name="徐泾镇二联村村民委员会", slug="erlian-village", kind=Organisation.Kind.VILLAGE)
    response = citizen.get("/subscribe/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_explains_what_a_feed_reader_is_and_how_to_subscribe(page):
    assert "<h1>订阅</h1>" in page
    assert "RSS 阅读器" in page
    assert "添加订阅" in page


def test_it_gives_the_addresses_of_the_feed_of_all_documents(page):
    assert "http://testserver/feeds/latest.rss" in page
    assert "http://testserver/feeds/latest.atom" in page


def test_it_offers_a_feed_per_tag_and_per_organisation(page):
    assert 'href="/feeds/tags/yanglao-fuwu.rss"' in page
    assert 'href="/feeds/tags/yanglao-fuwu.atom"' in page
    assert 'href="/feeds/organisations/government.rss"' in page
    assert 'href="/feeds/organisations/erlian-village.atom"' in page
    assert "村居委" in page


def test_it_links_the_interpretation_and_decision_feeds(page):
    assert 'href="/interpretations/feeds/latest.rss"' in page
    assert 'href="/interpretations/feeds/latest.atom"' in page
    assert 'href="/decisions/feed.rss"' in page


def test_it_says_that_e_mail_subscription_is_coming(page):
    assert "邮件订阅" in page
    assert "正在建设中" in page


def test_the_main_menu_and_the_footer_lead_to_this_page_not_to_raw_xml(citizen, page):
    home = citizen.get("/").content.decode()

    nav = re.search(r'<nav class="site-nav".*?</nav>', home, re.S).group()
    assert '<a href="/subscribe/">订阅</a>' in nav
    assert "/feeds/" not in nav
    footer = re.search(r'<footer class="site-footer">.*?</footer>', home, re.S).group()
    assert 'href="/subscribe/"' in footer
    assert "/feeds/" not in footer
    assert '<a href="/subscribe/" aria-current="page">订阅</a>' in page


def test_it_has_no_inline_scripts_or_styles(page):
    assert "style=" not in page
    assert "<script>" not in page
