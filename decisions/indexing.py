"""Public decisions in the site search (search.indexing, kind DECISION).

A decision is searchable once its catalogue is published; its entry is refreshed
when its stage changes, its feedback report is published or staff edit it.
"""

from __future__ import annotations

from search import indexing
from search.models import Kind

from .models import Decision


def _text(decision: Decision) -> str:
    parts = [decision.summary, decision.legal_basis, decision.organisation.name]
    if decision.draft_is_public:
        parts += [decision.draft_text, decision.drafting_explanation]
    report = getattr(decision, "feedback_report", None)
    if report is not None and report.is_published:
        parts.append(report.public_body)
    return "\n".join(p for p in parts if p)


def sync_decision(decision: Decision) -> None:
    """Index the decision if the public may read it, remove it otherwise."""
    decision = Decision.objects.select_related("catalogue", "organisation").get(pk=decision.pk)
    if not decision.catalogue.is_public:
        indexing.remove_object(Kind.DECISION, decision)
        return
    indexing.index_object(
        Kind.DECISION,
        decision,
        title=decision.title,
        text=_text(decision),
        published_at=decision.catalogue.published_at,
        organisation_id=decision.organisation_id,
        year=decision.catalogue.year,
    )


def rebuild_decisions() -> int:
    """For `rebuild_search_index`: every public decision again."""
    count = 0
    for decision in Decision.objects.public().select_related("catalogue", "organisation"):
        sync_decision(decision)
        count += 1
    return count
