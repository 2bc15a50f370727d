"""Gates on the document workflow: checks that other apps add to its steps.

A gate is a function ``gate(*, document, action)`` that raises
``TransitionBlocked`` (with a Chinese message saying what to do)
to refuse a step, and has no side effects. documents.services runs every gate before
each transition, ahead of the ``before_transition`` signal; since gates only read,
the workflow panel may also ask in advance whether a step would be refused.
The documents app imports none of its gates: they belong to apps that depend on it.

Every gate, registered in its app's ``AppConfig.ready()``:

- ``"interpretation"``: ``interpretations.services.interpretation_gate``, the 三同步
  gate: 审查通过 and 审签发布 of a document that needs an interpretation but has no
  drafted one are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Gate = Callable[..., None]


class TransitionBlocked(Exception):
    """A workflow step cannot be taken now; the message (Chinese) says why and what to do.
    Raised by gates, receivers of documents.signals and the services (also importable
    as documents.services.TransitionBlocked)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "操作未能完成。"


_GATES: dict[str, Gate] = {}


def register(name: str, gate: Gate) -> None:
    """Add (or replace, by name) a gate; called from an app's ready()."""
    _GATES[name] = gate


def check(*, document: Any, action: str) -> None:
    """Run every gate; the first refusal propagates as TransitionBlocked."""
    for gate in _GATES.values():
        gate(document=document, action=action)


def refusal(*, document: Any, action: str, name: str) -> str:
    """What gate `name` would answer to `action` now: its message, or '' if it lets it pass
    (or no such gate is registered)."""
    gate = _GATES.get(name)
    if gate is None:
        return ""
    try:
        gate(document=document, action=action)
    except TransitionBlocked as exc:
        return exc.message
    return ""
