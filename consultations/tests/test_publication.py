"""留言选登: the masked public copy, confirmed by staff; personal data on no public surface."""

from __future__ import annotations

import json

import pytest

from factories import client_for

from .. import masking, services
from ..models import FAQ, Message

PHONE = "13912345678"
EMAIL = "zhangsf@example.com"
ID_NUMBER = "11010519491231002X"
BANK_CARD = "6222021234567890128"


def test_the_name_becomes_surname_and_stars():
    assert masking.mask_name("张三丰") == "张**"
    assert masking.mask_name("") == ""


@pytest.mark.django_db
def test_every_kind_of_personal_data_is_masked():
    text = (
        f"我是张三丰，电话{PHONE}，邮箱{EMAIL}，身份证{ID_NUMBER}，卡号{BANK_CARD}，"
        "住徐泾镇二联村3组45号，单位在华徐公路888弄12号501室，座机021-59741234。"
    )
    masked = masking.mask_text(text, names=["张三丰"])
    for secret in ["张三丰", PHONE, EMAIL, ID_NUMBER, BANK_CARD, "3组45号", "888弄", "501室", "59741234"]:
        assert secret not in masked, secret
    assert "二联村" in masked and "华徐公路" in masked
    assert "张**" in masked


def _answered(new_message, organisation, user, **fields) -> Message:
    question = fields.pop("question", f"我叫张三丰，电话{PHONE}，住二联村3组45号。请问扶持资金怎么申请？")
    message, _ = new_message(question=question, **fields)
    services.message_assign(message=message, organisation=organisation, user=user)
    services.message_save_draft(message=message, user=user, text=f"张三丰您好，已电话（{PHONE}）联系您。")
    services.message_send_answer(message=message, user=user)
    return message


@pytest.mark.django_db
def test_only_answered_messages_with_consent_can_be_published(new_message, organisation, dispatcher):
    unanswered, _ = new_message()
    with pytest.raises(services.ConsultationError, match="已答复"):
        services.message_prepare_publication(message=unanswered, user=dispatcher)
    no_consent = _answered(new_message, organisation, dispatcher, consent_to_publish=False)
    with pytest.raises(services.ConsultationError, match="未同意公开"):
        services.message_prepare_publication(message=no_consent, user=dispatcher)


@pytest.mark.django_db
def test_a_prepared_copy_is_not_public_until_staff_confirm_it(anonymous, new_message, organisation, dispatcher):
    message = _answered(new_message, organisation, dispatcher)
    services.message_prepare_publication(message=message, user=dispatcher)
    assert anonymous.get(f"/consultations/published/{message.pk}/").status_code == 404
    services.message_publish(message=message, user=dispatcher)
    assert anonymous.get(f"/consultations/published/{message.pk}/").status_code == 200


@pytest.mark.django_db
def test_publishing_is_refused_while_staff_edits_put_personal_data_back(new_message, organisation, dispatcher):
    message = _answered(new_message, organisation, dispatcher)
    services.message_prepare_publication(message=message, user=dispatcher)
    message.public_answer = f"请拨打{PHONE}"
    message.save(update_fields=["public_answer"])
    with pytest.raises(services.ConsultationError, match="仍有个人信息"):
        services.message_publish(message=message, user=dispatcher)
    message.refresh_from_db()
    assert message.publication == Message.Publication.PENDING


@pytest.mark.django_db
def test_the_phone_email_and_name_appear_on_no_public_surface(anonymous, new_message, organisation, dispatcher):
    message = _answered(new_message, organisation, dispatcher)
    services.message_prepare_publication(message=message, user=dispatcher)
    services.message_publish(message=message, user=dispatcher)
    surfaces = [
        "/consultations/",
        "/consultations/published/",
        f"/consultations/published/{message.pk}/",
        "/consultations/published/?q=扶持资金",
        "/consultations/published/feed/",
        "/api/consultations/",
        f"/api/consultations/{message.pk}/",
        "/api/faqs/",
        "/consultations/faq.csv",
        "/search/?q=扶持资金",  # the query itself is echoed, so search for the question's words
    ]
    for url in surfaces:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in [PHONE, "13912", EMAIL, "张三丰", "3组45号"]:
            assert secret not in body, (url, secret)
    api = json.loads(anonymous.get(f"/api/consultations/{message.pk}/").content)
    assert api["asker"] == "张**"
    assert not {"phone", "email", "asker_name", "tracking_number"} & set(api)


@pytest.mark.django_db
def test_the_published_list_is_searchable_and_filterable_by_topic(anonymous, new_message, organisation, dispatcher):
    economy = _answered(new_message, organisation, dispatcher, title="扶持资金申请")
    housing = _answered(
        new_message,
        organisation,
        dispatcher,
        title="租赁登记备案",
        topic="urban",
        question="出租房屋要到哪里登记备案？",
    )
    for message in (economy, housing):
        services.message_prepare_publication(message=message, user=dispatcher)
        services.message_publish(message=message, user=dispatcher)
    by_topic = anonymous.get("/consultations/published/?topic=urban").content.decode()
    assert "租赁登记备案" in by_topic and "扶持资金申请" not in by_topic
    by_word = anonymous.get("/consultations/published/?q=扶持").content.decode()
    assert "扶持资金申请" in by_word and "租赁登记备案" not in by_word
    bad = anonymous.get("/consultations/published/?topic=<script>&page=abc")
    assert bad.status_code == 200


@pytest.mark.django_db
def test_an_unpublished_message_is_404(anonymous, new_message, organisation, dispatcher):
    message = _answered(new_message, organisation, dispatcher)
    assert anonymous.get(f"/consultations/published/{message.pk}/").status_code == 404
    assert anonymous.get(f"/api/consultations/{message.pk}/").status_code == 404


@pytest.mark.django_db
def test_site_search_finds_the_masked_copy_and_forgets_it_when_unpublished(
    anonymous, new_message, organisation, dispatcher
):
    message = _answered(new_message, organisation, dispatcher, title="扶持资金申请时间")
    url = f"/consultations/published/{message.pk}/"
    assert url not in anonymous.get("/search/?q=扶持资金").content.decode()
    services.message_prepare_publication(message=message, user=dispatcher)
    services.message_publish(message=message, user=dispatcher)
    found = anonymous.get("/search/?q=扶持资金").content.decode()
    assert url in found
    assert PHONE not in found and "张三丰" not in found
    assert url not in anonymous.get("/search/?q=张三丰").content.decode()
    services.message_unpublish(message=message, user=dispatcher)
    assert url not in anonymous.get("/search/?q=扶持资金").content.decode()


@pytest.mark.django_db
def test_published_faqs_are_in_the_site_search(anonymous, dispatcher):
    client = client_for(dispatcher)
    client.post(
        "/admin/consultations/faq/add/",
        {
            "question": "研发费用补贴如何申请？",
            "answer": "每年9月申请。",
            "topic": "economy",
            "asked_count": "3",
            "is_published": "on",
        },
    )
    faq = FAQ.objects.get()
    assert f"/consultations/#faq-{faq.pk}" in anonymous.get("/search/?q=研发费用补贴").content.decode()


@pytest.mark.django_db
def test_the_office_landline_in_an_answer_stays_and_the_askers_own_numbers_go(new_message, organisation, dispatcher):
    message, _ = new_message(
        phone="021-59741234",
        question="我的座机是021-59741234，手机13700002222，住蟠龙路88弄5号。请问扶持资金怎么申请？",
    )
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_save_draft(
        message=message,
        user=dispatcher,
        text="您好！已按您留的电话 5974 1234 回复。详情请致电镇经济发展办公室（021-59740000）。",
    )
    services.message_send_answer(message=message, user=dispatcher)
    services.message_prepare_publication(message=message, user=dispatcher)
    message.refresh_from_db()
    assert "021-59740000" in message.public_answer  # the scan allows it, and so does the masking
    assert "5974 1234" not in message.public_answer and "59741234" not in message.public_question
    assert "13700002222" not in message.public_question and "88弄" not in message.public_question
    services.message_publish(message=message, user=dispatcher)
    message.refresh_from_db()
    assert message.publication == Message.Publication.PUBLISHED


@pytest.mark.django_db
def test_publishing_is_refused_while_the_askers_landline_is_back_in_however_spaced(
    new_message, organisation, dispatcher
):
    message = _answered(new_message, organisation, dispatcher, phone="021-59741234")
    services.message_prepare_publication(message=message, user=dispatcher)
    message.public_answer = "已回电 021 5974 1234。"
    message.save(update_fields=["public_answer"])
    with pytest.raises(services.ConsultationError, match="留言人联系方式"):
        services.message_publish(message=message, user=dispatcher)
