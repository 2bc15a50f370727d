"""The reply letter (答复告知书): written from its outcome's template when the reply is
drafted, with the registration number, the applicant, the dates, the legal basis and the
remedy clause; editable by the handler until the head signs, fixed after; rendered as a PDF
that embeds its Chinese font and as a DOCX."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from applications import letters, services
from applications.models import OUTCOME_REASONS, Outcome, OutcomeReason
from factories import PolicyDocumentFactory, client_for

from .letters_sample import docx_text, draft, frozen_day, pdf_fonts, pdf_text, sign  # noqa: F401

pytestmark = pytest.mark.django_db

Oc, R = Outcome, OutcomeReason
# (outcome, reason, what else the handler filled in, the articles the letter must cite)
CASES = [
    (Oc.DISCLOSED, "", {}, "第三十六条第（二）项"),
    (Oc.PARTLY_DISCLOSED, "", {"note": "其中涉及个人隐私的内容不予公开。"}, "第三十七条"),
    (Oc.WITHHELD, R.STATE_SECRET, {}, "第十四条、第三十六条第（三）项"),
    (Oc.WITHHELD, R.THIRD_PARTY_RIGHTS, {}, "第十五条、第三十六条第（三）项"),
    (Oc.WITHHELD, R.INTERNAL_AFFAIRS, {}, "第十六条第一款"),
    (Oc.WITHHELD, R.PROCESS_INFORMATION, {}, "第十六条第二款"),
    (Oc.UNAVAILABLE, R.NOT_HELD, {}, "第三十六条第（四）项"),
    (Oc.UNAVAILABLE, R.NEEDS_CREATION, {}, "第三十八条"),
    (Oc.NOT_PROCESSED, R.REPEATED, {}, "第三十六条第（六）项"),
    (Oc.NOT_PROCESSED, R.EXCESSIVE, {}, "第三十五条"),
    (Oc.NOT_PROCESSED, R.PETITION, {}, "第三十九条第一款"),
    (Oc.OTHER, R.OTHER, {"note": "申请人撤回申请。"}, "《中华人民共和国政府信息公开条例》"),
]


@pytest.mark.parametrize(("outcome", "reason", "fields", "basis"), CASES)
def test_the_drafted_letter_holds_the_number_the_applicant_the_dates_and_its_legal_basis(
    handled_application, handler, outcome, reason, fields, basis
):
    application = handled_application
    if reason == R.EXCESSIVE:  # Art. 35: only after the applicant was asked for reasons
        services.application_request_reasons(application=application, user=handler, text="请说明理由。")
    draft(application, handler, outcome, reason, **fields)

    application.refresh_from_db()
    text = application.letter_text
    assert text.startswith("欧阳秘密：")
    assert application.number in text and "2026年3月2日" in text and "2025年度道路养护经费使用情况" in text
    assert basis in text
    assert letters.REMEDY in text  # 60日内申请行政复议，或者在6个月内向人民法院提起行政诉讼
    for note in fields.values():
        assert note in text


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [(o, r) for o, reasons in OUTCOME_REASONS.items() for r in reasons or ("",) if r != R.OTHER],
)
def test_every_outcome_and_reason_has_an_article(handled_application, outcome, reason):
    application = handled_application
    application.outcome, application.outcome_reason = outcome, reason

    assert letters.legal_basis(application).startswith("第")
    assert letters.cited_basis(application) in letters.letter_body(application)


def test_an_already_disclosed_reply_names_the_document_and_its_link(handled_application, handler):
    application = handled_application
    document = PolicyDocumentFactory(title="徐泾镇道路养护经费使用情况公告", published=True)

    draft(application, handler, Oc.DISCLOSED, document=document)

    application.refresh_from_db()
    assert "第三十六条第（一）项" in application.letter_text
    assert "《徐泾镇道路养护经费使用情况公告》" in application.letter_text
    assert f"{settings.SITE_URL}{document.get_absolute_url()}" in application.letter_text


def test_a_reply_not_of_this_organ_names_the_competent_organ(handled_application, handler):
    application = handled_application
    draft(application, handler, Oc.UNAVAILABLE, R.NOT_HELD, competent_organ="青浦区规划和自然资源局")

    application.refresh_from_db()
    assert "第三十六条第（五）项" in application.letter_text
    assert "由青浦区规划和自然资源局负责公开" in application.letter_text


def test_the_pdf_opens_and_holds_the_number_the_legal_basis_and_the_organ(
    handled_application, handler, application_signer
):
    application = handled_application
    draft(application, handler, Oc.WITHHELD, R.THIRD_PARTY_RIGHTS)
    sign(application, application_signer)

    content = letters.letter_pdf(application)

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert application.number in text and "第十五条、第三十六条第（三）项" in text
    assert "徐泾镇人民政府" in text and "政府信息公开申请答复告知书" in text and "2026年3月10日" in text
    assert "草稿" not in text
    assert any("WenQuanYi" in font and font.endswith("embedded") for font in pdf_fonts(content))


def test_a_draft_letter_is_marked_as_such(handled_application, handler):
    application = handled_application
    draft(application, handler)

    assert "草稿，尚未审签" in pdf_text(letters.letter_pdf(application))
    assert "草稿，尚未审签" in docx_text(letters.letter_docx(application))


def test_the_docx_opens_and_holds_the_number_and_the_legal_basis(handled_application, handler, application_signer):
    application = handled_application
    draft(application, handler, Oc.NOT_PROCESSED, R.REPEATED)
    sign(application, application_signer)

    text = docx_text(letters.letter_docx(application))

    assert application.number in text and "第三十六条第（六）项" in text
    assert "欧阳秘密：" in text and letters.REMEDY in text and "2026年3月10日" in text


def _letter_step(application) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, "letter"])


def test_the_handler_edits_the_letter_before_signing_and_the_pdf_shows_the_edit(
    handled_application, handler, application_signer
):
    application = handled_application
    draft(application, handler)
    client = client_for(handler)
    page = client.get(reverse("admin:applications_application_change", args=[application.pk])).content.decode()
    assert "修改告知书" in page and "第三十六条第（二）项" in page  # the textarea holds the draft

    edited = application.letter_text + "\n联系人：城建办王老师，电话 021-00000000。"
    response = client.post(_letter_step(application), {"letter-text": edited})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.letter_text.endswith("联系人：城建办王老师，电话 021-00000000。")
    assert "联系人：城建办王老师" in pdf_text(letters.letter_pdf(application))
    sign(application, application_signer)
    application.refresh_from_db()
    assert "联系人：城建办王老师" in application.letter_text  # signing keeps the edited text


def test_after_signing_the_letter_cannot_be_edited(handled_application, handler, application_signer):
    application = handled_application
    draft(application, handler)
    sign(application, application_signer)
    signed_text = application.letter_text

    response = client_for(handler).post(_letter_step(application), {"letter-text": "改过的告知书"})

    assert response.status_code == 409
    assert "答复已经审签，告知书不能再修改" in response.content.decode()
    application.refresh_from_db()
    assert application.letter_text == signed_text
    with pytest.raises(services.ApplicationError, match="答复已经审签"):
        services.application_letter_edit(application=application, user=handler, text="再改")


def test_an_empty_letter_is_refused_and_the_draft_kept(handled_application, handler):
    application = handled_application
    draft(application, handler)
    before = application.letter_text

    response = client_for(handler).post(_letter_step(application), {"letter-text": "   "})

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.letter_text == before


def test_only_the_handling_organisations_handler_edits_the_letter(
    handled_application, handler, other_handler, application_signer
):
    application = handled_application
    draft(application, handler)

    assert client_for(other_handler).post(_letter_step(application), {"letter-text": "别人改"}).status_code == 403
    assert (
        client_for(application_signer).post(_letter_step(application), {"letter-text": "负责人改"}).status_code == 403
    )


def test_drafting_again_writes_the_letter_for_the_new_outcome(handled_application, handler):
    application = handled_application
    draft(application, handler)
    draft(application, handler, Oc.WITHHELD, R.STATE_SECRET)

    application.refresh_from_db()
    assert "第十四条" in application.letter_text and "予以公开" not in application.letter_text


def test_markup_typed_into_the_letter_is_printed_as_text_never_fetched(handled_application, handler):
    application = handled_application
    draft(application, handler, note='<img src="file:///etc/passwd"><b>加粗</b>')

    html = letters.letter_html(application)

    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html and "<b>" not in html
    assert "<imgsrc=" in pdf_text(letters.letter_pdf(application))


def test_a_partly_disclosed_letter_says_why_parts_are_withheld(handled_application, handler):
    application = handled_application
    draft(application, handler, Oc.PARTLY_DISCLOSED)
    assert letters.WITHHELD_PARTS in application.letter_text

    draft(application, handler, Oc.PARTLY_DISCLOSED, note="施工单位的报价属于商业秘密。")
    assert "对不予公开的内容，说明理由如下：\n施工单位的报价属于商业秘密。" in application.letter_text
