"""The document workflow's extension point: signals other apps hook into.

documents.services sends them from the transitions (``_move``, ``document_sign``,
``document_withdraw``), inside the transition's transaction, so a receiver's writes
commit or roll back together with it, and an exception in a receiver (such as
``TransitionBlocked``) stops the transition. The documents app imports none of its
receivers: they belong to apps that depend on documents. What the documents app
itself does at each step (the Art. 26 publication deadline, the search index) is
called explicitly in documents.services, not through these signals.

Every receiver, connected in its app's ``AppConfig.ready()`` (keep this list
complete; documents/tests/test_signals.py checks it):

- ``before_transition(document, action, user)``: sent before any transition is
  applied; a receiver blocks it by raising ``documents.services.TransitionBlocked``
  with a Chinese message that the admin shows to the user.

  - ``interpretations.receivers.on_before_transition``:
    ``interpretations_follow_transition`` marks the drafts 已审查 on 审查通过 and
    returns them to 草稿 when the document is sent back or withdrawn before publication.
    (The 三同步 check that refuses a step is a gate, documents.gates, run just before.)

- ``document_published(document, user)``: the signing head signed; the document
  is now ``Status.PUBLISHED`` with ``published_at`` set (now, or the scheduled
  time, which may be in the future).

  - ``interpretations.receivers.on_document_published``: the document's drafted
    interpretations are signed and published with it, at its publication time, and
    indexed for search (``interpretations_publish_with``).

- ``document_withdrawn(document, user, reason)``: a published document was
  withdrawn (withdrawing one still in review or sign-off sends nothing).

  - ``interpretations.receivers.on_document_withdrawn``: every interpretation of the
    document, drafts included, is withdrawn with the reason and removed from search
    (``interpretations_withdraw_with``).
  - ``relay.receivers.on_document_withdrawn``: the relay packages' confirmations still
    awaited are cancelled in the deadline engine, so neither the partners nor the
    policy's office are chased about a withdrawn policy (``relay_withdraw_with``).
"""

from __future__ import annotations

from django.dispatch import Signal

before_transition = Signal()
document_published = Signal()
document_withdrawn = Signal()
