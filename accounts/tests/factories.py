"""Builders for the accounts tests: audience groups, enterprise accounts, targeted documents."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from documents.models import DisclosureScope, PolicyDocument
from documents.tests.factories import PolicyDocumentFactory, UserFactory

PASSWORD = "test-password-123"


class AudienceGroupFactory(factory.django.DjangoModelFactory):
    """A targeted-disclosure audience (定向公开对象): a group without permissions."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"重点企业联络员{n}")


def make_enterprise_user(username: str, *groups: Group, **fields):
    """A non-staff account with a usable password (test-password-123), in these audiences."""
    user = UserFactory(username=username, **fields)
    user.groups.add(*groups)
    return user


def make_targeted_document(*groups: Group, **fields) -> PolicyDocument:
    document = PolicyDocumentFactory(published=True, disclosure_scope=DisclosureScope.TARGETED, **fields)
    document.target_groups.add(*groups)
    return document
