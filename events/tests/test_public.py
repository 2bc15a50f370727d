"""The public surfaces: the list (upcoming first), the event page, the .ics download, the
feeds; none of them shows a registrant's name or phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from events import ics, services, statistics
from events.models import Kind

from .conftest import make_event, make_session

NAME = "欧阳秘密"
PHONE = "13912345678"


@pytest.fixture
def registered(session):
    services.registration_register(session_id=session.pk, name=NAME, phone=PHONE, party_size=1, email="x@example.com")
    return session


def test_the_list_shows_upcoming_first_and_hides_drafts(client, organisation):
    later = make_event(organisation, title="晚一些的活动")
    make_session(later, days=20)
    sooner = make_event(organisation, title="早一些的活动")
    make_session(sooner, days=3)
    past = make_event(organisation, title="已举行的活动")
    make_session(past, days=-5)
    make_event(organisation, title="草稿活动", published=False)
    response = client.get(reverse("events:list"))
    html = response.content.decode()
    assert [e.title for e in response.context["upcoming"]] == ["早一些的活动", "晚一些的活动"]
    assert "已举行的活动" in html and "草稿活动" not in html
    assert client.get(reverse("events:detail", args=[past.pk])).context["event"].status_label() == "已结束"


def test_derived_statuses(organisation):
    soliciting = make_event(organisation, soliciting=True)
    make_session(soliciting)
    cancelled = make_event(organisation, cancelled=True)
    make_session(cancelled)
    assert soliciting.status_label() == "征集中"
    assert cancelled.status_label() == "已取消"


def test_the_event_page_shows_venue_map_accessibility_and_seats(client, registered):
    event = registered.event
    event.map_url = "https://map.example.com/x"
    services.event_save(event=event)
    html = client.get(event.get_absolute_url()).content.decode()
    assert event.venue in html and "https://map.example.com/x" in html and "设无障碍坡道" in html
    assert "剩余 <strong>3</strong>" in html
    assert "报名中" in html


@pytest.mark.parametrize("surface", ["list", "detail", "ics", "feed_rss", "feed_atom"])
def test_no_name_or_phone_on_any_public_surface(client, registered, surface):
    args = [] if surface in ("list", "feed_rss", "feed_atom") else [registered.event.pk]
    body = client.get(reverse(f"events:{surface}", args=args)).content.decode()
    assert NAME not in body and PHONE not in body and PHONE[-4:] not in body
    assert "x@example.com" not in body


def test_the_receipt_and_code_page_do_not_echo_the_name_or_phone(client, session):
    from events.forms import new_form_token

    client.post(
        reverse("events:register", args=[session.event.pk, session.pk]),
        {"name": NAME, "phone": PHONE, "party_size": "1", "form_token": new_form_token(), "website": ""},
    )
    page = client.get(reverse("events:registered"))
    code = page.context["code"]
    viewed = client.post(reverse("events:my_registration"), {"code": code, "view": ""}).content.decode()
    for body in (page.content.decode(), viewed):
        assert NAME not in body and PHONE not in body


def test_the_ics_file_follows_rfc_5545(client, session):
    event = session.event
    event.title = "开放日；政策, 讲解\\问答"
    event.summary = "第一行\n第二行" + "很长的中文内容" * 20
    services.event_save(event=event)
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:开放日\\；政策\\, 讲解\\\\问答" not in unfolded  # the full-width semicolon is not escaped
    assert "SUMMARY:开放日；政策\\, 讲解\\\\问答\r\n" in unfolded
    assert "DESCRIPTION:第一行\\n第二行" in unfolded
    start = dt.datetime.combine(session.date, session.start_time) - dt.timedelta(hours=8)  # Asia/Shanghai
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in unfolded
    assert f"UID:event-{event.pk}-session-{session.pk}@" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1


def test_escape_and_fold_helpers():
    assert ics.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = ics.fold("DESCRIPTION:" + "汉" * 40)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "汉" * 40


def test_the_feed_lists_upcoming_events(client, session):
    body = client.get(reverse("events:feed_rss")).content.decode()
    assert session.event.title in body and session.event.venue in body


def test_annual_counts_of_sessions_held(organisation):
    open_day = make_event(organisation, kind=Kind.OPEN_DAY)
    coaching = make_event(organisation, kind=Kind.COACHING)
    cancelled = make_event(organisation, kind=Kind.COACHING, cancelled=True)
    make_session(open_day, days=-40)
    make_session(open_day, days=-10)
    make_session(coaching, days=-10)
    make_session(coaching, days=5)  # not held yet
    make_session(cancelled, days=-10)
    today = dt.date.today()
    year = (today - dt.timedelta(days=10)).year
    counts = statistics.annual_counts(year, today=today)
    expected_open = sum(1 for d in (-40, -10) if (today + dt.timedelta(days=d)).year == year)
    assert counts["open_days"] == expected_open
    assert counts["coaching_sessions"] == 1
    assert statistics.annual_counts(year - 5, today=today) == {"open_days": 0, "coaching_sessions": 0, "forums": 0}
