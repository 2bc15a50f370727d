"""sitemap.xml: each app's entries, from its own sitemaps.py."""

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
