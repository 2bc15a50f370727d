"""Reads of the interpretations app shared by views, feeds, the API and the panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Min, Q
from django.utils import timezone

from documents.models import PolicyDocument

from .models import Interpretation, InterpretationQuerySet, Status


def panel_interpretations(document: PolicyDocument, user: AbstractBaseUser | AnonymousUser) -> list[Interpretation]:
    """The interpretations shown on a policy's page: newest first, so the newest follow-up leads."""
    return list(
        Interpretation.objects.visible_to(user)
        .filter(document=document)
        .select_related("follow_up_of")
        .order_by("-published_at", "-id")
    )


def public_interpretations() -> InterpretationQuerySet:
    return Interpretation.objects.public().for_listing().order_by("-published_at", "-id")


@dataclass(frozen=True)
class ComplianceGap:
    document: PolicyDocument
    interpreted_at: dt.datetime | None  # first published interpretation, if any
    gap_days: int  # days between the two, or days since publication when none

    @property
    def missing(self) -> bool:
        return self.interpreted_at is None


def compliance_gaps(now: dt.datetime | None = None) -> list[ComplianceGap]:
    """Published documents that need an interpretation and had none when they went out:
    none at all, or one published later (imported history). Largest gap first."""
    now = now or timezone.now()
    first_interpretation = Min(
        "interpretations__published_at",
        filter=Q(interpretations__status=Status.PUBLISHED, interpretations__follow_up_of__isnull=True),
    )
    documents = (
        PolicyDocument.objects.published(now)
        .needs_interpretation()
        .annotate(interpreted_at=first_interpretation)
        .filter(Q(interpreted_at__isnull=True) | Q(interpreted_at__gt=F("published_at")))
        .select_related("issuing_organisation")
    )
    today = timezone.localdate(now)
    gaps = []
    for document in documents:
        published_on = timezone.localdate(document.published_at)
        if document.interpreted_at is None:
            gap = (today - published_on).days
        else:
            gap = (timezone.localdate(document.interpreted_at) - published_on).days
        gaps.append(ComplianceGap(document=document, interpreted_at=document.interpreted_at, gap_days=gap))
    return sorted(gaps, key=lambda g: (not g.missing, -g.gap_days, g.document.pk))
