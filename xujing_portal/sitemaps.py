"""sitemap.xml: an index of sections, each app's entries from its own sitemaps.py.

/sitemap.xml is a sitemap index (Django's index view) naming one file per section,
/sitemap-<section>.xml, and its further pages ?p=2, ?p=3 … A page holds at most
SECTION_LIMIT entries, so no file grows with the corpus. The index gives no lastmod per
section: working it out reads every item of the section (Django's default), which is the
cost the index exists to avoid; each section's own entries keep their lastmod.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from applications.sitemaps import ApplicationPageSitemap
from consultations.sitemaps import BoardPageSitemap, PublishedMessageSitemap
from decisions.sitemaps import CatalogueSitemap, DecisionPageSitemap, DecisionSitemap
from documents.sitemaps import DocumentSitemap, StaticPageSitemap
from events.sitemaps import EventPageSitemap, EventSitemap
from figures.sitemaps import FiguresSitemap
from interpretations.sitemaps import InterpretationPageSitemap, InterpretationSitemap
from organisations.sitemaps import OrganisationSitemap
from reports.sitemaps import AnnualReportSitemap
from workpoints.sitemaps import WorkPointsSitemap

SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": StaticPageSitemap,
    "documents": DocumentSitemap,
    "organisations": OrganisationSitemap,
    "interpretation-pages": InterpretationPageSitemap,
    "interpretations": InterpretationSitemap,
    "decision-pages": DecisionPageSitemap,
    "decision-catalogues": CatalogueSitemap,
    "decisions": DecisionSitemap,
    "board-pages": BoardPageSitemap,
    "published-messages": PublishedMessageSitemap,
    "applications": ApplicationPageSitemap,
    "reports": AnnualReportSitemap,
    "workpoints": WorkPointsSitemap,
    "figures": FiguresSitemap,
    "event-pages": EventPageSitemap,
    "events": EventSitemap,
}

SECTION_LIMIT = 2_000  # entries per page of a section, at most (about 280 KB of XML)


def _bounded(section: type[Sitemap]) -> type[Sitemap]:
    """The section with at most SECTION_LIMIT entries a page and no lastmod in the index."""
    return type(
        section.__name__,
        (section,),
        {"limit": min(section.limit, SECTION_LIMIT), "get_latest_lastmod": lambda self: None},
    )


def sections() -> dict[str, type[Sitemap]]:
    """SITEMAPS as the index and section views serve them."""
    return {name: _bounded(section) for name, section in SITEMAPS.items()}
