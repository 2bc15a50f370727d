"""The sitemap (the index and its events sections) lists the events page and each published event, not an unpublished one."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .conftest import make_event

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_published_events_only(client, organisation):
    shown = make_event(organisation)
    draft = make_event(organisation, title="尚未发布的活动", published=False)
    locations = set()
    for section in ("/sitemap-event-pages.xml", "/sitemap-events.xml"):  # the index names both
        response = client.get(section)
        assert response.status_code == 200
        locations |= {url.findtext(f"{NS}loc") for url in ET.fromstring(response.content).findall(f"{NS}url")}
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-event-pages.xml" in index and "/sitemap-events.xml" in index
    assert "http://testserver/events/" in locations
    assert f"http://testserver/events/{shown.pk}/" in locations
    assert f"http://testserver/events/{draft.pk}/" not in locations
