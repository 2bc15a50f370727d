"""Documents already proactively disclosed that match what an applicant asks for, from
the site search ("您要找的信息可能已经公开"): offered while the applicant types (a JSON
endpoint) and on the form's "查找" button without JavaScript; they may still apply."""

from __future__ import annotations

from dataclasses import dataclass

from search import backends
from search import text as search_text
from search.models import Kind

LIMIT = 5
MIN_QUERY = 2
MAX_QUERY = 200


@dataclass(frozen=True)
class Disclosed:
    title: str
    doc_number: str
    url: str

    def as_json(self) -> dict:
        return {"title": self.title, "doc_number": self.doc_number, "url": self.url}


def find(text: str, limit: int = LIMIT) -> list[Disclosed]:
    """Public documents the site search finds for ``text`` (as typed, else word by word)."""
    query = (text or "").replace("\x00", "").strip()[:MAX_QUERY]
    if len(query) < MIN_QUERY:
        return []
    result = backends.search(
        backends.SearchRequest(
            query=search_text.parse_query(query), filters=backends.Filters(kind=Kind.DOCUMENT), per_page=limit
        )
    )
    return [Disclosed(hit.entry.title, hit.entry.doc_number, hit.entry.url) for hit in result.hits[:limit]]
