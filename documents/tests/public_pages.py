"""Builders shared by the public page tests (test_views_*, test_bad_input, test_query_counts)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Attachment, DisclosureAttribute, DisclosureScope, PolicyDocument, Status
from documents.tests.factories import PolicyDocumentFactory
from organisations.models import Organisation


def make_hidden_documents(organisation: Organisation) -> list[PolicyDocument]:
    """One document for every reason a citizen must not see it."""
    now = timezone.now()
    return [
        PolicyDocumentFactory(title="草稿文件不应公开", organisation=organisation, status=Status.DRAFT),
        PolicyDocumentFactory(
            title="已撤回文件不应公开",
            organisation=organisation,
            status=Status.WITHDRAWN,
            published_at=now - dt.timedelta(days=2),
        ),
        PolicyDocumentFactory(
            published=True,
            title="定向公开文件不应公开",
            organisation=organisation,
            disclosure_scope=DisclosureScope.TARGETED,
        ),
        PolicyDocumentFactory(
            title="定时发布尚未到点的文件",
            organisation=organisation,
            status=Status.PUBLISHED,
            published_at=now + dt.timedelta(days=1),
        ),
        PolicyDocumentFactory(
            published=True,
            title="依申请公开文件不应公开",
            organisation=organisation,
            disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        ),
    ]


def make_attachment(
    document: PolicyDocument, name: str = "实施细则.pdf", kind: str = Attachment.Kind.PDF
) -> Attachment:
    content = b"%PDF-1.4\n% test attachment\n"
    return Attachment.objects.create(
        document=document,
        file=ContentFile(content, name=f"upload.{kind}"),
        original_name=name,
        kind=kind,
        size=len(content),
    )
