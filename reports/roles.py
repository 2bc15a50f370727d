"""The staff roles' permissions on the annual report. Synced by organisations.roles.

The document roles do the report too: drafters and reviewers write it from the generated
draft and check its figures, the signing head (审签负责人) signs and publishes it, and the
管理员 role, town-wide, also keeps which offices report on their own. Which reports a user
works on is reports.permissions.
"""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER, REVIEWER, SIGNER

_READ = ["reports.view_annualreport", "reports.view_reportingorgan"]
_WRITE = [*_READ, "reports.add_annualreport", "reports.change_annualreport"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: list(_WRITE),
    REVIEWER: list(_WRITE),
    SIGNER: [*_WRITE, "reports.publish_annualreport"],
    ADMINISTRATOR: [
        *_WRITE,
        "reports.publish_annualreport",
        "reports.add_reportingorgan",
        "reports.change_reportingorgan",
        "reports.delete_reportingorgan",
    ],
}
