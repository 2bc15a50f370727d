"""The counts an anonymous visitor sees (list page facets, home page tag catalogue) come
from the cached aggregate (documents.aggregates) and stay exact: the same as counting
the corpus, after a publication, a withdrawal, an edit, at midnight when a document
expires and when a scheduled document's time comes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from documents import aggregates, selectors, services
from documents.filters import PolicyDocumentFilter
from documents.models import DocumentType, PolicyDocument, Topic, Validity
from factories import CatalogTagFactory, PolicyDocumentFactory, make_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]  # context and query counts

NOW = dt.datetime(2025, 6, 30, 10, 0, tzinfo=dt.UTC)  # 18:00 in Shanghai


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def housing(db):
    return CatalogTagFactory(name="住房保障", slug="housing")


@pytest.fixture
def elderly(db):
    return CatalogTagFactory(name="养老服务", slug="elderly")


@pytest.fixture
def library(organisation, other_organisation, housing, elderly):
    today = timezone.localdate()
    documents = []
    for i in range(12):
        documents.append(
            PolicyDocumentFactory(
                published=True,
                organisation=organisation if i % 2 else other_organisation,
                issuing_organisation=organisation if i % 2 else other_organisation,
                doc_type=DocumentType.NORMATIVE if i % 3 == 0 else DocumentType.NOTICE,
                topic=Topic.GENERAL if i % 4 else Topic.choices[1][0],
                written_date=dt.date(2020 + i % 3, 3, 1),
                validity=Validity.REPEALED if i == 5 else Validity.VALID,
                expiry_date=today if i == 0 else None,  # in force today, expired tomorrow
                tags=[housing] if i % 2 else [housing, elderly],
            )
        )
    return documents


def facets(client, query: str = "") -> dict:
    response = client.get(f"/documents/{query}")
    assert response.status_code == 200
    counts = {(f.name, o.value): o.count for f in response.context["facets"] for o in f.options}
    counts["total"] = response.context["total"]
    return counts


def counted_from_the_corpus(query: dict) -> dict:
    """The same facets counted by the database queries (the signed-in path)."""
    filterset = PolicyDocumentFilter(query, queryset=PolicyDocument.objects.none())
    filterset.is_valid()
    search = selectors.filtered_documents(
        queryset=PolicyDocument.objects.public(), filterset=filterset, today=timezone.localdate()
    )
    counts = {(f.name, o.value): o.count for f in search.facets for o in f.options}
    counts["total"] = search.total
    return counts


def home_tags(client) -> dict[str, int]:
    response = client.get("/")
    return {tag.slug: tag.document_count for _, tags in response.context["tag_groups"] for tag in tags}


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"tag": "elderly"},
        {"organisation": "office"},
        {"doc_type": "normative", "validity": "valid"},
        {"tag": "housing", "year": "2021", "organisation": "economy"},
        {"validity": "repealed"},
        {"tag": "elderly", "doc_type": "notice", "topic": Topic.GENERAL, "validity": "valid", "year": "2022"},
    ],
)
def test_the_counts_are_those_of_the_corpus(citizen, library, query):
    from urllib.parse import urlencode

    assert facets(citizen, "?" + urlencode(query)) == counted_from_the_corpus(query)


def test_a_publication_and_a_withdrawal_change_the_counts_on_the_next_request(
    citizen, library, organisation, drafter, reviewer, signer, housing, django_capture_on_commit_callbacks
):
    before = facets(citizen)
    assert home_tags(citizen)["housing"] == 12
    draft = make_draft(organisation, drafter)
    draft.tags.add(housing)

    with django_capture_on_commit_callbacks(execute=True):
        services.document_submit(document=draft, user=drafter)
        services.document_approve_review(document=draft, user=reviewer)
        services.document_sign(document=draft, user=signer)

    assert facets(citizen)["total"] == before["total"] + 1
    assert facets(citizen)["tag", "housing"] == before["tag", "housing"] + 1
    assert home_tags(citizen)["housing"] == 13

    with django_capture_on_commit_callbacks(execute=True):
        services.document_withdraw(document=draft, user=signer, comment="内容有误，撤回修改")

    assert facets(citizen) == before
    assert home_tags(citizen)["housing"] == 12


def test_an_edit_after_publication_changes_the_counts(
    citizen, library, signer, elderly, django_capture_on_commit_callbacks
):
    document = library[1]  # housing only, a notice
    assert facets(citizen, "?tag=elderly")["total"] == 6

    document.doc_type = DocumentType.NORMATIVE
    document.save()
    document.tags.add(elderly)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_record_edit(document=document, user=signer, changed=["doc_type", "tags"])

    assert facets(citizen, "?tag=elderly")["total"] == 7
    assert facets(citizen) == counted_from_the_corpus({})


def test_a_document_expiring_today_leaves_the_counts_at_midnight_without_any_task(citizen, library, frozen_time):
    in_force = facets(citizen)["validity", "valid"]

    frozen_time.move_to(dt.datetime(2025, 6, 30, 16, 1, tzinfo=dt.UTC))  # 00:01 on 1 July in Shanghai

    after = facets(citizen)
    assert after["validity", "valid"] == in_force - 1
    assert after["validity", "expired"] == 1
    assert after == counted_from_the_corpus({})


def test_a_scheduled_document_is_counted_once_its_time_has_come(
    citizen, library, housing, frozen_time, django_capture_on_commit_callbacks
):
    before = facets(citizen)["total"]
    PolicyDocumentFactory(
        published=True,
        published_at=timezone.now() + dt.timedelta(hours=1),
        scheduled_publish_at=timezone.now() + dt.timedelta(hours=1),
        tags=[housing],
    )
    with django_capture_on_commit_callbacks(execute=True):
        aggregates.changed()  # as documents.services does when the head signs it
    assert facets(citizen)["total"] == before

    frozen_time.move_to(NOW + dt.timedelta(hours=1, minutes=1))

    assert facets(citizen)["total"] == before + 1


def test_the_counts_are_computed_once_then_read_from_the_cache(citizen, library, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        aggregates.get()
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 3  # two grouped counts and the next scheduled publication
    with django_assert_num_queries(0):
        aggregates.get()
    aggregates.forget()  # another process: the shared cache has them
    with django_assert_num_queries(0):
        aggregates.get()


def test_a_signed_in_reader_of_targeted_documents_gets_counts_including_them(
    library, enterprise_user, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from factories import client_for, make_targeted_document

    audience = Group.objects.create(name="园区企业")
    enterprise_user.groups.add(audience)
    make_targeted_document(audience, title="园区企业定向通知")
    client = client_for(enterprise_user)

    assert facets(client)["total"] == facets(client_for_anonymous())["total"] + 1


def client_for_anonymous():
    from django.test import Client

    return Client()


def test_bench_cold_versions_makes_the_next_read_recompute_the_counts_and_pages():
    """bin/bench-pages's cold requests: the command replaces both versions, as a publication does."""
    from django.core.management import call_command

    from xujing_portal import pagecache

    aggregates.get()
    counts_before = aggregates._version()
    pages_before = pagecache._shared().get(pagecache.VERSION_KEY)
    call_command("bench_cold_versions")
    assert aggregates._version() != counts_before
    assert pagecache._shared().get(pagecache.VERSION_KEY) not in (None, pages_before)
    counts_kept = aggregates._version()
    call_command("bench_cold_versions", "--pages-only")
    assert aggregates._version() == counts_kept


def test_the_writer_computes_the_new_counts_so_the_next_visitor_does_not(
    citizen, library, organisation, drafter, reviewer, signer, housing, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft = make_draft(organisation, drafter)
    draft.tags.add(housing)
    services.document_submit(document=draft, user=drafter)
    services.document_approve_review(document=draft, user=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign(document=draft, user=signer)

    aggregates.forget()  # another web process: nothing of its own in memory
    key = aggregates.KEY.format(version=aggregates._version(), today=timezone.localdate().isoformat())
    assert isinstance(aggregates._shared().get(key), aggregates.Aggregate)
    with CaptureQueriesContext(connection) as queries:
        assert home_tags(citizen)["housing"] == 13
    assert not any("GROUP BY" in q["sql"] for q in queries.captured_queries)  # no count over the corpus


def test_warmed_before_midnight_the_first_visitor_of_the_day_computes_nothing_and_counts_are_exact(
    citizen, library, frozen_time
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents import tasks

    in_force = facets(citizen)["validity", "valid"]
    frozen_time.move_to(dt.datetime(2025, 6, 30, 15, 55, tzinfo=dt.UTC))  # 23:55 in Shanghai
    tasks.warm_public_counts()  # as beat does every minute
    aggregates.forget()  # the visitor's web process holds nothing of its own

    frozen_time.move_to(dt.datetime(2025, 6, 30, 16, 0, 30, tzinfo=dt.UTC))  # 00:00:30 on 1 July
    with CaptureQueriesContext(connection) as queries:
        after = facets(citizen)
    assert not any("GROUP BY" in q["sql"] for q in queries.captured_queries)  # no count over the corpus
    assert after["validity", "valid"] == in_force - 1  # the document that expired at midnight left them
    assert after == counted_from_the_corpus({})


def test_a_write_after_warming_is_not_hidden_by_the_next_days_counts(
    citizen, library, organisation, signer, frozen_time, django_capture_on_commit_callbacks
):
    frozen_time.move_to(dt.datetime(2025, 6, 30, 15, 55, tzinfo=dt.UTC))  # 23:55 in Shanghai
    aggregates.warm()
    document = next(d for d in library if d.organisation == organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_withdraw(document=document, user=signer, comment="内容有误，撤回修改")

    frozen_time.move_to(dt.datetime(2025, 6, 30, 16, 0, 30, tzinfo=dt.UTC))
    assert facets(citizen) == counted_from_the_corpus({})
