"""Who may see the compliance dashboard and run the check now: staff (organisations.access)
holding the role permission (compliance/roles.py). The dashboard is town-wide."""

from __future__ import annotations

from organisations import access

VIEW = "compliance.view_compliance_dashboard"
RUN = "compliance.run_compliance_check"


def can_view(user) -> bool:
    return access.is_staff_member(user) and user.has_perm(VIEW)


def can_run(user) -> bool:
    return can_view(user) and user.has_perm(RUN)
