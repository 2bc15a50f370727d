"""Workflow signals other apps hook into (interpretations, deadlines, search).

All are sent inside the transaction of the transition, so a receiver's writes
commit or roll back together with it.

- ``before_transition(document, action, user)``: sent before a transition is
  applied; a receiver blocks it by raising ``documents.services.TransitionBlocked``
  with a Chinese message that the admin shows to the user.
- ``document_published(document, user)``: the signing head signed; the document
  is now ``Status.PUBLISHED`` with ``published_at`` set (now, or the scheduled
  time, which may be in the future).
- ``document_withdrawn(document, user, reason)``: a published document was
  withdrawn.
"""

from __future__ import annotations

from django.dispatch import Signal

before_transition = Signal()
document_published = Signal()
document_withdrawn = Signal()
