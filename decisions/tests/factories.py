from __future__ import annotations

import datetime as dt

import factory

from decisions.models import Catalogue, Decision, DraftArticle, Opinion
from documents.tests.factories import OrganisationFactory


class CatalogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Catalogue
        django_get_or_create = ("year",)

    year = 2023
    organisation = factory.SubFactory(OrganisationFactory)
    published_at = dt.datetime(2023, 3, 20, 2, 0, tzinfo=dt.UTC)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    catalogue = factory.SubFactory(CatalogueFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"徐泾镇测试决策事项{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    legal_basis = "《重大行政决策程序暂行条例》"
    planned_schedule = "2023年第四季度"
    draft_text = "第一条 为了测试，制定本办法。"
    drafting_explanation = "起草说明。"


class DraftArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DraftArticle

    decision = factory.SubFactory(DecisionFactory)
    number = factory.Sequence(lambda n: n + 1)
    heading = "适用范围"
    text = "本办法适用于本镇。"


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    decision = factory.SubFactory(DecisionFactory)
    body = factory.Sequence(lambda n: f"第{n}条意见：建议完善第{n}项内容，并明确具体办理时限和责任部门。")


def result_document(**kwargs):
    """A public policy document published in early 2023, to be a decision's result document
    in tests that travel to 2023."""
    from documents.tests.factories import PolicyDocumentFactory

    return PolicyDocumentFactory(published=True, published_at=dt.datetime(2023, 1, 2, 2, tzinfo=dt.UTC), **kwargs)
