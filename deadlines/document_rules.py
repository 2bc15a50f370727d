"""Art. 26 of the Regulations on Open Government Information (《中华人民共和国
政府信息公开条例》第二十六条): proactively disclosed information is published
within 20 working days of being formed. The clock starts from the document's
成文日期 when a 主动公开 document is saved unpublished, is met when it is
published, and is cancelled if the document stops being 主动公开.

Connected in ``DeadlinesConfig.ready()``; the documents app knows nothing of it.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from . import services

KIND = "publication_art26"
WORKING_DAYS = 20
LEGAL_BASIS = (
    "《中华人民共和国政府信息公开条例》第二十六条：属于主动公开范围的政府信息，"
    "应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
)


def on_document_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    from documents.models import DisclosureAttribute, Status

    if raw:
        return
    if instance.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        services.deadline_cancel(
            subject=instance, kind=KIND, reason=f"公开属性改为“{instance.get_disclosure_attribute_display()}”"
        )
        return
    if instance.status in (Status.PUBLISHED, Status.WITHDRAWN):
        return
    deadline = services.deadline_start(
        subject=instance,
        kind=KIND,
        purpose=f"主动公开《{instance.title}》",
        legal_basis=LEGAL_BASIS,
        start=instance.written_date,
        working_days=WORKING_DAYS,
        organisation=instance.organisation,
    )
    if deadline.start_date != instance.written_date:
        services.deadline_restart(subject=instance, kind=KIND, start=instance.written_date)


def on_document_published(sender, document, user=None, **kwargs) -> None:
    from django.utils import timezone

    published_on = timezone.localdate(document.published_at) if document.published_at else None
    services.deadline_meet(subject=document, kind=KIND, on=published_on)


def connect() -> None:
    from documents.models import PolicyDocument
    from documents.signals import document_published

    post_save.connect(on_document_saved, sender=PolicyDocument, dispatch_uid="deadlines.art26.saved")
    document_published.connect(on_document_published, dispatch_uid="deadlines.art26.published")
