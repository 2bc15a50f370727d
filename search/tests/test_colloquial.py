"""The colloquial set (search/colloquial.yaml): how citizens ask, over the demo's real text."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from search import indexing, quality


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for command in quality.DEMO_LOADERS:
            call_command(command, stdout=io.StringIO())
        indexing.rebuild()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_colloquial_queries_find_their_documents_in_the_top_5(demo):
    recall, misses, unanswered = quality.colloquial_recall(quality.top5_titles)

    assert len(quality.load_colloquial()) >= 60
    assert not unanswered, misses
    assert recall >= 0.95, misses
