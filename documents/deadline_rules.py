"""Art. 26 of the Regulations on Open Government Information (《中华人民共和国
政府信息公开条例》第二十六条): proactively disclosed information is published
within 20 working days of being formed.

The clock runs from the document's 成文日期 while a 主动公开 document is
unpublished, is met when it is signed, and is cancelled if the document stops
being 主动公开. ``documents.services`` calls these functions in its own
transaction: ``document_save`` (the admin's add and change forms, the demo
loaders), every workflow transition and the historical review follow the
document; ``document_sign`` meets the deadline. A bare ``PolicyDocument.save()``
touches no deadline. The clock itself is the generic engine in
``deadlines.services``.
"""

from __future__ import annotations

from django.utils import timezone

from deadlines import services as deadlines
from deadlines.models import Deadline

from .models import DisclosureAttribute, PolicyDocument, Status

KIND = "publication_art26"
WORKING_DAYS = 20
LEGAL_BASIS = (
    "《中华人民共和国政府信息公开条例》第二十六条：属于主动公开范围的政府信息，"
    "应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
)


def publication_deadline_for(document: PolicyDocument) -> Deadline | None:
    """The document's running Art. 26 deadline, else its latest closed one."""
    return deadlines.deadline_for(document, KIND)


def publication_deadline_follow(*, document: PolicyDocument) -> Deadline | None:
    """Bring the clock in step with the saved document: cancel it when the document is
    no longer 主动公开; leave it alone once published or withdrawn; otherwise start it
    (if none is running) and move its start to a corrected 成文日期."""
    if document.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        reason = f"公开属性改为“{document.get_disclosure_attribute_display()}”"
        return deadlines.deadline_cancel(subject=document, kind=KIND, reason=reason)
    if document.status in (Status.PUBLISHED, Status.WITHDRAWN):
        return None
    deadline = deadlines.deadline_start(
        subject=document,
        kind=KIND,
        purpose=f"主动公开《{document.title}》",
        legal_basis=LEGAL_BASIS,
        start=document.written_date,
        working_days=WORKING_DAYS,
        organisation=document.organisation,
    )
    if deadline.start_date != document.written_date:
        deadline = deadlines.deadline_restart(subject=document, kind=KIND, start=document.written_date)
    return deadline


def publication_deadline_meet(*, document: PolicyDocument) -> Deadline | None:
    """The document is signed: met on its publication day (today, or the scheduled day)."""
    published_on = timezone.localdate(document.published_at) if document.published_at else None
    return deadlines.deadline_meet(subject=document, kind=KIND, on=published_on)
