"""The staff roles' permissions on the compliance self-check. Synced by organisations.roles.

The town-wide 管理员 sees the dashboard and runs the check on demand; signing heads
(审签负责人) see it."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, SIGNER

ROLE_PERMISSIONS: dict[str, list[str]] = {
    SIGNER: ["compliance.view_compliance_dashboard"],
    ADMINISTRATOR: ["compliance.view_compliance_dashboard", "compliance.run_compliance_check"],
}
