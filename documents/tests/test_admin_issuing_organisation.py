"""发文机关 (the organ a document is issued in the name of) apart from 起草机构 (the
office that drafts it and whose staff handle it): a 徐府发 document drafted by 党政办 is
published under the town government."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import PolicyDocument
from documents.tests.admin_forms import document_form_data
from factories import OrganisationFactory, PolicyDocumentFactory, client_for, make_staff
from organisations import roles
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:documents_policydocument_add")


@pytest.fixture
def government(db):
    return OrganisationFactory(
        name="徐泾镇人民政府",
        slug="government",
        kind=Organisation.Kind.GOVERNMENT,
        agency_code="徐府发",
        index_code="11310118MB2F00001Q",
    )


@pytest.fixture
def office(db):
    return OrganisationFactory(
        name="徐泾镇党政办公室",
        slug="party-office",
        kind=Organisation.Kind.OFFICE,
        agency_code="徐府办",
        index_code="11310118MB2F00002Q",
    )


@pytest.fixture
def office_drafter(office):
    return make_staff(roles.DRAFTER, office, "office-drafter")


def issuing_choices(page: str) -> str:
    start = page.index('name="issuing_organisation"')
    return page[start : page.index("</select>", start)]


def test_a_town_office_drafter_may_issue_in_the_town_governments_name(office_drafter, office, government):
    other = OrganisationFactory(name="徐泾镇经济发展办公室", slug="economy", kind=Organisation.Kind.OFFICE)

    choices = issuing_choices(client_for(office_drafter).get(ADD_URL).content.decode())

    assert "徐泾镇党政办公室" in choices
    assert "徐泾镇人民政府" in choices
    assert other.name not in choices


def test_a_village_committee_issues_only_in_its_own_name(government):
    village = OrganisationFactory(
        name="二联村村民委员会", slug="erlian", kind=Organisation.Kind.VILLAGE, agency_code=""
    )
    drafter = make_staff(roles.DRAFTER, village, "village-drafter")

    choices = issuing_choices(client_for(drafter).get(ADD_URL).content.decode())

    assert "二联村村民委员会" in choices
    assert "徐泾镇人民政府" not in choices


def test_the_field_says_who_may_be_chosen(office_drafter):
    page = client_for(office_drafter).get(ADD_URL).content.decode()

    assert "文件以谁的名义印发" in page
    assert "起草机构" in page


def test_a_government_document_drafted_by_the_office_is_filed_under_both(office_drafter, office, government):
    data = document_form_data(office, government, doc_number="徐府发〔2024〕3号")

    response = client_for(office_drafter).post(ADD_URL, data)

    assert response.status_code == 302
    document = PolicyDocument.objects.get()
    assert document.organisation == office  # the office's staff handle it
    assert document.issuing_organisation == government  # the public sees the town government
    assert document.index_number.startswith("11310118MB2F00001Q/2024-")


def test_a_town_government_number_under_the_office_is_caught(office_drafter, office, government):
    data = document_form_data(office, office, doc_number="徐府发〔2024〕3号")

    response = client_for(office_drafter).post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["issuing_organisation"]
    assert "机关代字“徐府发”是徐泾镇人民政府的代字" in errors[0]
    assert not PolicyDocument.objects.exists()


def test_another_offices_name_is_refused(office_drafter, office, government):
    other = OrganisationFactory(name="徐泾镇经济发展办公室", slug="economy", kind=Organisation.Kind.OFFICE)

    response = client_for(office_drafter).post(ADD_URL, document_form_data(office, other))

    assert response.status_code == 200
    assert "issuing_organisation" in response.context["adminform"].form.errors
    assert not PolicyDocument.objects.exists()


def test_the_rule_holds_outside_the_admin_too(office, government):
    village = OrganisationFactory(name="金云村村民委员会", slug="jinyun", kind=Organisation.Kind.VILLAGE)
    document = PolicyDocumentFactory.build(organisation=village, issuing_organisation=government, doc_number="")

    with pytest.raises(ValidationError) as raised:
        document.full_clean(exclude=["created_by", "index_number"])

    assert "金云村村民委员会起草的文件只能以金云村村民委员会的名义印发" in str(raised.value)


def test_changing_the_organ_of_a_draft_gives_it_the_organs_index_number(office_drafter, office, government):
    client_for(office_drafter).post(ADD_URL, document_form_data(office, office))
    document = PolicyDocument.objects.get()
    assert document.index_number.startswith("11310118MB2F00002Q/")
    data = document_form_data(office, government, doc_number="徐府发〔2024〕3号")

    client_for(office_drafter).post(reverse("admin:documents_policydocument_change", args=[document.pk]), data)

    document.refresh_from_db()
    assert document.issuing_organisation == government
    assert document.index_number.startswith("11310118MB2F00001Q/2024-")


def test_the_public_side_shows_the_organ_not_the_drafting_office(office, government, citizen):
    document = PolicyDocumentFactory(
        published=True, organisation=office, issuing_organisation=government, title="徐泾镇政府文件"
    )

    detail = citizen.get(document.get_absolute_url()).content.decode()
    listing = citizen.get(reverse("documents:list")).content.decode()
    api = citizen.get(f"/api/documents/{document.pk}/").json()
    feed = citizen.get(reverse("documents:feed_rss")).content.decode()
    organ_page = citizen.get(government.get_absolute_url()).content.decode()
    office_page = citizen.get(office.get_absolute_url()).content.decode()

    assert '<dt>发文机关</dt><dd><a href="/organisations/government/">徐泾镇人民政府</a>' in detail
    assert "徐泾镇党政办公室" not in detail
    assert "<span>徐泾镇人民政府</span>" in listing
    assert api["organisation"] == {"name": "徐泾镇人民政府", "slug": "government"}
    assert "徐泾镇人民政府" in feed
    assert "徐泾镇政府文件" in organ_page
    assert "徐泾镇政府文件" not in office_page


def test_the_list_filter_and_facet_go_by_the_organ(office, government, citizen):
    PolicyDocumentFactory(published=True, organisation=office, issuing_organisation=government, title="以镇政府名义")
    PolicyDocumentFactory(published=True, organisation=office, title="以党政办名义")

    page = citizen.get(reverse("documents:list") + "?organisation=government").content.decode()

    assert "以镇政府名义" in page
    assert "以党政办名义" not in page


def test_the_search_index_files_the_document_under_the_organ(office, government):
    from documents.search_sync import sync_document
    from search.models import SearchEntry

    document = PolicyDocumentFactory(published=True, organisation=office, issuing_organisation=government)
    sync_document(document.pk)

    assert SearchEntry.objects.get(object_id=document.pk, kind="document").organisation == government


def test_staff_rights_stay_with_the_drafting_office(office, government, office_drafter):
    government_drafter = make_staff(roles.DRAFTER, government, "government-drafter")
    document = PolicyDocumentFactory(organisation=office, issuing_organisation=government, created_by=office_drafter)
    change = reverse("admin:documents_policydocument_change", args=[document.pk])

    assert client_for(office_drafter).get(change).status_code == 200
    assert client_for(government_drafter).get(change).status_code == 302  # not theirs: back to the admin index
