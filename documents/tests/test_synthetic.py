"""documents.synthetic and manage.py generate_documents: the synthetic corpus."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from documents import numbers, synthetic
from documents.models import PolicyDocument
from search.models import Kind, SearchEntry

pytestmark = pytest.mark.django_db


def test_index_numbers_have_the_portals_format_and_continue_across_runs():
    synthetic.generate(4, seed=1)
    synthetic.generate(4, seed=1)  # same seed, same organisations and years: serials must go on
    documents = PolicyDocument.objects.select_related("issuing_organisation")
    assert documents.count() == 8
    assert len({d.index_number for d in documents}) == 8
    for document in documents:
        _, serial = numbers.split_index_number(document.index_number)
        code = document.issuing_organisation.index_code
        assert document.index_number == numbers.index_number(code, document.written_date.year, serial)
        assert str(numbers.parse(document.doc_number)) == document.doc_number


def test_it_generates_public_documents():
    synthetic.generate(3, seed=2)
    assert PolicyDocument.objects.public().count() == 3


def test_the_command_reports_what_it_made():
    out = StringIO()
    call_command("generate_documents", count=2, quiet=True, stdout=out)
    assert "已生成并写入检索索引 2 份文件" in out.getvalue()
    assert PolicyDocument.objects.count() == 2


def test_the_command_indexes_what_it_makes_so_search_finds_it_without_a_rebuild(citizen):
    call_command("generate_documents", count=30, quiet=True, stdout=StringIO())

    assert SearchEntry.objects.filter(kind=Kind.DOCUMENT).count() == 30
    document = PolicyDocument.objects.order_by("pk").last()
    entry = SearchEntry.objects.get(kind=Kind.DOCUMENT, object_id=document.pk)
    assert entry.title == document.title
    assert set(entry.tags.values_list("pk", flat=True)) == set(document.tags.values_list("pk", flat=True))
    response = citizen.get("/search/", {"q": document.doc_number})
    assert response.status_code == 200
    assert document.get_absolute_url() in response.content.decode()


def test_without_index_the_command_leaves_the_search_index_alone():
    call_command("generate_documents", count=2, quiet=True, no_index=True, stdout=StringIO())
    assert not SearchEntry.objects.exists()


def test_the_command_refuses_a_count_below_one():
    with pytest.raises(CommandError, match="--count 必须是正整数"):
        call_command("generate_documents", count=0, quiet=True)
