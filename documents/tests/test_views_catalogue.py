from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.models import Decision, Stage
from factories import (
    CatalogueFactory,
    CatalogueItemFactory,
    DecisionFactory,
    InterpretationFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
    make_hidden_documents,
)
from organisations.models import Organisation

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    root = CatalogueItemFactory(code="01", name="法定主动公开内容")
    policies = CatalogueItemFactory(code="0101", name="政策文件", parent=root)
    normative = CatalogueItemFactory(code="010101", name="行政规范性文件", parent=policies)
    plans = CatalogueItemFactory(code="0102", name="规划计划", parent=root)
    return {"root": root, "policies": policies, "normative": normative, "plans": plans}


@pytest.fixture
def village(db):
    return OrganisationFactory(name="徐泾镇前明村村民委员会", slug="qianming", kind=Organisation.Kind.VILLAGE)


@pytest.fixture
def residential(db):
    return OrganisationFactory(name="徐泾镇西郊半岛居民委员会", slug="xijiao", kind=Organisation.Kind.RESIDENTIAL)


def test_the_catalogue_counts_documents_in_each_subtree(citizen, organisation, tree):
    PolicyDocumentFactory(published=True, organisation=organisation, catalogue_item=tree["normative"])
    PolicyDocumentFactory(published=True, organisation=organisation, catalogue_item=tree["policies"])
    PolicyDocumentFactory(published=True, organisation=organisation, catalogue_item=tree["plans"])
    for hidden in make_hidden_documents(organisation):
        hidden.catalogue_item = tree["normative"]
        hidden.save(update_fields=["catalogue_item"])

    response = citizen.get("/catalogue/")

    [root] = response.context["roots"]
    assert root.total == 3
    assert {child.item.code: child.total for child in root.children} == {"0101": 2, "0102": 1}
    assert 'href="/catalogue/items/010101/"' in response.content.decode()


def test_the_catalogue_groups_organisations_with_village_and_residential_committees_apart(
    citizen, organisation, village, residential
):
    PolicyDocumentFactory(published=True, organisation=village)

    response = citizen.get("/catalogue/")
    groups = response.context["organisation_groups"]

    assert [o.slug for o in groups["镇政府及部门"]] == [organisation.slug]
    assert [o.slug for o in groups["村居委"]] == ["qianming", "xijiao"]
    assert groups["村居委"][0].document_count == 1
    html = response.content.decode()
    assert 'href="/organisations/qianming/"' in html
    assert 'href="/organisations/xijiao/"' in html


def test_a_catalogue_item_lists_documents_of_its_descendants(citizen, organisation, tree):
    deep = PolicyDocumentFactory(
        published=True, title="规范性文件甲", organisation=organisation, catalogue_item=tree["normative"]
    )
    PolicyDocumentFactory(published=True, title="规划计划乙", organisation=organisation, catalogue_item=tree["plans"])
    make_hidden_documents(organisation)

    response = citizen.get("/catalogue/items/0101/")

    assert [d.title for d in response.context["page_obj"].object_list] == [deep.title]
    assert [a.code for a in response.context["ancestors"]] == ["01"]


def test_a_catalogue_item_never_lists_hidden_documents(citizen, organisation, tree):
    for hidden in make_hidden_documents(organisation):
        hidden.catalogue_item = tree["policies"]
        hidden.save(update_fields=["catalogue_item"])

    response = citizen.get("/catalogue/items/0101/")

    assert list(response.context["page_obj"].object_list) == []
    assert response.context["node"].total == 0


def test_an_unknown_catalogue_item_is_not_found(citizen, tree):
    assert citizen.get("/catalogue/items/9999/").status_code == 404


def test_a_village_committee_has_its_own_section(citizen, village):
    PolicyDocumentFactory(published=True, title="前明村村务公开：2024年度财务收支", organisation=village)
    hidden = make_hidden_documents(village)

    response = citizen.get("/organisations/qianming/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "徐泾镇前明村村民委员会" in html
    assert "村居务公开" in html
    assert "前明村村务公开：2024年度财务收支" in html
    for document in hidden:
        assert document.title not in html


def test_a_department_page_lists_its_documents_only(citizen, organisation, other_organisation):
    PolicyDocumentFactory(published=True, title="办公室的通知", organisation=organisation)
    PolicyDocumentFactory(published=True, title="经发办的通知", organisation=other_organisation)

    response = citizen.get(f"/organisations/{organisation.slug}/")

    assert [d.title for d in response.context["page_obj"].object_list] == ["办公室的通知"]
    assert "村居务公开" not in response.content.decode()


def test_an_unknown_organisation_is_not_found(citizen):
    assert citizen.get("/organisations/nobody/").status_code == 404


# --- Other kinds of public item under their catalogue items -------------------------------


@pytest.fixture
def standard_tree(db):
    """The codes the demo's standard catalogue uses for interpretations and decisions."""
    interpretations = CatalogueItemFactory(code="03", name="政策解读")
    decisions = CatalogueItemFactory(code="04", name="重大行政决策")
    return {
        "interpretations": interpretations,
        "decisions": decisions,
        "catalogues": CatalogueItemFactory(code="0401", name="决策事项目录", parent=decisions),
        "consultations": CatalogueItemFactory(code="0402", name="意见征集", parent=decisions),
        "results": CatalogueItemFactory(code="0403", name="决策结果", parent=decisions),
    }


@pytest.fixture
def today():
    with time_machine.travel(dt.datetime(2024, 5, 10, 9, 0, tzinfo=SHANGHAI), tick=False):
        yield dt.date(2024, 5, 10)


def counts(response) -> dict[str, int]:
    return {node.item.code: node.total for root in response.context["roots"] for node in root.subtree()}


def test_published_interpretations_are_counted_and_listed_under_policy_interpretation(
    citizen, organisation, standard_tree, today
):
    policy = PolicyDocumentFactory(published=True, title="徐泾镇养老服务补贴办法", organisation=organisation)
    InterpretationFactory(published=True, document=policy, title="图解：养老服务补贴怎么领")
    InterpretationFactory(document=policy, title="还在起草的解读")
    hidden_policy = PolicyDocumentFactory(organisation=organisation)  # a draft: its interpretation is not public
    InterpretationFactory(published=True, document=hidden_policy, title="未公开文件的解读")

    assert counts(citizen.get("/catalogue/"))["03"] == 1
    response = citizen.get("/catalogue/items/03/")

    page = response.content.decode()
    assert [entry.title for entry in response.context["page_obj"].object_list] == ["图解：养老服务补贴怎么领"]
    assert "政策解读" in page and "徐泾镇养老服务补贴办法" in page
    assert "还在起草的解读" not in page and "未公开文件的解读" not in page
    assert "暂无已公开信息" not in page


def test_drafts_put_out_for_comment_are_listed_under_opinion_solicitation(citizen, standard_tree, today):
    catalogue = CatalogueFactory(year=2024, published_at=dt.datetime(2024, 3, 20, 2, tzinfo=dt.UTC))
    window = {"comment_opens_on": dt.date(2024, 5, 1), "comment_closes_on": dt.date(2024, 5, 31)}
    DecisionFactory(catalogue=catalogue, title="加装电梯补贴办法（征求意见稿）", stage=Stage.CONSULTATION, **window)
    DecisionFactory(
        catalogue=catalogue,
        title="已结束征求意见的决策",
        stage=Stage.REVIEW,
        comment_opens_on=dt.date(2024, 3, 1),
        comment_closes_on=dt.date(2024, 3, 31),
    )
    DecisionFactory(catalogue=catalogue, title="还在起草的决策", stage=Stage.DRAFTING)
    DecisionFactory(
        catalogue=catalogue,
        title="下周才开始征求意见的决策",
        stage=Stage.CONSULTATION,
        comment_opens_on=dt.date(2024, 5, 17),
        comment_closes_on=dt.date(2024, 6, 16),
    )
    unpublished = CatalogueFactory(year=2025, published_at=None)
    DecisionFactory(catalogue=unpublished, title="未公布目录中的决策", stage=Stage.CONSULTATION, **window)

    assert counts(citizen.get("/catalogue/"))["0402"] == 2
    response = citizen.get("/catalogue/items/0402/")

    entries = response.context["page_obj"].object_list
    assert [(e.title, e.status) for e in entries] == [
        ("加装电梯补贴办法（征求意见稿）", "征求意见中，5月31日截止"),
        ("已结束征求意见的决策", "征求意见已结束"),
    ]
    assert entries[0].url.endswith(f"/decisions/2024/{Decision.objects.get(title__startswith='加装电梯').pk}/")


def test_published_decision_catalogues_are_listed_under_the_decision_catalogue_item(citizen, standard_tree, today):
    CatalogueFactory(year=2024, published_at=dt.datetime(2024, 3, 20, 2, tzinfo=dt.UTC))
    CatalogueFactory(year=2025, published_at=None)

    response = citizen.get("/catalogue/items/0401/")

    assert [e.title for e in response.context["page_obj"].object_list] == ["徐泾镇2024年度重大行政决策事项目录"]
    assert response.context["node"].total == 1


def test_a_parent_item_lists_documents_and_other_kinds_together_newest_first(
    citizen, organisation, standard_tree, today
):
    CatalogueFactory(year=2024, published_at=dt.datetime(2024, 3, 20, 2, tzinfo=dt.UTC))
    PolicyDocumentFactory(
        published=True,
        title="决策结果文件",
        organisation=organisation,
        catalogue_item=standard_tree["results"],
        published_at=dt.datetime(2024, 4, 1, 2, tzinfo=dt.UTC),
    )
    DecisionFactory(
        catalogue=CatalogueFactory(year=2024),
        title="征求意见的决策",
        stage=Stage.CONSULTATION,
        comment_opens_on=dt.date(2024, 5, 1),
        comment_closes_on=dt.date(2024, 5, 31),
    )

    response = citizen.get("/catalogue/items/04/")

    entries = response.context["page_obj"].object_list
    assert [e.title for e in entries] == ["征求意见的决策", "决策结果文件", "徐泾镇2024年度重大行政决策事项目录"]
    assert entries[1].document is not None
    assert response.context["node"].total == 3
    assert {node.item.code: node.total for node in response.context["node"].children} == {
        "0401": 1,
        "0402": 1,
        "0403": 1,
    }


def test_a_mixed_item_is_paginated_without_losing_or_repeating_an_entry(citizen, organisation, standard_tree, today):
    policy = PolicyDocumentFactory(published=True, organisation=organisation)
    for day in range(1, 16):
        InterpretationFactory(
            published=True,
            document=policy,
            title=f"解读{day:02d}",
            published_at=dt.datetime(2024, 4, day, 2, tzinfo=dt.UTC),
        )
    for day in range(16, 26):
        PolicyDocumentFactory(
            published=True,
            title=f"文件{day:02d}",
            organisation=organisation,
            catalogue_item=standard_tree["interpretations"],
            published_at=dt.datetime(2024, 4, day, 2, tzinfo=dt.UTC),
        )

    first = citizen.get("/catalogue/items/03/")
    second = citizen.get("/catalogue/items/03/?page=2")

    titles = [e.title for e in first.context["page_obj"].object_list] + [
        e.title for e in second.context["page_obj"].object_list
    ]
    expected = [f"文件{day:02d}" for day in range(25, 15, -1)] + [f"解读{day:02d}" for day in range(15, 0, -1)]
    assert titles == expected
    assert first.context["page_obj"].paginator.num_pages == 2


@pytest.mark.usefixtures("no_page_cache")
def test_the_catalogue_pages_take_a_bounded_number_of_queries_however_many_items(
    citizen, organisation, standard_tree, today, django_assert_max_num_queries
):
    def add(n: int) -> None:
        for _ in range(n):
            policy = PolicyDocumentFactory(
                published=True, organisation=organisation, catalogue_item=standard_tree["results"]
            )
            InterpretationFactory(published=True, document=policy)
            DecisionFactory(
                catalogue=CatalogueFactory(year=2024, published_at=dt.datetime(2024, 3, 20, 2, tzinfo=dt.UTC)),
                stage=Stage.CONSULTATION,
                comment_opens_on=dt.date(2024, 5, 1),
                comment_closes_on=dt.date(2024, 5, 31),
            )

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert citizen.get(path).status_code == 200
        return len(captured)

    paths = ["/catalogue/", "/catalogue/items/04/", "/catalogue/items/03/"]
    add(1)
    small = [queries(path) for path in paths]
    add(12)
    large = [queries(path) for path in paths]

    # A page reads each kind it shows once (a kind absent from the page costs nothing).
    assert large[0] == small[0]
    assert max(small + large) <= 12
