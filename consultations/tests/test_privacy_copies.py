"""Personal data an asker typed stays off the public copy, the FAQs and staff e-mails."""

from __future__ import annotations

import pytest

from factories import client_for
from notifications.models import OutboxMessage

from .. import services
from ..models import FAQ, Message

pytestmark = pytest.mark.django_db

MOBILE, ID_NUMBER = "13912345678", "11010519491231002X"


def _published(new_message, organisation, user, **fields) -> Message:
    message, _ = new_message(**fields)
    services.message_assign(message=message, organisation=organisation, user=user)
    services.message_save_draft(message=message, user=user, text="您好，请到村居委会申请。")
    services.message_send_answer(message=message, user=user)
    services.message_prepare_publication(message=message, user=user)
    return services.message_publish(message=message, user=user)


def test_the_notice_to_staff_carries_the_title_without_the_askers_data(new_message, organisation, dispatcher):
    dispatcher.email = "dispatcher@xujing.example.gov.cn"
    dispatcher.save(update_fields=["email"])
    message, _ = new_message(asker_name="韩梅梅", title=f"韩梅梅问助餐补贴 {MOBILE} 139 1234 5678")
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    notice = OutboxMessage.objects.get(key__startswith=f"consultation-{message.pk}-assigned")
    assert "助餐补贴" in notice.body
    assert "1234" not in notice.body and "韩梅梅" not in notice.body


def test_a_name_typed_with_a_number_and_the_enterprise_are_hidden_in_the_public_copy(
    new_message, organisation, dispatcher
):
    message = _published(
        new_message,
        organisation,
        dispatcher,
        asker_type="enterprise",
        asker_name=f"韩梅梅 {MOBILE}",
        enterprise_name="徐泾甄珏琰贸易商行",
        question=f"我是徐泾甄珏琰贸易商行的韩梅梅，身份证{ID_NUMBER}，想问扶持资金怎么申请。",
    )
    assert message.public_asker == "韩**"
    assert "韩梅梅" not in message.public_question and "甄珏琰" not in message.public_question
    assert "19491231" not in message.public_question


def test_publishing_is_refused_while_the_askers_name_is_back_in_the_copy(new_message, organisation, dispatcher):
    message, _ = new_message(asker_name="韩梅梅")
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=message, user=dispatcher, text="答复")
    services.message_send_answer(message=message, user=dispatcher)
    services.message_prepare_publication(message=message, user=dispatcher)
    message.public_question = "韩梅梅问：扶持资金怎么申请？"
    message.save(update_fields=["public_question"])
    with pytest.raises(services.ConsultationError, match="留言人姓名"):
        services.message_publish(message=message, user=dispatcher)
    message.refresh_from_db()
    assert message.publication == Message.Publication.PENDING


def test_a_published_copy_cannot_be_edited_in_the_admin(new_message, organisation, dispatcher):
    message = _published(new_message, organisation, dispatcher)
    page = client_for(dispatcher).get(f"/admin/consultations/message/{message.pk}/change/").content.decode()
    assert 'name="public_question"' not in page
    assert message.public_question in page  # shown, read-only


def test_faqs_are_shown_exported_and_served_without_personal_data(anonymous):
    services.faq_create(
        faq=FAQ(
            question=f"助餐补贴怎么申请（电话{MOBILE}）",
            answer=f"带身份证{ID_NUMBER}到窗口办理，咨询电话021-59740000。",
            topic="civil",
            is_published=True,
        )
    )
    for url in ["/consultations/", "/consultations/faq.csv", "/api/faqs/", "/search/?q=助餐补贴"]:
        body = anonymous.get(url).content.decode("utf-8-sig")
        assert "助餐补贴" in body, url
        assert "91234" not in body and "19491231" not in body, url
    assert "021-59740000" in anonymous.get("/consultations/faq.csv").content.decode("utf-8-sig")
