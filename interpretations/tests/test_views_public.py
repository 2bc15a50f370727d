"""The public pages: /interpretations/ list, the interpretation page, the 解读 panel
on the policy page, and the pictures and videos."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import DisclosureScope
from factories import (
    MP4_HEADER,
    CatalogTagFactory,
    InterpretationFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    png_bytes,
)
from interpretations.models import Form, InterpretationImage, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return PolicyDocumentFactory(published=True, title="徐泾镇老年人助餐服务管理办法")


@pytest.fixture
def interpretation(policy):
    return InterpretationFactory(
        document=policy,
        published=True,
        title="助餐办法解读",
        how_to_apply="<ol><li>带上身份证到居委会登记。</li></ol>",
        core_concepts="<p>社区助餐点是为老人提供午餐的地方。</p>",
    )


def test_the_list_shows_published_interpretations_only(citizen, policy, interpretation):
    InterpretationFactory(document=policy, title="还在起草的解读")
    InterpretationFactory(document=policy, title="已撤回的解读", status=Status.WITHDRAWN)
    unpublished_policy = PolicyDocumentFactory(title="未发布的文件")
    InterpretationFactory(document=unpublished_policy, title="未发布文件的解读", status=Status.REVIEWED)

    response = citizen.get("/interpretations/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "助餐办法解读" in text
    for hidden in ("还在起草的解读", "已撤回的解读", "未发布文件的解读"):
        assert hidden not in text


def test_the_list_hides_interpretations_of_targeted_documents(citizen):
    targeted = PolicyDocumentFactory(published=True, disclosure_scope=DisclosureScope.TARGETED)
    InterpretationFactory(document=targeted, published=True, title="定向文件的解读")

    assert "定向文件的解读" not in citizen.get("/interpretations/").content.decode()


def test_the_list_filters_by_tag_organisation_and_form(citizen):
    elderly = CatalogTagFactory(name="养老服务", slug="elderly")
    economy = OrganisationFactory(name="徐泾镇经济发展办公室", slug="economy")
    tagged = PolicyDocumentFactory(published=True, tags=[elderly])
    InterpretationFactory(document=tagged, published=True, title="带养老标签的解读")
    economy_policy = PolicyDocumentFactory(published=True, organisation=economy)
    InterpretationFactory(document=economy_policy, published=True, title="经发办的问答", form=Form.QA)

    by_tag = citizen.get("/interpretations/?tag=elderly").content.decode()
    by_org = citizen.get("/interpretations/?organisation=economy").content.decode()
    by_form = citizen.get("/interpretations/?form=qa").content.decode()

    assert "带养老标签的解读" in by_tag and "经发办的问答" not in by_tag
    assert "经发办的问答" in by_org and "带养老标签的解读" not in by_org
    assert "经发办的问答" in by_form and "带养老标签的解读" not in by_form


def test_an_unknown_filter_value_is_ignored_with_a_message(citizen, interpretation):
    response = citizen.get("/interpretations/?form=poster&tag=nope")

    assert response.status_code == 200
    text = response.content.decode()
    assert "无效或不存在" in text
    assert "助餐办法解读" in text


def test_the_page_puts_the_how_to_apply_section_first_and_links_to_the_policy(citizen, policy, interpretation):
    response = citizen.get(f"/interpretations/{interpretation.pk}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="how-to-apply"' in text and "带上身份证到居委会登记" in text
    assert text.index('id="how-to-apply"') < text.index('id="core-concepts"')
    assert 'href="#how-to-apply"' in text and 'href="#core-concepts"' in text  # table of contents
    assert f'href="{policy.get_absolute_url()}"' in text


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEWED, Status.WITHDRAWN])
def test_an_unpublished_interpretation_is_not_found(citizen, policy, status):
    hidden = InterpretationFactory(document=policy, status=status)

    assert citizen.get(f"/interpretations/{hidden.pk}/").status_code == 404


def test_an_interpretation_scheduled_with_its_policy_is_not_shown_early(citizen):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    policy = PolicyDocumentFactory(published=True, published_at=tomorrow)
    scheduled = InterpretationFactory(document=policy, published=True)

    assert scheduled.published_at == tomorrow
    assert citizen.get(f"/interpretations/{scheduled.pk}/").status_code == 404


def test_the_policy_page_lists_its_interpretations_newest_follow_up_first(citizen, policy, interpretation):
    first = InterpretationFactory(
        document=policy,
        follow_up_of=interpretation,
        prompting_question="子女不在身边的老人能送餐上门吗？",
        title="跟踪解读：送餐上门",
        status=Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=5),
    )
    newest = InterpretationFactory(
        document=policy,
        follow_up_of=interpretation,
        prompting_question="外区户籍老人能用助餐卡吗？",
        title="跟踪解读：外区户籍",
        status=Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    InterpretationFactory(
        document=policy, title="起草中的跟踪解读", follow_up_of=interpretation, prompting_question="?"
    )

    text = citizen.get(policy.get_absolute_url()).content.decode()

    assert "解读" in text
    assert text.index(newest.title) < text.index(first.title) < text.index(interpretation.title)
    assert "外区户籍老人能用助餐卡吗" in text
    assert "起草中的跟踪解读" not in text


def test_a_follow_up_page_says_which_question_prompted_it(citizen, policy, interpretation):
    follow_up = InterpretationFactory(
        document=policy, follow_up_of=interpretation, prompting_question="租房的老人能登记吗？", published=True
    )

    text = citizen.get(f"/interpretations/{follow_up.pk}/").content.decode()

    assert "动态跟踪解读" in text and "租房的老人能登记吗？" in text
    assert f'href="{interpretation.get_absolute_url()}"' in text


def make_image(interpretation) -> InterpretationImage:
    image = InterpretationImage(interpretation=interpretation, alt_text="办理流程：登记、领卡、用餐", image_type="png")
    image.image.save("flow.png", ContentFile(png_bytes()), save=False)
    image.save()
    return image


def test_a_graphic_shows_its_pictures_with_alt_text(citizen, interpretation):
    image = make_image(interpretation)

    text = citizen.get(f"/interpretations/{interpretation.pk}/").content.decode()
    response = citizen.get(image.get_absolute_url())

    assert 'alt="办理流程：登记、领卡、用餐"' in text
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_pictures_and_videos_of_a_draft_are_not_served(citizen, policy):
    draft = InterpretationFactory(document=policy)
    image = make_image(draft)
    draft.video.save("talk.mp4", ContentFile(MP4_HEADER), save=False)
    draft.video_type = "mp4"
    draft.save()

    assert citizen.get(image.get_absolute_url()).status_code == 404
    assert citizen.get(f"/interpretations/{draft.pk}/video/").status_code == 404


def test_a_video_is_served_with_its_transcript_on_the_page(citizen, interpretation):
    interpretation.video.save("talk.mp4", ContentFile(MP4_HEADER), save=False)
    interpretation.video_type = "mp4"
    interpretation.video_transcript = "大家好，今天讲讲助餐卡怎么办。"
    interpretation.save()

    page = citizen.get(f"/interpretations/{interpretation.pk}/").content.decode()
    video = citizen.get(f"/interpretations/{interpretation.pk}/video/")

    assert "<video" in page and "大家好，今天讲讲助餐卡怎么办。" in page
    assert video.status_code == 200 and video["Content-Type"] == "video/mp4"


def test_the_question_behind_a_follow_up_is_quoted_without_the_askers_data(citizen, policy, interpretation):
    follow_up = InterpretationFactory(
        document=policy,
        follow_up_of=interpretation,
        prompting_question="租房的老人能登记吗？我的电话139 1234 5678，座机021-69876543，身份证11010519491231002X。",
        published=True,
    )

    for url in [
        f"/interpretations/{follow_up.pk}/",
        policy.get_absolute_url(),
        f"/api/interpretations/{follow_up.pk}/",
    ]:
        text = citizen.get(url).content.decode()
        assert "租房的老人能登记吗" in text, url
        for secret in ["1234 5678", "69876543", "19491231"]:
            assert secret not in text, (url, secret)
