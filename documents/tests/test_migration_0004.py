"""Migration 0004: existing rows get their 发文机关, and stored privacy findings lose
the values they held in full."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from documents.models import PrivacyFinding, Status
from factories import OrganisationFactory, PolicyDocumentFactory
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
migration = importlib.import_module("documents.migrations.0004_issuing_organisation_and_masked_findings")


@pytest.fixture
def government(db):
    return OrganisationFactory(name="徐泾镇人民政府", slug="government", kind=Organisation.Kind.GOVERNMENT)


@pytest.fixture
def office(db):
    return OrganisationFactory(
        name="徐泾镇党政办公室", slug="party-office", kind=Organisation.Kind.OFFICE, agency_code="徐府办"
    )


def test_the_migration_moves_town_government_numbers_to_the_town_government(office, government):
    """Existing 徐府发 documents drafted by an office were published under the office."""
    village = OrganisationFactory(name="光联村村民委员会", slug="guanglian", kind=Organisation.Kind.VILLAGE)
    wrong = PolicyDocumentFactory(organisation=office, issuing_organisation=office, doc_number="徐府发〔2023〕32号")
    own = PolicyDocumentFactory(organisation=office, issuing_organisation=government, doc_number="徐府办〔2023〕5号")
    grassroots = PolicyDocumentFactory(organisation=village, doc_number="徐府发〔2023〕9号", status=Status.DRAFT)

    migration.fill_issuing_organisation(apps, None)

    for document in (wrong, own, grassroots):
        document.refresh_from_db()
    assert wrong.issuing_organisation == government
    assert own.issuing_organisation == office
    assert grassroots.issuing_organisation == village  # a village committee never issues for the town


def test_the_migration_keeps_only_masked_values_of_stored_findings(organisation):
    document = PolicyDocumentFactory(organisation=organisation)
    finding = PrivacyFinding.objects.create(
        document=document,
        source="正文",
        kind="id_card",
        text="11010519491231002X",
        context="申请人身份证号码 11010519491231002X，电话 13800138000",
    )

    migration.mask_findings(apps, None)

    finding.refresh_from_db()
    assert finding.text == "110***********002X"
    assert "11010519491231002X" not in finding.context
    assert "13800138000" not in finding.context
    assert finding.fingerprint == migration.privacy.fingerprint("id_card", "11010519491231002X")
