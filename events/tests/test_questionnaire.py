"""After the event: the questionnaire answered once per checked-in registration with its
code, its results charted on the event page (with the same figures in a table), free-text
answers never published, and the Q&A with the record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from events import selectors, services
from events.forms import QUESTIONNAIRE_SALT
from events.models import (
    EventQuestionAnswer,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireResponse,
    QuestionOption,
)
from xujing_portal import form_guard

from .conftest import make_event, make_session

PHONE_IN_TEXT = "13912345678"


@pytest.fixture
def held(organisation):
    """An event held yesterday, with its questionnaire open and three people registered."""
    event = make_event(organisation, title="政策宣讲：城乡居民医保参保缴费")
    session = make_session(event, days=-1, capacity=20)
    questionnaire = services.questionnaire_save(questionnaire=Questionnaire(event=event, accepting=True))
    single = services.question_save(
        question=Question(questionnaire=questionnaire, text="您从哪里得知本次活动？", kind=QuestionKind.SINGLE, order=1)
    )
    web, notice = (
        services.option_save(option=QuestionOption(question=single, text=label, order=n))
        for n, label in enumerate(["门户网站", "居委会通知"])
    )
    multiple = services.question_save(
        question=Question(questionnaire=questionnaire, text="您最关心哪些内容？", kind=QuestionKind.MULTIPLE, order=2)
    )
    fees, refunds = (
        services.option_save(option=QuestionOption(question=multiple, text=label, order=n))
        for n, label in enumerate(["缴费标准", "报销比例"])
    )
    rating = services.question_save(
        question=Question(questionnaire=questionnaire, text="总体评价", kind=QuestionKind.RATING, order=3)
    )
    text = services.question_save(
        question=Question(questionnaire=questionnaire, text="您的建议", kind=QuestionKind.TEXT, order=4, required=False)
    )
    codes = []
    before = session.starts_at() - dt.timedelta(days=3)
    for n in range(3):
        receipt = services.registration_register(
            session_id=session.pk, name=f"参加者{n}", phone=f"1380000000{n}", party_size=1, now=before
        )
        codes.append(receipt.code)
    return {
        "event": event,
        "session": session,
        "questionnaire": questionnaire,
        "single": single,
        "web": web,
        "notice": notice,
        "multiple": multiple,
        "fees": fees,
        "refunds": refunds,
        "rating": rating,
        "text": text,
        "codes": codes,
    }


def check_in(held, index):
    registration = services.registration_by_code(held["codes"][index])
    services.registration_check_in(registration=registration, now=held["session"].starts_at())


def answer(held, index, *, source, topics, score, suggestion=""):
    return services.questionnaire_answer(
        questionnaire=held["questionnaire"],
        code=held["codes"][index],
        answers={
            held["single"].pk: held[source].pk,
            held["multiple"].pk: [held[t].pk for t in topics],
            held["rating"].pk: score,
            held["text"].pk: suggestion,
        },
    )


def post_data(held, code, **overrides):
    data = {
        "code": code,
        "form_token": form_guard.new_form_token(QUESTIONNAIRE_SALT),
        f"q{held['single'].pk}": str(held["web"].pk),
        f"q{held['multiple'].pk}": [str(held["fees"].pk)],
        f"q{held['rating'].pk}": "4",
        f"q{held['text'].pk}": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_results_are_counted_and_charted_with_a_table(client, held):
    for n in range(3):
        check_in(held, n)
    answer(held, 0, source="web", topics=["fees", "refunds"], score=5)
    answer(held, 1, source="web", topics=["fees"], score=4)
    answer(held, 2, source="notice", topics=["refunds"], score=2)

    results = selectors.questionnaire_results(held["event"])
    single, multiple, rating, text = results["questions"]
    assert results["respondents"] == 3
    assert [(r["label"], r["count"]) for r in single["rows"]] == [("门户网站", 2), ("居委会通知", 1)]
    assert [(r["label"], r["count"], r["percent"]) for r in multiple["rows"]] == [
        ("缴费标准", 2, 67),
        ("报销比例", 2, 67),
    ]
    assert rating["average"] == 3.7
    assert [r["count"] for r in rating["rows"]] == [0, 1, 0, 1, 1]

    html = client.get(held["event"].get_absolute_url()).content.decode()
    assert "共收到 3 份答卷" in html
    assert "3.7 分" in html
    assert f'id="table-q{held["single"].pk}"' in html and '<th scope="row">门户网站</th><td>2</td>' in html
    assert "vendor/echarts/echarts.common.min.js" in html and "js/events-results.js" in html
    chart = json.loads(html.split('id="event-results-data" type="application/json">')[1].split("</script>")[0])
    assert chart[f"q{held['single'].pk}"]["counts"] == [2, 1]
    assert chart[f"q{held['rating'].pk}"]["labels"] == ["1 分", "2 分", "3 分", "4 分", "5 分"]


def test_free_text_answers_are_counted_never_published(client, held):
    check_in(held, 0)
    check_in(held, 1)
    answer(held, 0, source="web", topics=["fees"], score=5, suggestion=f"我是王小明，电话 {PHONE_IN_TEXT}，请回电")
    answer(held, 1, source="web", topics=["fees"], score=4)
    html = client.get(held["event"].get_absolute_url()).content.decode()
    assert '收到 <strong class="result-text-count">1</strong> 条文字回答' in html
    assert PHONE_IN_TEXT not in html and "王小明" not in html and "请回电" not in html
    # Nor who answered: the registrations' names and phones.
    assert "参加者0" not in html and "13800000000" not in html
    assert f"q{held['text'].pk}" not in html.split('id="event-results-data"')[1].split("</script>")[0]


def test_no_results_are_shown_before_the_event_has_ended(client, organisation):
    event = make_event(organisation)
    session = make_session(event, days=5)
    questionnaire = services.questionnaire_save(questionnaire=Questionnaire(event=event, accepting=True))
    question = services.question_save(
        question=Question(questionnaire=questionnaire, text="总体评价", kind=QuestionKind.RATING)
    )
    receipt = services.registration_register(session_id=session.pk, name="甲", phone="13800000009", party_size=1)
    services.registration_check_in(registration=receipt.registration)
    services.questionnaire_answer(questionnaire=questionnaire, code=receipt.code, answers={question.pk: 5})
    assert selectors.questionnaire_results(event) is None
    assert "共收到" not in client.get(event.get_absolute_url()).content.decode()


def test_a_participant_answers_once_with_the_code(client, held):
    check_in(held, 0)
    url = reverse("events:questionnaire", args=[held["event"].pk])
    response = client.post(url, post_data(held, held["codes"][0].lower()))
    assert response.status_code == 302
    assert QuestionnaireResponse.objects.count() == 1
    again = client.post(url, post_data(held, held["codes"][0]))
    assert again.status_code == 409
    assert "只能填写一次" in again.content.decode()
    assert QuestionnaireResponse.objects.count() == 1


def test_only_a_checked_in_registration_may_answer(client, held):
    url = reverse("events:questionnaire", args=[held["event"].pk])
    response = client.post(url, post_data(held, held["codes"][1]))
    assert response.status_code == 409
    assert "仅限到场签到的参加者" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_a_wrong_code_or_another_events_code_is_refused(client, held, organisation):
    other = make_session(make_event(organisation, title="另一个活动"), days=3)
    foreign = services.registration_register(session_id=other.pk, name="乙", phone="13800000008", party_size=1)
    url = reverse("events:questionnaire", args=[held["event"].pk])
    for code in ["WRONGCODE1", foreign.code]:
        response = client.post(url, post_data(held, code))
        assert response.status_code == 409
        assert "报名码不正确" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_a_missing_answer_is_a_chinese_message_and_the_form_keeps_the_input(client, held):
    check_in(held, 0)
    url = reverse("events:questionnaire", args=[held["event"].pk])
    data = post_data(held, held["codes"][0], **{f"q{held['rating'].pk}": "", f"q{held['text'].pk}": "晚上加一场"})
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "请选择 1 到 5 分。" in html
    assert "晚上加一场" in html and held["codes"][0] in html
    single, web = held["single"].pk, held["web"].pk
    assert f'name="q{single}" value="{web}" id="id_q{single}_0" required checked>' in html
    assert not QuestionnaireResponse.objects.exists()


def test_an_option_of_another_question_is_refused(held):
    check_in(held, 0)
    with pytest.raises(services.QuestionnaireError, match="选项无效"):
        services.questionnaire_answer(
            questionnaire=held["questionnaire"],
            code=held["codes"][0],
            answers={held["single"].pk: held["fees"].pk, held["multiple"].pk: [], held["rating"].pk: 3},
        )
    assert not QuestionnaireResponse.objects.exists()


def test_a_closed_questionnaire_accepts_nothing(client, held):
    check_in(held, 0)
    questionnaire = held["questionnaire"]
    questionnaire.closes_at = timezone.now() - dt.timedelta(hours=1)
    services.questionnaire_save(questionnaire=questionnaire)
    url = reverse("events:questionnaire", args=[held["event"].pk])
    assert "该问卷目前不接受填写" in client.get(url).content.decode()
    assert client.post(url, post_data(held, held["codes"][0])).status_code == 409
    assert not QuestionnaireResponse.objects.exists()


def test_the_kind_of_an_answered_question_cannot_change(held):
    check_in(held, 0)
    answer(held, 0, source="web", topics=["fees"], score=5)
    rating = held["rating"]
    rating.kind = QuestionKind.TEXT
    with pytest.raises(services.QuestionnaireError):
        services.question_save(question=rating)


def test_the_q_and_a_is_published_with_the_record(client, held):
    services.question_answer_save(
        item=EventQuestionAnswer(event=held["event"], question="错过缴费期怎么办？", answer="可按规定补缴。")
    )
    html = client.get(held["event"].get_absolute_url()).content.decode()
    assert "现场问答" in html and "错过缴费期怎么办？" in html and "可按规定补缴。" in html


def test_a_rating_out_of_range_or_garbage_is_refused_by_the_service_too(held):
    check_in(held, 0)
    base = {held["single"].pk: held["web"].pk, held["multiple"].pk: [held["fees"].pk]}
    for bad, message in [(6, "1 到 5 分"), ("many", "回答无效")]:
        with pytest.raises(services.QuestionnaireError, match=message):
            services.questionnaire_answer(
                questionnaire=held["questionnaire"], code=held["codes"][0], answers={**base, held["rating"].pk: bad}
            )
    assert not QuestionnaireResponse.objects.exists()


def test_a_forged_post_is_a_400_with_a_chinese_message(client, held):
    check_in(held, 0)
    url = reverse("events:questionnaire", args=[held["event"].pk])
    response = client.post(url, post_data(held, held["codes"][0], **{f"q{held['rating'].pk}": "9"}))
    assert response.status_code == 400
    assert "请在 1 到 5 分之间选择。" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()
