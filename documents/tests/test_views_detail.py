from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group

from documents.models import DisclosureScope, DocumentType, Topic, Validity
from factories import (
    CatalogTagFactory,
    CatalogueItemFactory,
    PolicyDocumentFactory,
    TagDimensionFactory,
    client_for,
    make_attachment,
    make_hidden_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def document(organisation):
    topic = TagDimensionFactory(name="主题", slug="topic")
    return PolicyDocumentFactory(
        published=True,
        title="徐泾镇2023年政务公开工作要点",
        doc_number="徐府发〔2023〕32号",
        organisation=organisation,
        written_date=dt.date(2023, 6, 6),
        doc_type=DocumentType.NORMATIVE,
        topic=Topic.GENERAL,
        effective_date=dt.date(2023, 6, 6),
        expiry_date=dt.date(2028, 6, 5),
        body="<p>为深入贯彻落实《条例》，现将工作要点印发给你们。</p>",
        tags=[CatalogTagFactory(name="政务公开", slug="open-government", dimension=topic)],
    )


def test_it_shows_the_metadata_block(citizen, document):
    html = citizen.get(document.get_absolute_url()).content.decode()

    for label in ["索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期", "有效性"]:
        assert f"<dt>{label}</dt>" in html
    assert document.index_number in html
    assert "徐府发〔2023〕32号" in html
    assert "2023年6月6日" in html
    assert "综合政务" in html
    assert "徐泾镇人民政府办公室" in html


def test_it_shows_the_validity_badge_with_its_dates(citizen, document):
    html = citizen.get(document.get_absolute_url()).content.decode()

    assert "badge--valid" in html
    assert "施行日期" in html
    assert "2028年6月5日" in html


@time_machine.travel(dt.datetime(2028, 6, 6, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_document_past_its_expiry_date_says_expired_though_stored_as_valid(citizen, document):
    assert document.validity == Validity.VALID

    html = citizen.get(document.get_absolute_url()).content.decode()

    assert (
        '<span class="badge badge--expired badge--large"><span class="visually-hidden">有效性：</span>失效</span>'
        in html
    )
    assert "本文件已失效" in html
    assert "badge--valid" not in html


@time_machine.travel(dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_document_before_its_effective_date_says_not_yet_in_force(citizen, organisation):
    future = PolicyDocumentFactory(published=True, organisation=organisation, effective_date=dt.date(2023, 7, 1))

    html = citizen.get(future.get_absolute_url()).content.decode()

    assert "尚未施行" in html
    assert "badge--not-yet" in html


def test_it_renders_the_body_cleaned_again_at_render_time(citizen, document):
    document.body = '<p onclick="steal()">正文内容</p><script>alert(1)</script>'
    document.save(update_fields=["body"])

    html = citizen.get(document.get_absolute_url()).content.decode()

    assert "<p>正文内容</p>" in html
    assert "alert(1)" not in html
    assert "onclick" not in html


def test_it_links_attachments_and_tags(citizen, document):
    attachment = make_attachment(document, "工作要点.pdf")

    html = citizen.get(document.get_absolute_url()).content.decode()

    assert f'href="/documents/{document.pk}/attachments/{attachment.pk}/"' in html
    assert "工作要点.pdf" in html
    assert 'href="/documents/?tag=open-government"' in html


def test_it_links_the_catalogue_item(citizen, document):
    document.catalogue_item = CatalogueItemFactory(code="0101", name="政策文件")
    document.save(update_fields=["catalogue_item"])

    html = citizen.get(document.get_absolute_url()).content.decode()

    assert 'href="/catalogue/items/0101/"' in html


def test_a_replaced_document_points_to_its_new_version(citizen, document, organisation):
    newer = PolicyDocumentFactory(published=True, title="徐泾镇2024年政务公开工作要点", organisation=organisation)
    newer.replaces.add(document)

    old_html = citizen.get(document.get_absolute_url()).content.decode()
    new_html = citizen.get(newer.get_absolute_url()).content.decode()

    assert "本文件已被新文件替代" in old_html
    assert f'href="{newer.get_absolute_url()}"' in old_html
    assert "本文件替代的旧文件" in new_html
    assert f'href="{document.get_absolute_url()}"' in new_html


def test_it_does_not_link_a_new_version_that_is_not_public(citizen, document, organisation):
    draft = PolicyDocumentFactory(title="尚在起草的新版本", organisation=organisation)
    draft.replaces.add(document)

    html = citizen.get(document.get_absolute_url()).content.decode()

    assert "尚在起草的新版本" not in html
    assert "本文件已被新文件替代" not in html


def test_a_repealed_document_says_so_at_the_top(citizen, organisation):
    repealed = PolicyDocumentFactory(published=True, organisation=organisation, validity=Validity.REPEALED)

    html = citizen.get(repealed.get_absolute_url()).content.decode()

    assert "本文件已废止" in html
    assert "badge--repealed" in html


def test_it_has_open_graph_metadata_for_the_document(citizen, document, settings):
    settings.SITE_URL = "https://xujing.example.gov.cn"
    html = citizen.get(document.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="徐泾镇2023年政务公开工作要点">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<link rel="canonical" href="https://xujing.example.gov.cn{document.get_absolute_url()}">' in html


@pytest.mark.parametrize("index", [0, 1, 3, 4])  # 2, the targeted one, answers 403: test_views_targeted.py
def test_a_hidden_document_is_not_found(citizen, organisation, index):
    hidden = make_hidden_documents(organisation)[index]

    response = citizen.get(hidden.get_absolute_url())

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_targeted_document_is_visible_to_a_member_of_its_group_only(organisation, enterprise_user):
    enterprise_user.save()  # UserFactory does not save the hashed password; the session needs it
    group = Group.objects.create(name="园区企业")
    targeted = PolicyDocumentFactory(
        published=True,
        title="面向园区企业的定向通知",
        organisation=organisation,
        disclosure_scope=DisclosureScope.TARGETED,
    )
    targeted.target_groups.add(group)
    assert client_for(enterprise_user).get(targeted.get_absolute_url()).status_code == 403

    enterprise_user.groups.add(group)
    response = client_for(enterprise_user).get(targeted.get_absolute_url())

    assert response.status_code == 200
    assert "面向园区企业的定向通知" in response.content.decode()


def test_a_missing_document_is_not_found(citizen):
    assert citizen.get("/documents/999999/").status_code == 404
