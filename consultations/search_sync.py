"""Keep published messages (留言选登) and FAQs in the site search, through search.indexing.

Only the masked public copy of a message is indexed, never the asker's name or
contact details. consultations.services calls `sync_message` and `sync_faq` in
the transaction that publishes, unpublishes or creates them; the admin calls
`sync_faq` and `remove_faq` after staff save or delete an FAQ. `rebuild` (both
kinds) is registered for `rebuild_search_index` in ConsultationsConfig.ready.
"""

from __future__ import annotations

from django.urls import reverse

from documents.models import PolicyDocument
from search import indexing
from search.models import Kind

from .models import FAQ, Message


def sync_message(message: Message) -> None:
    """Index the message's public copy if it is published, remove it otherwise."""
    if not Message.objects.published().filter(pk=message.pk).exists():
        indexing.remove_object(Kind.MESSAGE, message.pk)
        return
    indexing.index_object(
        Kind.MESSAGE,
        message,
        title=message.public_title,
        text=f"{message.public_question}\n答复：{message.public_answer}",
        published_at=message.published_at,
        organisation_id=message.organisation_id,
    )


def sync_faq(faq: FAQ) -> None:
    """Index the FAQ if it is published, remove it otherwise."""
    if not faq.is_published:
        indexing.remove_object(Kind.FAQ, faq.pk)
        return
    indexing.index_object(
        Kind.FAQ,
        faq,
        title=faq.public_question,
        text=faq_text(faq),
        published_at=faq.created_at,
        url=f"{reverse('consultations:board')}#faq-{faq.pk}",
    )


def faq_text(faq: FAQ) -> str:
    """What an FAQ is found by besides its question: the answer, its topics (the everyday
    one citizens use, 养老服务, and the national one) and the public policies it cites."""
    topics = " ".join(label for label in (faq.get_everyday_topic_display(), faq.get_topic_display()) if label)
    cited = PolicyDocument.objects.public().filter(pk__in=faq.related_policies.values("pk"))
    policies = "；".join(f"{p.title} {p.doc_number}".strip() for p in cited.order_by("pk"))
    parts = [faq.public_answer, f"类别：{topics}", f"相关政策：{policies}" if policies else ""]
    return "\n".join(part for part in parts if part)


def remove_faq(faq_id: int) -> None:
    indexing.remove_object(Kind.FAQ, faq_id)


def rebuild() -> int:
    """Index every published message and FAQ again; returns how many."""
    count = 0
    for message in Message.objects.published():
        sync_message(message)
        count += 1
    for faq in FAQ.objects.published():
        sync_faq(faq)
        count += 1
    return count
