from __future__ import annotations

import datetime as dt

import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from documents.models import DisclosureAttribute, DisclosureScope, PolicyDocument, Status
from documents.tests.factories import PolicyDocumentFactory
from search import backends, indexing
from search.models import SearchEntry
from search.text import parse_query


def titles(q: str) -> list[str]:
    result = backends.search(backends.SearchRequest(query=parse_query(q)))
    return [hit.entry.title for hit in result.hits]


def test_publishing_adds_the_document_to_the_index(db):
    document = PolicyDocumentFactory(title="关于居家养老服务的通知", status=Status.DRAFT)
    indexing.sync_document(document.pk)
    assert titles("居家养老") == []

    document.status = Status.PUBLISHED
    document.published_at = timezone.now() - dt.timedelta(minutes=1)
    document.save()
    indexing.sync_document(document.pk)

    assert titles("居家养老") == ["关于居家养老服务的通知"]


def test_withdrawal_removes_the_document_from_results_and_counts(indexed):
    document = indexed(title="关于居家养老服务的通知")
    document.status = Status.WITHDRAWN
    document.save()

    indexing.sync_document(document.pk)

    result = backends.search(backends.SearchRequest(query=parse_query("居家养老")))
    assert result.total == 0
    assert not SearchEntry.objects.filter(object_id=document.pk).exists()


def test_an_edit_is_reindexed(indexed):
    document = indexed(title="关于河长制工作的通知", body="<p>巡河要求。</p>")
    document.title = "关于网约车管理的通知"
    document.body = "<p>约车平台。</p>"
    document.save()

    indexing.sync_document(document.pk)

    assert titles("河长") == []
    assert titles("约车") == ["关于网约车管理的通知"]


def test_targeted_and_on_request_documents_are_never_indexed(db):
    targeted = PolicyDocumentFactory(
        published=True, title="定向公开的养老文件", disclosure_scope=DisclosureScope.TARGETED
    )
    targeted.target_groups.add(Group.objects.create(name="企业"))
    on_request = PolicyDocumentFactory(
        published=True, title="依申请公开的养老文件", disclosure_attribute=DisclosureAttribute.ON_REQUEST
    )
    for document in (targeted, on_request):
        indexing.sync_document(document.pk)

    assert titles("养老") == []
    assert SearchEntry.objects.count() == 0


def test_a_scheduled_document_appears_at_its_publication_time(db):
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        document = PolicyDocumentFactory(
            title="关于防汛防台的通知",
            status=Status.PUBLISHED,
            published_at=dt.datetime(2024, 3, 2, 9, 0, tzinfo=dt.UTC),
        )
        indexing.sync_document(document.pk)
        assert titles("防汛") == []
    with time_machine.travel(dt.datetime(2024, 3, 2, 9, 1, tzinfo=dt.UTC), tick=False):
        assert titles("防汛") == ["关于防汛防台的通知"]


def test_attachment_text_and_summary_are_searchable(indexed):
    document = indexed(title="通知", summary="涉及长者照护之家。")
    document.attachments.create(
        file="attachments/x.pdf", original_name="附件1.pdf", kind="pdf", size=10, text="附件里的垃圾分类要求"
    )
    indexing.sync_document(document.pk)

    assert titles("长者照护") == ["通知"]
    assert titles("垃圾分类") == ["通知"]


def test_rebuild_command_indexes_every_public_document_and_nothing_else(db, capsys):
    PolicyDocumentFactory.create_batch(3, published=True)
    PolicyDocumentFactory(status=Status.DRAFT)
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", "--quiet")

    assert SearchEntry.objects.count() == 3
    assert set(SearchEntry.objects.values_list("object_id", flat=True)) == set(
        PolicyDocument.objects.public().values_list("pk", flat=True)
    )
    assert "已索引 3 份公开文件" in capsys.readouterr().out
