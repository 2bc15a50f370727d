"""The labelled query set: its corpus, and Recall@5 of a search function over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils import timezone

from documents import numbers, synthetic
from documents.models import DisclosureAttribute, DisclosureScope, PolicyDocument, Status

from . import backends
from . import text as search_text

LABELLED_PATH = Path(__file__).with_name("labelled.yaml")
COLLOQUIAL_PATH = Path(__file__).with_name("colloquial.yaml")
# Every demo loader, in the order `make demo` runs them: the colloquial set's corpus.
DEMO_LOADERS = (
    "load_demo",
    "load_demo_interpretations",
    "load_demo_consultations",
    "load_demo_decisions",
    "load_demo_applications",
    "load_demo_reports",
    "load_demo_workpoints",
)
NOISE_DOCUMENTS = 300
NOISE_SEED = 20230606


@dataclass(frozen=True)
class LabelledQuery:
    q: str
    expect: tuple[str, ...]  # document numbers


def load() -> tuple[list[dict], list[LabelledQuery]]:
    data = yaml.safe_load(LABELLED_PATH.read_text(encoding="utf-8"))
    queries = [LabelledQuery(q=str(item["q"]), expect=tuple(item["expect"])) for item in data["queries"]]
    return data["documents"], queries


def create_corpus(noise: int = NOISE_DOCUMENTS, seed: int = NOISE_SEED) -> dict[str, int]:
    """The labelled documents plus synthetic noise; returns document number -> id."""
    documents, _ = load()
    # Keyed by the generator's slugs, also where the demo data already has the organisation.
    organisations = {
        row[2]: org for row, org in zip(synthetic.ORGANISATIONS, synthetic.ensure_organisations(), strict=True)
    }
    now = timezone.now()
    ids = {}
    for serial, item in enumerate(documents, start=1):
        org = organisations[item["org"]]
        year = int(item["number"].split("〔")[1][:4])
        written = dt.date(year, 3, 1) + dt.timedelta(days=serial)
        document = PolicyDocument.objects.create(
            title=item["title"],
            doc_number=item["number"],
            organisation=org,
            issuing_organisation=org,
            index_number=numbers.index_number_prefix(org.index_code, year)
            + f"L{serial:04d}",  # apart from assigned ones
            written_date=written,
            published_at=min(
                now - dt.timedelta(days=1),
                dt.datetime(year, 3, 5, tzinfo=timezone.get_current_timezone()) + dt.timedelta(days=serial),
            ),
            doc_type=item["type"],
            topic=item["topic"],
            body=f"<p>{item['body']}</p>",
            status=Status.PUBLISHED,
            disclosure_scope=DisclosureScope.PUBLIC,
            disclosure_attribute=DisclosureAttribute.PROACTIVE,
        )
        ids[item["number"]] = document.pk
    if noise:
        synthetic.generate(noise, seed=seed)
    return ids


def recall_at_5(top5: Callable[[str], list[int]], ids: dict[str, int]) -> tuple[float, list[str]]:
    """Share of expected (query, document) pairs found in the top 5, and the misses."""
    _, queries = load()
    found = total = 0
    misses = []
    for query in queries:
        results = top5(query.q)[:5]
        for number in query.expect:
            total += 1
            if ids[number] in results:
                found += 1
            else:
                misses.append(f"{query.q} → {number}")
    return found / total, misses


def top5(q: str) -> list[int]:
    """Document ids of our search's first five results, as the page ranks them."""
    result = backends.search(backends.SearchRequest(query=search_text.parse_query(q), per_page=5))
    return [hit.entry.object_id for hit in result.hits]


def load_colloquial() -> list[LabelledQuery]:
    """The colloquial set: what citizens type, with titles of demo results (colloquial.yaml)."""
    data = yaml.safe_load(COLLOQUIAL_PATH.read_text(encoding="utf-8"))
    return [LabelledQuery(q=str(item["q"]), expect=tuple(item["expect"])) for item in data["queries"]]


def colloquial_recall(top5_titles: Callable[[str], list[str]]) -> tuple[float, list[str], list[str]]:
    """Recall@5 of the colloquial set, the missed (query, title) pairs, and the
    queries none of whose expected results is in the top 5 (answered only by noise)."""
    found = total = 0
    misses, unanswered = [], []
    for query in load_colloquial():
        titles = top5_titles(query.q)[:5]
        hits = [title for title in query.expect if title in titles]
        found, total = found + len(hits), total + len(query.expect)
        misses += [f"{query.q} → {title} (got {titles})" for title in query.expect if title not in titles]
        if not hits:
            unanswered.append(query.q)
    return found / total, misses, unanswered


def top5_titles(q: str) -> list[str]:
    """Titles of our search's first five results, as the page ranks them."""
    result = backends.search(backends.SearchRequest(query=search_text.parse_query(q), per_page=5))
    return [hit.entry.title for hit in result.hits]
