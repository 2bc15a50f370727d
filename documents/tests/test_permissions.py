"""The role × transition permission matrix (documents.permissions)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from documents import permissions as p
from documents.models import Status
from factories import UserFactory, make_draft, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db

PERSONAS = ["drafter", "reviewer", "signer", "administrator", "other_drafter", "other_reviewer", "other_signer"]
PERSONAS += ["citizen", "anonymous"]

# status -> action -> the personas allowed (everyone else is refused).
MATRIX: dict[str, dict[str, set[str]]] = {
    Status.DRAFT: {
        p.VIEW: {"drafter", "reviewer", "signer", "administrator"},
        p.EDIT: {"drafter"},
        p.SUBMIT: {"drafter"},
        p.APPROVE_REVIEW: set(),
        p.SEND_BACK: set(),
        p.SIGN: set(),
        p.WITHDRAW: set(),
        p.WAIVE: set(),
        p.DECIDE: set(),
    },
    Status.PENDING_REVIEW: {
        p.VIEW: {"drafter", "reviewer", "signer", "administrator"},
        p.EDIT: {"reviewer"},
        p.SUBMIT: set(),
        p.APPROVE_REVIEW: {"reviewer"},
        p.SEND_BACK: {"reviewer"},
        p.SIGN: set(),
        p.WITHDRAW: {"drafter"},
        p.WAIVE: {"reviewer"},
        p.DECIDE: set(),
    },
    Status.PENDING_SIGNOFF: {
        p.VIEW: {"drafter", "reviewer", "signer", "administrator"},
        p.EDIT: {"signer"},
        p.SUBMIT: set(),
        p.APPROVE_REVIEW: set(),
        p.SEND_BACK: {"signer"},
        p.SIGN: {"signer"},
        p.WITHDRAW: {"drafter"},
        p.WAIVE: set(),
        p.DECIDE: set(),
    },
    Status.PUBLISHED: {
        p.VIEW: {"drafter", "reviewer", "signer", "administrator"},
        p.EDIT: {"signer", "administrator"},
        p.SUBMIT: set(),
        p.APPROVE_REVIEW: set(),
        p.SEND_BACK: set(),
        p.SIGN: set(),
        p.WITHDRAW: {"signer", "administrator"},
        p.WAIVE: set(),
        p.DECIDE: {"reviewer", "administrator"},
    },
    Status.WITHDRAWN: {
        p.VIEW: {"drafter", "reviewer", "signer", "administrator"},
        p.EDIT: set(),
        p.SUBMIT: set(),
        p.APPROVE_REVIEW: set(),
        p.SEND_BACK: set(),
        p.SIGN: set(),
        p.WITHDRAW: set(),
        p.WAIVE: set(),
        p.DECIDE: set(),
    },
}
CASES = [(status, action) for status, actions in MATRIX.items() for action in actions]


@pytest.fixture
def people(organisation, other_organisation, drafter, reviewer, signer, administrator):
    """Everyone in the matrix. The document's drafter is a colleague, so the
    personas' own earlier steps do not interfere (that rule is tested below)."""
    return {
        "drafter": drafter,
        "reviewer": reviewer,
        "signer": signer,
        "administrator": administrator,
        "other_drafter": make_staff(roles.DRAFTER, other_organisation, "other-drafter"),
        "other_reviewer": make_staff(roles.REVIEWER, other_organisation, "other-reviewer"),
        "other_signer": make_staff(roles.SIGNER, other_organisation, "other-signer"),
        "citizen": UserFactory(username="citizen"),
        "anonymous": AnonymousUser(),
        "colleague": make_staff(roles.DRAFTER, organisation, "colleague"),
    }


@pytest.mark.parametrize(("status", "action"), CASES)
def test_permission_matrix(status, action, organisation, people):
    """Every persona against one (status, action) cell: exactly the listed ones may."""
    document = make_draft(organisation, people["colleague"], status=status)
    if status != Status.DRAFT:
        document.transitions.create(
            actor=people["colleague"], from_status=Status.DRAFT, to_status=Status.PENDING_REVIEW, action="submit"
        )
    if status == Status.PUBLISHED:
        document.disclosure_attribute = "on_request"  # a historical-review candidate
    allowed = {persona for persona in PERSONAS if p.can(people[persona], action, document)}
    assert allowed == MATRIX[status][action]


def test_other_organisations_and_citizens_are_forbidden_not_just_blocked(organisation, people):
    document = make_draft(organisation, people["colleague"], status=Status.PENDING_REVIEW)
    for persona in ["other_reviewer", "citizen", "anonymous"]:
        refused = p.denial(people[persona], p.APPROVE_REVIEW, document)
        assert refused is not None and refused.forbidden


@pytest.mark.parametrize(
    ("earlier", "action"),
    [("submit", p.APPROVE_REVIEW), ("submit", p.SIGN), ("review", p.SIGN), ("submit", p.WAIVE)],
)
def test_separation_of_duties(earlier, action, organisation, people):
    """A superuser holds every role, yet cannot take a second step on the same document."""
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    status = Status.PENDING_SIGNOFF if action == p.SIGN else Status.PENDING_REVIEW
    document = make_draft(organisation, people["colleague"], status=status)
    if earlier == "submit":
        document.transitions.create(
            actor=boss, from_status=Status.DRAFT, to_status=Status.PENDING_REVIEW, action="submit"
        )
    else:
        document.reviewed_by = boss
    refused = p.denial(boss, action, document)
    assert refused is not None and not refused.forbidden
    assert "同一人不能承担两个环节" in refused.message


def test_a_drafter_sees_only_their_organisations_documents(organisation, other_organisation, people):
    own = make_draft(organisation, people["drafter"])
    make_draft(other_organisation, people["other_drafter"])
    assert list(p.visible_documents(people["drafter"])) == [own]
    assert p.visible_documents(people["administrator"]).count() == 2
    assert not p.visible_documents(people["citizen"]).exists()


def test_only_drafters_with_an_organisation_may_add(people):
    assert p.can_add(people["drafter"])
    assert not p.can_add(people["reviewer"])
    assert not p.can_add(people["citizen"])
