"""Drafting interpretations in the admin: organisation scoping, upload checks with
Chinese field errors (and nothing the drafter typed lost), role access, the plain-language aid."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import MP4_HEADER, InterpretationFactory, PolicyDocumentFactory, UserFactory, client_for, png_bytes
from interpretations.models import Form, Interpretation, InterpretationImage, Status

pytestmark = pytest.mark.django_db

ADD = "/admin/interpretations/interpretation/add/"


@pytest.fixture
def own_document(organisation):
    return PolicyDocumentFactory(organisation=organisation, title="本机构的助餐办法")


@pytest.fixture
def other_document(other_organisation):
    return PolicyDocumentFactory(organisation=other_organisation, title="经发办的补贴办法")


def form_data(document, **fields) -> dict:
    data = {
        "document": str(document.pk),
        "title": "助餐办法解读",
        "form": Form.TEXT,
        "summary": "老人可以在社区助餐点吃饭。",
        "how_to_apply": "<p>带上身份证到居委会登记。</p>",
        "interpreter_kind": "drafting_body",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def image_row(upload, alt_text: str) -> dict:
    return {
        "images-TOTAL_FORMS": "1",
        "images-0-image": upload,
        "images-0-alt_text": alt_text,
        "images-0-caption": "",
        "images-0-order": "0",
    }


def test_a_drafter_drafts_an_interpretation_of_their_organisations_document(drafter, own_document, organisation):
    response = client_for(drafter).post(ADD, form_data(own_document, body="<p>正文</p><script>alert(1)</script>"))

    assert response.status_code == 302
    interpretation = Interpretation.objects.get()
    assert interpretation.document == own_document
    assert interpretation.organisation == organisation
    assert interpretation.status == Status.DRAFT
    assert interpretation.created_by == drafter
    assert "<script" not in interpretation.body and "正文" in interpretation.body


def test_a_drafter_cannot_link_another_organisations_document(drafter, other_document):
    response = client_for(drafter).post(ADD, form_data(other_document, summary="我写的导语不能丢"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "只能为本机构（徐泾镇人民政府办公室）的文件起草解读" in text
    assert "经发办的补贴办法" in text
    assert "我写的导语不能丢" in text
    assert not Interpretation.objects.exists()


def test_the_document_list_offers_only_the_drafters_own_documents(drafter, own_document, other_document):
    text = client_for(drafter).get(ADD).content.decode()

    assert "本机构的助餐办法" in text
    assert "经发办的补贴办法" not in text


def test_a_picture_without_alt_text_is_refused_and_nothing_is_saved(drafter, own_document):
    upload = SimpleUploadedFile("flow.png", png_bytes(), content_type="image/png")
    data = form_data(own_document, form=Form.GRAPHIC, summary="图解导语", **image_row(upload, ""))

    response = client_for(drafter).post(ADD, data)

    assert response.status_code == 200
    text = response.content.decode()
    assert "请填写图片的替代文字" in text
    assert "图解导语" in text
    assert not Interpretation.objects.exists() and not InterpretationImage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("flow.png", b"<html><script>alert(1)</script></html>", "内容不是可识别的图片"),
        ("flow.jpg", png_bytes(), "文件扩展名与内容不符"),
        ("flow.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "不支持这种文件"),
    ],
)
def test_a_disguised_or_unsupported_picture_is_refused(drafter, own_document, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    data = form_data(own_document, form=Form.GRAPHIC, **image_row(upload, "办理流程图"))

    response = client_for(drafter).post(ADD, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Interpretation.objects.exists()


def test_a_graphic_with_a_real_picture_and_alt_text_is_saved(drafter, own_document):
    upload = SimpleUploadedFile("flow.png", png_bytes((64, 32)), content_type="image/png")
    data = form_data(own_document, form=Form.GRAPHIC, **image_row(upload, "办理流程：登记、领卡、用餐"))

    response = client_for(drafter).post(ADD, data)

    assert response.status_code == 302
    image = InterpretationImage.objects.get()
    assert (image.image_type, image.width, image.height) == ("png", 64, 32)
    assert image.alt_text == "办理流程：登记、领卡、用餐"


def test_a_graphic_needs_at_least_one_picture(drafter, own_document):
    response = client_for(drafter).post(ADD, form_data(own_document, form=Form.GRAPHIC))

    assert response.status_code == 200
    assert "图解至少要有一张图片" in response.content.decode()
    assert not Interpretation.objects.exists()


def test_a_disguised_video_is_refused(drafter, own_document):
    upload = SimpleUploadedFile("talk.mp4", b"MZ\x90\x00 this is a program" + b"\x00" * 64)
    data = form_data(own_document, form=Form.VIDEO, video=upload, video_transcript="大家好。")

    response = client_for(drafter).post(ADD, data)

    assert response.status_code == 200
    text = response.content.decode()
    assert "内容不是可识别的视频" in text
    assert "大家好。" in text
    assert not Interpretation.objects.exists()


def test_a_video_needs_its_transcript(drafter, own_document):
    upload = SimpleUploadedFile("talk.mp4", MP4_HEADER)

    response = client_for(drafter).post(ADD, form_data(own_document, form=Form.VIDEO, video=upload))

    assert response.status_code == 200
    assert "请填写视频文字稿" in response.content.decode()
    assert not Interpretation.objects.exists()


def test_an_expert_interpretation_names_the_interpreter_and_their_organisation(drafter, own_document):
    data = form_data(own_document, form=Form.EXPERT, interpreter_kind="association", interpreter_name="王建平")

    response = client_for(drafter).post(ADD, data)

    assert response.status_code == 200
    assert "请写明解读人所在的单位或协会" in response.content.decode()

    data["interpreter_organisation"] = "徐泾镇商会"
    assert client_for(drafter).post(ADD, data).status_code == 302
    assert Interpretation.objects.get().interpreter_organisation == "徐泾镇商会"


def test_a_follow_up_must_say_which_question_prompted_it(drafter, own_document):
    original = InterpretationFactory(document=own_document, published=True)

    response = client_for(drafter).post(ADD, form_data(own_document, follow_up_of=str(original.pk)))

    assert response.status_code == 200
    assert "请写明是群众提出的什么问题引发了这次跟踪解读" in response.content.decode()


def test_a_drafter_cannot_open_another_organisations_interpretation(drafter, other_document):
    theirs = InterpretationFactory(document=other_document)

    response = client_for(drafter).get(f"/admin/interpretations/interpretation/{theirs.pk}/change/")

    assert response.status_code == 302  # the admin's "does not exist" redirect, not the page
    assert response["Location"] == "/admin/"


def test_a_reviewer_may_not_add_interpretations(reviewer):
    assert client_for(reviewer).get(ADD).status_code == 403


def test_a_citizen_is_sent_to_the_login_page(db):
    response = client_for(UserFactory(username="citizen-b")).get(ADD)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_published_interpretation_is_read_only_for_its_drafter(drafter, own_document):
    published = InterpretationFactory(document=own_document, published=True)
    url = f"/admin/interpretations/interpretation/{published.pk}/change/"

    response = client_for(drafter).post(url, form_data(own_document, title="偷偷改标题"))

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title != "偷偷改标题"


def test_the_change_page_shows_the_reading_length_and_long_sentences(drafter, own_document):
    long_sentence = "申请人应当在本办法施行之日起三十日内向所在村民委员会或者居民委员会提出书面申请并提交身份证明户籍证明以及其他相关证明材料"
    interpretation = InterpretationFactory(document=own_document, how_to_apply=f"<p>{long_sentence}。带上身份证。</p>")

    text = (
        client_for(drafter).get(f"/admin/interpretations/interpretation/{interpretation.pk}/change/").content.decode()
    )

    assert "约需 1 分钟读完" in text
    assert "超过 60 字的句子：<strong>1</strong> 句" in text
    assert long_sentence in text
