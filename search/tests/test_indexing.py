from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from documents.models import DisclosureAttribute, DisclosureScope, PolicyDocument, Status
from documents.search_sync import sync_document
from factories import PolicyDocumentFactory
from search import backends, indexing
from search.models import Kind, SearchEntry
from search.text import parse_query


def titles(q: str) -> list[str]:
    result = backends.search(backends.SearchRequest(query=parse_query(q)))
    return [hit.entry.title for hit in result.hits]


def test_publishing_adds_the_document_to_the_index(db):
    document = PolicyDocumentFactory(title="关于居家养老服务的通知", status=Status.DRAFT)
    sync_document(document.pk)
    assert titles("居家养老") == []

    document.status = Status.PUBLISHED
    document.published_at = timezone.now() - dt.timedelta(minutes=1)
    document.save()
    sync_document(document.pk)

    assert titles("居家养老") == ["关于居家养老服务的通知"]


def test_withdrawal_removes_the_document_from_results_and_counts(indexed):
    document = indexed(title="关于居家养老服务的通知")
    document.status = Status.WITHDRAWN
    document.save()

    sync_document(document.pk)

    result = backends.search(backends.SearchRequest(query=parse_query("居家养老")))
    assert result.total == 0
    assert not SearchEntry.objects.filter(object_id=document.pk).exists()


def test_an_edit_is_reindexed(indexed):
    document = indexed(title="关于河长制工作的通知", body="<p>巡河要求。</p>")
    document.title = "关于网约车管理的通知"
    document.body = "<p>约车平台。</p>"
    document.save()

    sync_document(document.pk)

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
        sync_document(document.pk)

    assert titles("养老") == []
    assert SearchEntry.objects.count() == 0


def test_a_scheduled_document_appears_at_its_publication_time(db):
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        document = PolicyDocumentFactory(
            title="关于防汛防台的通知",
            status=Status.PUBLISHED,
            published_at=dt.datetime(2024, 3, 2, 9, 0, tzinfo=dt.UTC),
        )
        sync_document(document.pk)
        assert titles("防汛") == []
    with time_machine.travel(dt.datetime(2024, 3, 2, 9, 1, tzinfo=dt.UTC), tick=False):
        assert titles("防汛") == ["关于防汛防台的通知"]


def test_attachment_text_and_summary_are_searchable(indexed):
    document = indexed(title="通知", summary="涉及长者照护之家。")
    document.attachments.create(
        file="attachments/x.pdf", original_name="附件1.pdf", kind="pdf", size=10, text="附件里的垃圾分类要求"
    )
    sync_document(document.pk)

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


def interpretation(pk: int = 7) -> SimpleNamespace:
    """Stands in for an object of another app: anything with a pk and a URL."""
    return SimpleNamespace(pk=pk, get_absolute_url=lambda: f"/interpretations/{pk}/")


def index_interpretation(obj: SimpleNamespace, title: str = "《居家养老服务办法》政策解读") -> None:
    indexing.index_object(
        Kind.INTERPRETATION,
        obj,
        title=title,
        text=indexing.plain_text("<p>一图读懂居家养老服务补贴。</p>"),
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


def test_other_apps_index_their_objects_as_a_kind_of_result(citizen, indexed):
    indexed(title="徐泾镇居家养老服务办法")
    index_interpretation(interpretation())

    response = citizen.get("/search/", {"q": "居家养老"})

    assert response.context["result"].total == 2
    kinds = {f.name: {o.label: o.count for o in f.options} for f in response.context["facets"]}["kind"]
    assert kinds == {"政策文件": 1, "政策解读": 1}
    only = citizen.get("/search/", {"q": "居家养老", "kind": "interpretation"})
    assert [(h.kind_label, h.entry.url) for h in only.context["result"].hits] == [("政策解读", "/interpretations/7/")]
    assert "一图读懂<mark>居家养老</mark>服务补贴" in only.content.decode()


def test_indexing_an_object_again_replaces_its_entry(db):
    obj = interpretation()
    index_interpretation(obj)
    index_interpretation(obj, title="《河长制办法》政策解读")

    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["《河长制办法》政策解读"]
    assert titles("河长") == ["《河长制办法》政策解读"]


def test_remove_object_takes_it_out_of_results_and_counts(db):
    obj = interpretation()
    index_interpretation(obj)

    indexing.remove_object(Kind.INTERPRETATION, obj)

    assert backends.search(backends.SearchRequest(query=parse_query("居家养老"))).total == 0
    assert not SearchEntry.objects.exists()


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValueError, match="Unknown search result kind"):
        indexing.index_object("poster", interpretation(), title="x", text="", published_at=timezone.now())


def test_rebuild_brings_back_the_objects_of_registered_kinds(db, monkeypatch):
    PolicyDocumentFactory(published=True, title="居家养老服务办法")
    monkeypatch.setattr(indexing, "REBUILDERS", {})
    indexing.register_rebuilder(Kind.INTERPRETATION, lambda: index_interpretation(interpretation()) or 1)

    assert indexing.rebuild() == 2
    assert sorted(SearchEntry.objects.values_list("kind", flat=True)) == ["document", "interpretation"]


def test_rebuild_writes_a_bulk_kind_a_batch_at_a_time(db, monkeypatch):
    monkeypatch.setattr(indexing, "BULK_KINDS", {})
    monkeypatch.setattr(indexing, "REBUILDERS", {})
    published_at = timezone.now() - dt.timedelta(hours=1)
    entries = [
        SearchEntry(
            kind=Kind.INTERPRETATION,
            object_id=n,
            url=f"/i/{n}/",
            title=f"居家养老解读{n}",
            text="",
            published_at=published_at,
        )
        for n in range(3)
    ]

    def batches(size: int):
        for start in range(0, len(entries), size):
            yield [(entry, []) for entry in entries[start : start + size]]

    indexing.register_bulk_kind(Kind.INTERPRETATION, count=lambda: len(entries), batches=batches)
    progress: list[int] = []

    assert indexing.bulk_count() == 3
    assert indexing.rebuild(progress=progress.append, batch_size=2, workers=0) == 3
    assert progress == [2, 1]
    assert sorted(titles("居家养老")) == ["居家养老解读0", "居家养老解读1", "居家养老解读2"]


def test_entries_replaced_and_removed_leave_nothing_behind_in_the_full_text_index(db):
    """SQLite's FTS5 table keeps no copy of the text (migration search.0007): each
    removal tells it what the row held, and a wrong guess would leave old words
    findable or corrupt the index."""
    texts = [
        ("《居家养老服务办法》政策解读", "一图读懂居家养老服务补贴。"),
        ("ＡＢＣ全角 2023 年度报告" + "长" * 250, "Ｈｏｔｌｉｎｅ 12345 热线，\n第 3 条\u3000办理。"),
        ("河长制工作要点", "巡河\t要求；<不含标签>"),
    ]
    for pk in (7, 8):
        for title, text in texts:
            indexing.index_object(
                Kind.INTERPRETATION,
                interpretation(pk),
                title=title,
                text=text,
                published_at=timezone.now() - dt.timedelta(hours=1),
            )
    indexing.remove_object(Kind.INTERPRETATION, 8)

    assert titles("居家养老") == []
    assert titles("2023年度") == []
    assert titles("12345热线") == []
    assert titles("河长制") == ["河长制工作要点"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", ['"居家 家养 养老"'])
            assert cursor.fetchall() == []
            cursor.execute("SELECT COUNT(*) FROM search_fts_docsize")
            assert cursor.fetchone()[0] == SearchEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_reindex_search_rebuilds_the_full_text_indexes_and_search_still_finds(capsys):
    document = PolicyDocumentFactory(published=True, title="关于居家养老服务的通知")
    sync_document(document.pk)

    call_command("reindex_search")

    out = capsys.readouterr().out
    if connection.vendor == "postgresql":
        assert f"{indexing.VECTOR_INDEX}：" in out and f"{indexing.LOOSE_INDEX}：" in out
    else:
        assert "无需此维护" in out
    assert titles("居家养老") == ["关于居家养老服务的通知"]
