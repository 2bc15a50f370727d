"""Topic solicitation: the public proposes and votes (one vote per person per topic, rate
limit, honeypot, minimum fill time); staff merge duplicates and pick the programme; the
page shows the result with the counts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from events import services
from events.forms import TOPIC_SALT
from events.models import Topic, TopicStatus, TopicVote
from xujing_portal import form_guard

from .conftest import make_event, make_session


@pytest.fixture
def soliciting(organisation):
    event = make_event(organisation, title="座谈会：加装电梯", soliciting=True)
    make_session(event)
    return event


def _propose(client, event, **data):
    values = {
        "title": "加装电梯的补贴怎么申请",
        "venue": "",
        "website": "",
        "form_token": form_guard.new_form_token(TOPIC_SALT),
    }
    values.update(data)
    return client.post(reverse("events:propose_topic", args=[event.pk]), values)


def _vote(client, event, topic, **data):
    values = {"website": "", "form_token": form_guard.new_form_token(TOPIC_SALT), **data}
    return client.post(reverse("events:vote_topic", args=[event.pk, topic.pk]), values)


def test_propose_and_vote_once(client, soliciting):
    assert _propose(client, soliciting).status_code == 302
    topic = Topic.objects.get()
    assert _vote(client, soliciting, topic).status_code == 302
    again = _vote(client, soliciting, topic)
    assert again.status_code == 409 and "只能投一票" in again.content.decode()
    assert TopicVote.objects.count() == 1


def test_clearing_the_cookie_does_not_give_a_second_vote(client, soliciting):
    _propose(client, soliciting)
    topic = Topic.objects.get()
    _vote(client, soliciting, topic)
    fresh = Client()  # no cookie, same address and browser
    assert _vote(fresh, soliciting, topic).status_code == 409


def test_another_browser_may_vote(client, soliciting):
    _propose(client, soliciting)
    topic = Topic.objects.get()
    _vote(client, soliciting, topic)
    other = Client(HTTP_USER_AGENT="Other browser")
    assert _vote(other, soliciting, topic).status_code == 302
    page = client.get(soliciting.get_absolute_url()).content.decode()
    assert '<td class="topic-votes">2</td>' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "请填写议题"),
        ({"title": "电梯"}, "议题太短"),
        ({"title": "长" * 101}, "不能超过 100 个字"),
        ({"website": "spam"}, "提交未通过校验"),
        ({"form_token": "x"}, "页面已失效"),
    ],
)
def test_bad_proposals_are_400_in_chinese_and_keep_the_text(client, soliciting, data, message):
    response = _propose(client, soliciting, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Topic.objects.count() == 0


def test_too_fast_votes_and_honeypot_votes_are_refused(client, soliciting, settings):
    topic = services.topic_propose(event=soliciting, title="社区养老政策")
    assert _vote(client, soliciting, topic, website="bot").status_code == 400
    settings.EVENTS_MIN_FILL_SECONDS = 60
    response = _vote(client, soliciting, topic)
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert TopicVote.objects.count() == 0


def test_proposals_are_rate_limited(client, soliciting, settings):
    settings.EVENTS_PROPOSE_RATE = "3/h"
    statuses = [_propose(client, soliciting, title=f"议题第{n}个关心的问题").status_code for n in range(5)]
    assert statuses[:3] == [302, 302, 302] and statuses[-1] == 429
    assert Topic.objects.count() == 3


def test_a_phone_in_a_topic_is_masked(client, soliciting):
    _propose(client, soliciting, title="请回电话13912345678讲讲补贴")
    page = client.get(soliciting.get_absolute_url()).content.decode()
    assert "13912345678" not in page


def test_duplicate_title_is_a_clear_409(client, soliciting):
    _propose(client, soliciting)
    response = _propose(client, soliciting)
    assert response.status_code == 409 and "相同的议题" in response.content.decode()


def test_merge_moves_votes_and_counts_a_person_once(soliciting):
    a = services.topic_propose(event=soliciting, title="加装电梯补贴")
    b = services.topic_propose(event=soliciting, title="电梯加装的补贴标准")
    services.topic_vote(topic_id=a.pk, voter_key="v1", network_key="n1")
    services.topic_vote(topic_id=b.pk, voter_key="v1", network_key="n1")  # the same person
    services.topic_vote(topic_id=b.pk, voter_key="v2", network_key="n2")
    services.topic_merge(source=b, target=a)
    b.refresh_from_db()
    assert b.status == TopicStatus.MERGED and b.merged_into == a
    assert a.votes.count() == 2


def test_the_result_shows_the_programme_with_counts(client, soliciting):
    a = services.topic_propose(event=soliciting, title="加装电梯补贴")
    b = services.topic_propose(event=soliciting, title="停车难")
    services.topic_vote(topic_id=a.pk, voter_key="v1", network_key="n1")
    services.topic_set_status(topic=a, status=TopicStatus.SELECTED)
    soliciting.soliciting = False
    services.event_save(event=soliciting)
    html = client.get(soliciting.get_absolute_url()).content.decode()
    assert "议题征集结果" in html and "已列入议程" in html and "未列入" in html
    assert html.index("加装电梯补贴") < html.index(b.title)
    with pytest.raises(services.TopicError):
        services.topic_vote(topic_id=b.pk, voter_key="v9", network_key="n9")


def test_staff_merge_in_the_admin(soliciting, drafter):
    from factories import client_for

    a = services.topic_propose(event=soliciting, title="加装电梯补贴")
    b = services.topic_propose(event=soliciting, title="电梯补贴")
    services.topic_vote(topic_id=a.pk, voter_key="v1", network_key="n1")
    staff = client_for(drafter)
    response = staff.post(
        reverse("admin:events_topic_changelist"),
        {"action": "merge_into_most_voted", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.merged_into_id == a.pk


def test_staff_reword_a_topic_in_the_admin(soliciting, drafter):
    from factories import client_for

    topic = services.topic_propose(event=soliciting, title="电梯补贴咋申请")
    staff = client_for(drafter)
    url = reverse("admin:events_topic_change", args=[topic.pk])
    response = staff.post(url, {"title": "加装电梯补贴如何申请", "venue": "", "status": TopicStatus.SELECTED})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "加装电梯补贴如何申请" and topic.status == TopicStatus.SELECTED
