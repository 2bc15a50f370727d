"""The demo fills the catalogue items a town fills (documents/demo/column_content.json)."""

from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

import privacy
from documents.demo.loader import DEMO_DIR
from documents.models import CatalogueItem, PolicyDocument
from search import backends
from search.text import parse_query

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED_NUMBER = "徐府发〔2023〕32号"


def load(*commands: str) -> None:
    for command in commands or ("load_demo",):
        call_command(command, stdout=io.StringIO())


@pytest.fixture
def demo(db):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        load()
        yield


def public_in(code: str) -> list[str]:
    return list(PolicyDocument.objects.public().filter(catalogue_item__code=code).values_list("title", flat=True))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0101", "徐泾镇人民政府机构概况"),
        ("0102", "徐泾镇人民政府领导信息"),
        ("0103", "徐泾镇人民政府内设机构及主要职责"),
        ("0502", "徐泾镇2024年度镇级财政决算情况说明"),
        ("0503", "徐泾镇人民政府2024年度“三公”经费决算情况说明"),
        ("0601", "徐泾镇国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
        ("0706", "徐泾镇2025年安全生产工作要点"),
    ],
)
def test_the_items_a_town_fills_have_public_documents(demo, code, expected):
    assert expected in public_in(code)


def test_the_seed_work_points_are_filed_under_work_points(demo):
    seed = PolicyDocument.objects.get(doc_number=SEED_NUMBER)

    assert seed.catalogue_item.code == "0901"
    assert seed.catalogue_item.name == "工作要点"


def test_a_seed_filed_under_other_documents_by_an_older_demo_is_refiled_once(demo):
    seed = PolicyDocument.objects.get(doc_number=SEED_NUMBER)
    seed.catalogue_item = CatalogueItem.objects.get(code="0202")
    seed.save(update_fields=["catalogue_item"])

    load()

    seed.refresh_from_db()
    assert seed.catalogue_item.code == "0901"


def test_running_it_again_adds_no_column_document_twice(demo):
    titles = [row["title"] for row in json.loads((DEMO_DIR / "column_content.json").read_text())["documents"]]

    load()

    for title in titles:
        assert PolicyDocument.objects.filter(title=title).count() == 1, title


def test_the_leaders_page_names_each_leader_with_duties_and_nothing_private(demo):
    leaders = PolicyDocument.objects.get(title="徐泾镇人民政府领导信息")

    assert "<table>" in leaders.body and "镇长" in leaders.body and "副镇长" in leaders.body
    assert privacy.scan(leaders.scan_text()[0][1]) == []


def test_no_column_document_has_a_privacy_finding_or_a_missing_element(demo):
    titles = [row["title"] for row in json.loads((DEMO_DIR / "column_content.json").read_text())["documents"]]

    for document in PolicyDocument.objects.filter(title__in=titles):
        assert document.is_public, document.title
        assert document.missing_elements() == [], document.title
        assert [f for _, text in document.scan_text() for f in privacy.scan(text)] == [], document.title


def test_the_column_documents_are_found_by_search(demo):
    result = backends.search(backends.SearchRequest(query=parse_query("三公经费")))

    assert {hit.entry.title for hit in result.hits} >= {
        "徐泾镇人民政府2023年度“三公”经费决算情况说明",
        "徐泾镇人民政府2024年度“三公”经费决算情况说明",
    }


def test_with_every_demo_loaded_no_catalogue_item_is_an_empty_shell(db, citizen):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
        load("load_demo", "load_demo_interpretations", "load_demo_decisions")
        response = citizen.get("/catalogue/")

    empty = [
        f"{node.item.code} {node.item.name}"
        for root in response.context["roots"]
        for node in root.subtree()
        if node.total == 0
    ]
    assert empty == []
