"""Receivers of the document workflow's signals (documents.signals).

They run inside the withdrawal's transaction, so the relay's deadlines close in the same
commit as their policy.
"""

from __future__ import annotations

from documents.models import PolicyDocument

from . import services


def on_document_withdrawn(sender, *, document: PolicyDocument, user, reason: str = "", **kwargs) -> None:
    services.relay_withdraw_with(document=document, reason=reason)
