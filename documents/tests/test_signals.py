"""The workflow signals are the documented extension point: every connected receiver
is listed, by module path, in documents.signals' docstring."""

from __future__ import annotations

import pytest

from documents import signals
from documents.models import PolicyDocument


def receiver_paths(signal) -> set[str]:
    sync_receivers, async_receivers = signal._live_receivers(PolicyDocument)
    return {f"{r.__module__}.{r.__qualname__}" for r in [*sync_receivers, *async_receivers]}


@pytest.mark.parametrize("name", ["before_transition", "document_published", "document_withdrawn"])
def test_every_receiver_is_listed_in_the_module_docstring(name):
    paths = receiver_paths(getattr(signals, name))

    assert paths, f"{name} has no receiver: drop it or connect one"
    assert {path for path in paths if path not in signals.__doc__} == set()


def test_the_documents_own_steps_such_as_the_art26_deadline_are_not_receivers():
    for name in ["before_transition", "document_published", "document_withdrawn"]:
        assert not any(path.startswith(("documents.", "deadlines.")) for path in receiver_paths(getattr(signals, name)))
