"""Triage on an application's admin page: the documents already proactively disclosed
that match what is asked (the public form's finder, applications.disclosed), and the
applicant's other applications (same ID number, credit code, e-mail or phone) with how
similar their descriptions are, so that staff notice a possible 重复申请. Only the
applications the staff member may see (applications.permissions) are listed."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from . import disclosed, permissions
from .models import Application

LIMIT = 10
REPEATED_FROM = 0.6  # similarity of the descriptions from which a 重复申请 is suggested
_MATCHED_BY = (
    ("id_number", "证件号码"),
    ("credit_code", "统一社会信用代码"),
    ("email", "电子邮箱"),
    ("phone", "联系电话"),
)


@dataclass(frozen=True)
class Earlier:
    application: Application
    matched_by: str  # "证件号码、联系电话"
    similarity: float  # 0-1, of the descriptions

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)

    @property
    def possibly_repeated(self) -> bool:
        return self.similarity >= REPEATED_FROM


def similarity(a: str, b: str) -> float:
    """How alike two descriptions are (0-1), over their characters without spaces."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a[:2000], b[:2000], autojunk=False).ratio()


def same_applicant(user, application: Application) -> list[Earlier]:
    """The applicant's other applications ``user`` may see, the most similar first."""
    values = {field: getattr(application, field).strip() for field, _ in _MATCHED_BY}
    query = Q()
    for field, value in values.items():
        if value:
            query |= Q(**{field: value})
    if not query:
        return []
    others = (
        permissions.visible_applications(user)
        .filter(query)
        .exclude(pk=application.pk)
        .order_by("-received_on", "-id")[:50]
    )
    found = []
    for other in others:
        matched = "、".join(
            label for field, label in _MATCHED_BY if values[field] and getattr(other, field) == values[field]
        )
        text = f"{other.information_title} {other.description}"
        found.append(
            Earlier(other, matched, similarity(f"{application.information_title} {application.description}", text))
        )
    found.sort(
        key=lambda e: (-e.similarity, -(e.application.received_on.toordinal() if e.application.received_on else 0))
    )
    return found[:LIMIT]


def published(application: Application) -> list[disclosed.Disclosed]:
    """Documents already proactively disclosed that the site search finds for what is asked."""
    parts = (application.information_title, application.document_number, application.description)
    return disclosed.find(" ".join(part for part in parts if part))
