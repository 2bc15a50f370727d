from __future__ import annotations

import pytest

from documents.tests.factories import CatalogueItemFactory, OrganisationFactory, PolicyDocumentFactory
from documents.tests.public_pages import make_hidden_documents
from organisations.models import Organisation

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
