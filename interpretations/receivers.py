"""Receivers of the document workflow's signals (documents.signals).

They run inside the transition's transaction, so the gate's refusal rolls the
transition back, and the interpretation is published or withdrawn in the same
commit as its policy.
"""

from __future__ import annotations

from documents.models import PolicyDocument

from . import services


def on_before_transition(sender, *, document: PolicyDocument, action: str, user, **kwargs) -> None:
    services.interpretations_follow_transition(document=document, action=action)


def on_document_published(sender, *, document: PolicyDocument, user, **kwargs) -> None:
    services.interpretations_publish_with(document=document, user=user)


def on_document_withdrawn(sender, *, document: PolicyDocument, user, reason: str = "", **kwargs) -> None:
    services.interpretations_withdraw_with(document=document, reason=reason)
