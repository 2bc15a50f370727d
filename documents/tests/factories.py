from __future__ import annotations

import datetime as dt

import factory
import factory.random
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from documents.models import (
    CatalogTag,
    CatalogueItem,
    DocumentType,
    PolicyDocument,
    Status,
    TagDimension,
    Topic,
)
from organisations.models import Organisation, StaffProfile


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"徐泾镇测试部门{n}")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organisation.Kind.DEPARTMENT
    agency_code = "徐府发"
    index_code = factory.Sequence(lambda n: f"11310118TEST{n:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @classmethod
    def _after_postgeneration(cls, instance, create: bool, results=None) -> None:
        """Save the password hash set_password just computed (postgeneration saving is off)."""
        if create and results:
            instance.save(update_fields=["password"])


def make_staff(role: str, organisation: Organisation, username: str | None = None):
    """A staff account with one role, belonging to one organisation."""
    user = UserFactory(username=username or f"{role}-{organisation.slug}", is_staff=True)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.update_or_create(user=user, defaults={"organisation": organisation})
    return user


class TagDimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TagDimension
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"维度{n}")
    slug = factory.Sequence(lambda n: f"dim-{n}")


class CatalogTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogTag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"标签{n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")
    dimension = factory.SubFactory(TagDimensionFactory)


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"目录{n}")


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    """A document in any state. Use `published=True` for a public one."""

    class Meta:
        model = PolicyDocument
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )

    title = factory.Sequence(lambda n: f"关于做好测试工作的通知（第{n}号）")
    doc_number = factory.Sequence(lambda n: f"徐府发〔2023〕{n + 1}号")
    organisation = factory.SubFactory(OrganisationFactory)
    issuing_organisation = factory.SelfAttribute("organisation")
    written_date = dt.date(2023, 6, 1)
    doc_type = DocumentType.OTHER
    topic = Topic.GENERAL
    body = "<p>为进一步做好政务公开工作，现将有关事项通知如下。</p>"

    @factory.lazy_attribute
    def index_number(self) -> str:
        return f"{self.issuing_organisation.index_code}/{self.written_date.year}-{factory.random.randgen.randint(1, 10**9):09d}"

    @factory.post_generation
    def tags(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.tags.set(list(extracted))
