"""The ask form's related policy: a short list of policies in force, and any other public
policy found by name or number (as you type, or on submit without JavaScript), each
marked when it is no longer in force."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from documents.models import Validity
from documents.search_sync import sync_document
from factories import FAQFactory, PolicyDocumentFactory

from ..forms import AskForm
from ..models import Message
from .test_board_view import URL, form_data


def _policy(**fields):
    document = PolicyDocumentFactory(published=True, **fields)
    sync_document(document.pk)
    return document


def _options(page: str) -> str:
    return page.split('name="related_policy"', 1)[1].split("</select>", 1)[0]


@pytest.mark.django_db
def test_the_list_is_short_and_holds_only_policies_in_force(anonymous):
    valid = [_policy(title=f"现行有效的办法第{n}号") for n in range(30)]
    expired = _policy(title="已经失效的细则", expiry_date=dt.date(2021, 12, 31))
    repealed = _policy(title="已经废止的办法", validity=Validity.REPEALED)
    asked = _policy(title="常被咨询的助餐办法", published_at=valid[0].published_at - dt.timedelta(days=400))
    FAQFactory(question="助餐怎么办？").related_policies.add(asked)
    options = _options(anonymous.get(URL).content.decode())
    assert len(re.findall(r"<option ", options)) <= 1 + 12 + 20
    assert "常被咨询的政策" in options and "常被咨询的助餐办法" in options
    assert expired.title not in options and repealed.title not in options


@pytest.mark.django_db
def test_the_search_endpoint_finds_any_public_policy_and_marks_its_validity(anonymous):
    expired = _policy(title="居住房屋租赁管理细则", doc_number="徐府发〔2019〕41号", expiry_date=dt.date(2021, 12, 31))
    valid = _policy(title="公共租赁住房配租细则", doc_number="徐城建〔2021〕7号")
    _policy(title="定向公开的租赁通知", disclosure_scope="targeted")
    results = anonymous.get("/consultations/policies.json?q=租赁").json()["results"]
    by_id = {r["id"]: r for r in results}
    assert set(by_id) == {expired.pk, valid.pk}
    assert by_id[expired.pk]["label"].endswith("〔已失效〕") and by_id[expired.pk]["validity"] == "expired"
    assert by_id[valid.pk]["label"] == "公共租赁住房配租细则（徐城建〔2021〕7号）"
    by_number = anonymous.get("/consultations/policies.json?q=徐府发〔2019〕41号").json()["results"]
    assert [r["id"] for r in by_number] == [expired.pk]
    assert anonymous.get("/consultations/policies.json?q=租").json() == {"results": []}


@pytest.mark.django_db
def test_without_javascript_a_typed_number_picks_the_policy(anonymous):
    document = _policy(title="老年人助餐服务管理办法", doc_number="徐府发〔2022〕25号")
    response = anonymous.post(URL, form_data(related_policy_query="徐府发〔2022〕25号"))
    assert response.status_code == 302
    assert Message.objects.get().related_policy == document


@pytest.mark.django_db
def test_several_matches_are_offered_at_the_top_of_the_list_and_the_form_is_kept(anonymous):
    first = _policy(title="助餐服务管理办法")
    second = _policy(title="助餐补贴实施细则", expiry_date=dt.date(2021, 12, 31))
    response = anonymous.post(URL, form_data(related_policy_query="助餐"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "有 2 份政策与“助餐”相符" in page
    options = _options(page)
    assert options.index("与所填名称或文号相符的政策") < options.index("最近发布的现行有效政策")
    assert f'value="{first.pk}"' in options and "助餐补贴实施细则（" in options and "〔已失效〕" in options
    assert f'value="{second.pk}"' in options
    assert 'value="王立明"' in page and 'value="助餐"' in page
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_name_that_matches_nothing_gets_a_chinese_message(anonymous):
    response = anonymous.post(URL, form_data(related_policy_query="没有这样的政策"))
    assert response.status_code == 400
    assert "没有找到与“没有这样的政策”相符的政策" in response.content.decode()


@pytest.mark.django_db
def test_a_policy_chosen_from_the_search_stays_selected_when_the_form_comes_back(anonymous):
    old = _policy(title="早年发布的办法", published_at=PolicyDocumentFactory.build(published=True).published_at)
    for n in range(25):
        _policy(title=f"新近发布的办法第{n}号")
    response = anonymous.post(URL, form_data(related_policy=str(old.pk), title=""))
    options = _options(response.content.decode())
    assert response.status_code == 400
    assert re.search(rf'<option value="{old.pk}" selected>', options)
    assert "您选择的政策" in options


@pytest.mark.django_db
def test_the_form_accepts_any_public_policy_but_not_a_targeted_one():
    public = _policy(title="公开的办法")
    targeted = _policy(title="定向公开的办法", disclosure_scope="targeted")
    for document, valid in [(public, True), (targeted, False)]:
        form = AskForm(form_data(related_policy=str(document.pk)))
        assert form.is_valid() is valid, form.errors
