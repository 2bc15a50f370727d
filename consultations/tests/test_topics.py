"""Citizens pick an everyday topic (养老服务, 住房 …); the message is filed under the national
classification too. FAQs are grouped and found by the same words."""

from __future__ import annotations

import pytest

from documents.models import Topic
from factories import FAQFactory

from ..models import NATIONAL_TOPIC, EverydayTopic, Message
from .test_board_view import URL, form_data


def test_every_everyday_topic_is_filed_under_a_national_one():
    assert set(NATIONAL_TOPIC) == set(EverydayTopic.values)
    assert set(NATIONAL_TOPIC.values()) <= set(Topic.values)
    assert NATIONAL_TOPIC[EverydayTopic.ELDERLY] == Topic.CIVIL


@pytest.mark.django_db
def test_the_form_offers_everyday_topics_not_the_national_classification(anonymous):
    page = anonymous.get(URL).content.decode()
    topics = page.split('name="everyday_topic"', 1)[1].split("</select>", 1)[0]
    assert "养老服务" in topics and "社区治理" in topics and "民政、扶贫、救灾" not in topics


@pytest.mark.django_db
def test_an_elderly_meal_question_keeps_the_askers_topic_and_gets_the_national_one(anonymous):
    anonymous.post(URL, form_data(everyday_topic="elderly", title="老人助餐怎么申请"))
    message = Message.objects.get()
    assert message.everyday_topic == "elderly" and message.topic == Topic.CIVIL
    assert message.topic_label == "养老服务"


@pytest.mark.django_db
def test_messages_stored_before_keep_their_national_topic_label(new_message):
    message, _ = new_message(topic="urban")
    assert message.everyday_topic == "" and message.topic_label == "城乡建设、环境保护"


@pytest.mark.django_db
def test_faqs_are_grouped_by_everyday_topic_on_the_board(anonymous):
    FAQFactory(question="老年人助餐服务怎么申请？", everyday_topic="elderly", topic="civil", asked_count=9)
    FAQFactory(question="扶持资金怎么申请？", everyday_topic="business", topic="economy", asked_count=3)
    page = anonymous.get(URL).content.decode()
    assert page.index("养老服务") < page.index("企业服务")
    assert "民政、扶贫、救灾" not in page.split("我要留言", 1)[0]
    first = anonymous.get("/api/faqs/").json()["results"][0]
    assert (first["everyday_topic"], first["everyday_topic_label"], first["topic"]) == ("elderly", "养老服务", "civil")


@pytest.mark.django_db
def test_the_faq_search_finds_the_meal_faq_for_yanglao(anonymous):
    FAQFactory(
        question="老年人助餐服务怎么申请？补贴多少？",
        answer="本镇60周岁以上老年人到所在村（居）委会登记即可。",
        everyday_topic="elderly",
        topic="civil",
    )
    FAQFactory(question="扶持资金怎么申请？", everyday_topic="business", topic="economy")
    page = anonymous.get(URL + "?q=养老").content.decode()
    assert "老年人助餐服务怎么申请？补贴多少？" in page and "扶持资金怎么申请？" not in page
    # The site search finds it too, for the same reason.
    assert "老年人助餐服务怎么申请" in anonymous.get("/search/?q=养老&kind=faq").content.decode()


@pytest.mark.django_db
def test_an_unpublished_faq_is_not_found(anonymous):
    FAQFactory(question="内部草稿：助餐补贴调整？", everyday_topic="elderly", topic="civil", is_published=False)
    assert "内部草稿" not in anonymous.get(URL + "?q=助餐").content.decode()
