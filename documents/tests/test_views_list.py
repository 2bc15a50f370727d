from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group

from documents.models import DisclosureScope, DocumentType, Topic, Validity
from factories import CatalogTagFactory, OrganisationFactory, PolicyDocumentFactory, client_for, make_hidden_documents
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(TODAY, tick=False):
        yield


def titles(response) -> list[str]:
    return [document.title for document in response.context["page_obj"].object_list]


def facet(response, name: str) -> dict[str, int]:
    for item in response.context["facets"]:
        if item.name == name:
            return {option.value: option.count for option in item.options}
    raise AssertionError(f"no facet {name}")


@pytest.fixture
def library(organisation, other_organisation):
    """A small library: two organisations, two tags, several types, years and validity states."""
    enterprise = CatalogTagFactory(name="企业", slug="enterprise")
    elderly = CatalogTagFactory(name="老年人", slug="elderly")
    docs = {
        "valid": PolicyDocumentFactory(
            published=True,
            title="现行有效的扶持办法",
            organisation=organisation,
            doc_type=DocumentType.NORMATIVE,
            topic=Topic.ECONOMY,
            written_date=dt.date(2023, 5, 1),
            tags=[enterprise],
        ),
        "expired_by_date": PolicyDocumentFactory(
            published=True,
            title="过了有效期但仍标为有效的办法",
            organisation=organisation,
            doc_type=DocumentType.NORMATIVE,
            topic=Topic.ECONOMY,
            written_date=dt.date(2021, 5, 1),
            validity=Validity.VALID,
            expiry_date=dt.date(2025, 2, 28),
            tags=[enterprise, elderly],
        ),
        "repealed": PolicyDocumentFactory(
            published=True,
            title="已废止的养老通知",
            organisation=other_organisation,
            doc_type=DocumentType.NOTICE,
            topic=Topic.CIVIL,
            written_date=dt.date(2022, 1, 1),
            validity=Validity.REPEALED,
            tags=[elderly],
        ),
        "amended": PolicyDocumentFactory(
            published=True,
            title="已修改的养老办法",
            organisation=other_organisation,
            doc_type=DocumentType.NORMATIVE,
            topic=Topic.CIVIL,
            written_date=dt.date(2023, 1, 1),
            validity=Validity.AMENDED,
        ),
        "not_yet": PolicyDocumentFactory(
            published=True,
            title="下月起施行的办法",
            organisation=organisation,
            doc_type=DocumentType.NORMATIVE,
            topic=Topic.CIVIL,
            written_date=dt.date(2025, 2, 1),
            effective_date=dt.date(2025, 4, 1),
        ),
    }
    return docs


def test_it_lists_every_public_document(citizen, library):
    response = citizen.get("/documents/")

    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(d.title for d in library.values())
    assert response.context["total"] == 5


def test_it_never_lists_hidden_documents(citizen, organisation, library):
    hidden = make_hidden_documents(organisation)

    html = citizen.get("/documents/").content.decode()

    for document in hidden:
        assert document.title not in html


def test_it_lists_a_targeted_document_for_a_member_of_its_group_only(organisation, enterprise_user):
    enterprise_user.save()  # UserFactory does not save the hashed password; the session needs it
    group = Group.objects.create(name="园区企业")
    targeted = PolicyDocumentFactory(
        published=True,
        title="面向园区企业的定向通知",
        organisation=organisation,
        disclosure_scope=DisclosureScope.TARGETED,
    )
    targeted.target_groups.add(group)
    outsider = client_for(enterprise_user)
    assert "面向园区企业的定向通知" not in outsider.get("/documents/").content.decode()

    enterprise_user.groups.add(group)

    assert "面向园区企业的定向通知" in client_for(enterprise_user).get("/documents/").content.decode()


def test_it_filters_by_tag_slug(citizen, library):
    response = citizen.get("/documents/?tag=elderly")

    assert sorted(titles(response)) == sorted([library["expired_by_date"].title, library["repealed"].title])


def test_it_filters_by_organisation_slug(citizen, library, other_organisation):
    response = citizen.get(f"/documents/?organisation={other_organisation.slug}")

    assert sorted(titles(response)) == sorted([library["repealed"].title, library["amended"].title])


def test_it_filters_by_type_topic_and_year_together(citizen, library):
    response = citizen.get("/documents/?doc_type=normative&topic=economy&year=2023")

    assert titles(response) == [library["valid"].title]


@pytest.mark.parametrize(
    ("validity", "expected"),
    [
        ("valid", ["valid"]),
        ("expired", ["expired_by_date"]),
        ("repealed", ["repealed"]),
        ("amended", ["amended"]),
        ("not_yet", ["not_yet"]),
    ],
)
def test_it_filters_by_validity_computed_from_the_dates(citizen, library, validity, expected):
    response = citizen.get(f"/documents/?validity={validity}")

    assert sorted(titles(response)) == sorted(library[key].title for key in expected)


def test_it_counts_each_option_leaving_out_the_facets_own_filter(citizen, library):
    response = citizen.get("/documents/?doc_type=normative")

    assert response.context["total"] == 4
    # The type facet still offers the other types, counted without the type filter.
    assert facet(response, "doc_type") == {"normative": 4, "notice": 1}
    # The other facets count within the normative documents.
    assert facet(response, "validity") == {"valid": 1, "not_yet": 1, "expired": 1, "amended": 1}
    assert facet(response, "tag") == {"enterprise": 2, "elderly": 1}
    assert facet(response, "year") == {"2025": 1, "2023": 2, "2021": 1}
    assert facet(response, "topic") == {"economy": 2, "civil": 2}


def test_the_validity_counts_match_the_validity_filter(citizen, library):
    counts = facet(citizen.get("/documents/"), "validity")

    for value, count in counts.items():
        assert citizen.get(f"/documents/?validity={value}").context["total"] == count


def test_it_shows_the_active_filters_each_with_a_removal_link(citizen, library):
    response = citizen.get("/documents/?tag=elderly&validity=repealed")
    html = response.content.decode()

    assert [f["label"] for f in response.context["active_filters"]] == ["老年人", "废止"]
    assert 'href="?validity=repealed"' in html  # removes the tag, keeps the validity
    assert 'href="?tag=elderly"' in html  # removes the validity, keeps the tag
    assert "清除全部条件" in html


def test_its_option_links_keep_the_other_filters_and_reset_the_page(citizen, library):
    html = citizen.get("/documents/?tag=enterprise&page=1").content.decode()

    assert 'href="?tag=enterprise&amp;doc_type=normative"' in html


def test_it_paginates_by_twenty(citizen, organisation):
    PolicyDocumentFactory.create_batch(45, published=True, organisation=organisation)

    first = citizen.get("/documents/")
    third = citizen.get("/documents/?page=3")

    assert len(first.context["page_obj"].object_list) == 20
    assert first.context["page_obj"].paginator.num_pages == 3
    assert len(third.context["page_obj"].object_list) == 5
    assert 'href="?page=2"' in first.content.decode()


@pytest.mark.usefixtures("no_page_cache")
def test_a_deep_page_shows_the_same_documents_read_ids_first(citizen, organisation, monkeypatch):
    from xujing_portal import paging

    for i in range(45):
        PolicyDocumentFactory(
            published=True,
            organisation=organisation,
            title=f"文件{i}",
            published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC) - dt.timedelta(days=i % 4),  # ties on the date
        )
    make_hidden_documents(organisation)
    shallow = [titles(citizen.get(f"/documents/?page={n}")) for n in (2, 3)]
    monkeypatch.setattr(paging, "DEFERRED_FROM", 20)

    deep = [citizen.get(f"/documents/?page={n}") for n in (2, 3)]

    assert [titles(response) for response in deep] == shallow
    assert [len(page) for page in shallow] == [20, 5]
    assert all(isinstance(r.context["page_obj"].object_list, list) for r in deep)  # read ids first


def test_it_shows_a_past_expiry_document_as_expired(citizen, library):
    html = citizen.get("/documents/?tag=elderly&organisation=office").content.decode()

    assert library["expired_by_date"].title in html
    assert "badge--expired" in html
    assert "badge--valid" not in html


def test_the_normative_page_lists_currently_valid_normative_documents(citizen, library):
    response = citizen.get("/documents/normative/")

    assert titles(response) == [library["valid"].title]
    assert "2025年3月1日" in response.content.decode()


def test_the_normative_page_hides_hidden_documents(citizen, organisation):
    hidden = make_hidden_documents(organisation)
    for document in hidden:
        document.doc_type = DocumentType.NORMATIVE
        document.save(update_fields=["doc_type"])

    response = citizen.get("/documents/normative/")

    assert titles(response) == []


def test_an_organisation_without_documents_keeps_its_selected_option(citizen, library):
    empty = OrganisationFactory(name="徐泾镇社区事务受理服务中心", slug="service", kind=Organisation.Kind.DEPARTMENT)

    response = citizen.get(f"/documents/?organisation={empty.slug}")

    assert response.context["total"] == 0
    assert "没有符合条件的政策文件" in response.content.decode()
    assert [f["label"] for f in response.context["active_filters"]] == ["徐泾镇社区事务受理服务中心"]
