"""documents.gates: checks other apps add to the workflow refuse a step before it is
taken, and can be asked in advance without changing anything."""

from __future__ import annotations

import pytest

from documents import gates, services
from documents.models import Status
from factories import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_gate():
    def gate(*, document, action):
        if action == services.Action.SUBMIT:
            raise services.TransitionBlocked("测试关卡：暂不能提交。")

    gates.register("test-gate", gate)
    yield
    gates._GATES.pop("test-gate")


def test_a_gate_refuses_the_step_and_nothing_moves(refusing_gate, organisation, drafter):
    draft = make_draft(organisation, drafter)
    with pytest.raises(services.TransitionBlocked, match="测试关卡"):
        services.document_submit(document=draft, user=drafter)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.transitions.exists()


def test_a_gate_can_be_asked_in_advance(refusing_gate, organisation, drafter):
    draft = make_draft(organisation, drafter)
    assert gates.refusal(document=draft, action=services.Action.SUBMIT, name="test-gate") == "测试关卡：暂不能提交。"
    assert gates.refusal(document=draft, action=services.Action.SIGN, name="test-gate") == ""
    assert gates.refusal(document=draft, action=services.Action.SUBMIT, name="no-such-gate") == ""


def test_the_interpretation_gate_is_registered_by_its_app():
    from interpretations.services import interpretation_gate

    assert gates._GATES["interpretation"] is interpretation_gate
