"""Choosing the policy a question is about, at any size of the library.

The ask form offers a short list (policies in force that FAQs cite, then the newest in
force) and finds any other public policy by name or document number through the site
search, which marks each result's validity (已失效, 废止 …). Both the JSON endpoint
behind the search-as-you-type field and the form's no-JavaScript fallback use `find`.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.models import PolicyDocument
from documents.validity import ReaderValidity
from search import backends
from search import text as search_text
from search.models import Kind

SHORT_LIST_ASKED = 12
SHORT_LIST_RECENT = 20
FIND_LIMIT = 10
MIN_QUERY = 2
MAX_QUERY = 60


# How a list marks a policy not in force (its validity label as a state: 失效 → 已失效).
MARKS = {
    ReaderValidity.EXPIRED.value: "已失效",
    ReaderValidity.REPEALED.value: "已废止",
    ReaderValidity.AMENDED.value: "已修改",
    ReaderValidity.NOT_YET.value: ReaderValidity.NOT_YET.label,
}


def mark(validity: str, label: str) -> str:
    """〔已失效〕 and the like for a policy not in force today, "" for one in force."""
    return "" if validity == ReaderValidity.VALID else f"〔{MARKS.get(validity, label)}〕"


@dataclass(frozen=True)
class PolicyOption:
    id: int
    title: str
    doc_number: str
    validity: str  # the reader's validity today (a ReaderValidity value)
    validity_label: str
    number_match: bool = False

    @property
    def label(self) -> str:
        """How the option reads in a list: title, number and, unless in force, its validity."""
        text = f"{self.title}（{self.doc_number}）" if self.doc_number else self.title
        return text + mark(self.validity, self.validity_label)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "doc_number": self.doc_number,
            "validity": self.validity,
            "validity_label": MARKS.get(self.validity, self.validity_label),
            "label": self.label,
        }


def option_for(document: PolicyDocument) -> PolicyOption:
    return PolicyOption(
        id=document.pk,
        title=document.title,
        doc_number=document.doc_number,
        validity=document.current_validity(),
        validity_label=document.current_validity_label(),
    )


def short_list() -> list[tuple[str, list[PolicyOption]]]:
    """(group label, options): policies in force cited by published FAQs, then the newest in force."""
    in_force = (
        PolicyDocument.objects.public()
        .currently_valid()
        .only("id", "title", "doc_number", "validity", "effective_date", "expiry_date")
    )
    asked = list(
        in_force.filter(faqs__is_published=True).distinct().order_by("-published_at", "-id")[:SHORT_LIST_ASKED]
    )
    recent = list(in_force.exclude(pk__in=[d.pk for d in asked]).order_by("-published_at", "-id")[:SHORT_LIST_RECENT])
    groups = [("常被咨询的政策", asked), ("最近发布的现行有效政策", recent)]
    return [(label, [option_for(d) for d in documents]) for label, documents in groups if documents]


def find(query: str, limit: int = FIND_LIMIT) -> list[PolicyOption]:
    """Public policies matching a name or document number, best first, with their validity."""
    query = (query or "").replace("\x00", "").strip()[:MAX_QUERY]
    if len(query) < MIN_QUERY:
        return []
    result = backends.search(
        backends.SearchRequest(
            query=search_text.parse_query(query), filters=backends.Filters(kind=Kind.DOCUMENT), per_page=limit
        )
    )
    return [
        PolicyOption(
            id=hit.entry.object_id,
            title=hit.entry.title,
            doc_number=hit.entry.doc_number,
            validity=hit.entry.current_validity(),
            validity_label=hit.entry.current_validity_label(),
            number_match=hit.number_match,
        )
        for hit in result.hits
    ]


def resolve(query: str) -> tuple[PolicyOption | None, list[PolicyOption]]:
    """The one policy a typed name or number means, else (None, the candidates)."""
    found = find(query)
    normalised = search_text.normalise(query).strip()
    exact = [
        o
        for o in found
        if o.number_match or search_text.normalise(o.title) == normalised or o.doc_number == query.strip()
    ]
    if len(exact) == 1:
        return exact[0], found
    if len(found) == 1:
        return found[0], found
    return None, found
