"""Reads about public accounts: audiences of targeted disclosure and what they may read."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import QuerySet

from documents.models import DisclosureScope, PolicyDocument, PolicyDocumentQuerySet
from organisations.roles import role_names


def audience_groups() -> QuerySet[Group]:
    """Groups that are audiences of targeted disclosure (定向公开对象).

    A staff role group carries permissions (organisations.roles); an audience
    group carries none, the same rule the document admin offers as 定向公开对象.
    """
    return Group.objects.filter(permissions__isnull=True).exclude(name__in=role_names()).order_by("name")


def audiences_of(user: AbstractBaseUser) -> QuerySet[Group]:
    """The audience groups this user belongs to."""
    return audience_groups().filter(pk__in=user.groups.values("pk"))


def targeted_documents_for(user: AbstractBaseUser) -> PolicyDocumentQuerySet:
    """Published targeted documents addressed to one of the user's groups, newest first."""
    return PolicyDocument.objects.visible_to(user).filter(disclosure_scope=DisclosureScope.TARGETED)
