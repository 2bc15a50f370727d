"""Keep public decisions (重大行政决策) in the site search, through search.indexing.

A decision is searchable once its catalogue is published. decisions.services
calls `sync_decision` in the transaction of each change that alters what the
public reads (a stage change, the feedback report, the catalogue's publication,
the draft's articles), as do the admin after staff edit a decision and the demo
loader; `rebuild` is registered for `rebuild_search_index` in DecisionsConfig.ready.
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


def rebuild() -> int:
    """Index every public decision again; returns how many."""
    count = 0
    for decision in Decision.objects.public().select_related("catalogue", "organisation"):
        sync_decision(decision)
        count += 1
    return count
