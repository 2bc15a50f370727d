"""Reads of the relay push: a policy's packages with their state, the partners' year,
the annual figures, and the partners a public policy page names."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone

from deadlines.models import Deadline
from documents.models import PolicyDocument

from .models import PolicyRelay, RelayPackage, RelayPartner
from .services import DEADLINE_KIND


@dataclasses.dataclass(frozen=True)
class PackageRow:
    package: RelayPackage
    due_on: dt.date | None
    overdue: bool

    @property
    def state_label(self) -> str:
        if self.package.is_acknowledged:
            return "已确认"
        return "逾期未确认" if self.overdue else "待确认"


def package_rows(relay: PolicyRelay, today: dt.date | None = None) -> list[PackageRow]:
    """The policy's packages, each with its confirmation due date (from the deadline
    engine) and whether it is overdue (unconfirmed, due date before today)."""
    today = today or timezone.localdate()
    packages = list(relay.packages.select_related("partner").order_by("partner__kind", "partner__name"))
    due = dict(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(RelayPackage),
            object_id__in=[package.pk for package in packages],
            kind=DEADLINE_KIND,
        )
        .order_by("id")
        .values_list("object_id", "due_date")
    )
    rows = []
    for package in packages:
        due_on = due.get(package.pk)
        overdue = not package.is_acknowledged and due_on is not None and due_on < today
        rows.append(PackageRow(package=package, due_on=due_on, overdue=overdue))
    return rows


def policies_for_staff(query: str = "", limit: int = 50):
    """Public policies, latest first, with their relay counts (None for no relay record)."""
    documents = PolicyDocument.objects.public().select_related("issuing_organisation", "relay")
    if query:
        documents = documents.filter(Q(title__icontains=query) | Q(doc_number__icontains=query))
    return documents.annotate(
        packages_sent=Count("relay__packages", distinct=True),
        packages_confirmed=Count("relay__packages", filter=Q(relay__packages__acknowledged_at__isnull=False)),
    ).order_by("-published_at", "-id")[:limit]


@dataclasses.dataclass(frozen=True)
class PartnerYear:
    partner: RelayPartner
    packages: int
    confirmed: int
    enterprises_reached: int


def partners_year(year: int) -> list[PartnerYear]:
    """Per partner: packages sent in ``year``, relays confirmed in it (by relay date) and
    the enterprises those reached."""
    partners = RelayPartner.objects.annotate(
        sent=Count("packages", filter=Q(packages__sent_at__year=year), distinct=True),
        confirmed=Count("packages", filter=Q(packages__relayed_on__year=year, packages__acknowledged_at__isnull=False)),
        reached=Sum(
            "packages__enterprises_reached",
            filter=Q(packages__relayed_on__year=year, packages__acknowledged_at__isnull=False),
        ),
    ).order_by("kind", "name")
    return [
        PartnerYear(partner=p, packages=p.sent, confirmed=p.confirmed, enterprises_reached=p.reached or 0)
        for p in partners
    ]


@dataclasses.dataclass(frozen=True)
class AnnualFigures:
    year: int
    packages_sent: int
    relays_confirmed: int
    enterprises_reached: int


def annual_figures(year: int) -> AnnualFigures:
    """The year's relay push in three numbers (for the work-points tracker and reports)."""
    confirmed = RelayPackage.objects.relayed_in(year)
    return AnnualFigures(
        year=year,
        packages_sent=RelayPackage.objects.filter(sent_at__year=year).count(),
        relays_confirmed=confirmed.count(),
        enterprises_reached=confirmed.enterprises_reached(),
    )


def public_carriers(document: PolicyDocument) -> list[RelayPartner]:
    """The partners a public policy page names: active, consented to be named, and having
    confirmed that they relayed this policy. Names and kinds only, never a contact."""
    return list(
        RelayPartner.objects.named_publicly()
        .filter(packages__relay__document=document, packages__acknowledged_at__isnull=False)
        .only("name", "kind")
        .distinct()
        .order_by("kind", "name")
    )
