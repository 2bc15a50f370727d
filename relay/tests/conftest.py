"""A policy tagged 营商环境 / 企业 / 制造业, partners covering it in different ways, and the
relay coordinator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from factories import CatalogTagFactory, PolicyDocumentFactory, TagDimensionFactory, make_staff
from relay import services
from relay.models import PartnerKind, RelayPartner
from relay.roles import RELAY_COORDINATOR

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def tags(db) -> dict:
    topic = TagDimensionFactory(name="主题", slug="topic")
    audience = TagDimensionFactory(name="对象", slug="audience")
    industry = TagDimensionFactory(name="行业", slug="industry")
    return {
        "营商环境": CatalogTagFactory(name="营商环境", slug="yingshang", dimension=topic),
        "养老服务": CatalogTagFactory(name="养老服务", slug="yanglao", dimension=topic),
        "企业": CatalogTagFactory(name="企业", slug="qiye", dimension=audience),
        "制造业": CatalogTagFactory(name="制造业", slug="zhizao", dimension=industry),
        "农业": CatalogTagFactory(name="农业", slug="nongye", dimension=industry),
    }


def make_partner(name: str, *, tags=(), industries=(), consent=True, active=True, **fields) -> RelayPartner:
    values = {
        "name": name,
        "kind": PartnerKind.ASSOCIATION,
        "contact_person": "周明远",
        "contact_phone": "13912345678",
        "contact_email": f"{abs(hash(name)) % 10**8}@relay.example.org",
        "member_enterprises": 50,
        "public_consent": consent,
        "active": active,
    }
    values.update(fields)
    partner = services.partner_save(partner=RelayPartner(**values))
    return services.partner_set_coverage(partner=partner, tags=list(tags), industries=list(industries))


def make_policy(organisation, tag_list, *, published_at=None, **fields):
    return PolicyDocumentFactory(
        organisation=organisation,
        published=True,
        published_at=published_at or timezone.now(),
        tags=tag_list,
        **fields,
    )


@pytest.fixture
def coordinator(organisation):
    return make_staff(RELAY_COORDINATOR, organisation, "relay-coordinator")
