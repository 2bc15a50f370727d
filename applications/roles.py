"""The staff roles of disclosure on application and what each may do. Synced by organisations.roles.

Which applications a role sees is applications.permissions: the registrar and the 管理员
role town-wide, handlers and signers their own organisation's.
"""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

REGISTRAR = "依申请登记人"  # registers applications from every channel and dispatches them
HANDLER = "依申请承办人"  # handles the applications of their own organisation
SIGNER = "依申请审签人"  # the responsible head: approves extensions, signs replies

_READ = [
    "applications.view_application",
    "applications.view_applicationevent",
    "applications.view_review",
    "applications.view_guide",
    "organisations.view_organisation",
]
_HANDLE = [
    *_READ,
    "applications.change_application",
    "applications.add_review",
    "applications.change_review",
    "applications.view_identity_scan",
]
_REGISTER = [
    *_HANDLE,
    "applications.add_application",
    "applications.register_application",
    "applications.dispatch_application",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REGISTRAR: _REGISTER,
    HANDLER: [*_HANDLE, "applications.handle_application"],
    SIGNER: [*_READ, "applications.change_application", "applications.sign_application"],
    ADMINISTRATOR: [
        *_REGISTER,
        "applications.handle_application",
        "applications.sign_application",
        "applications.add_guide",
        "applications.change_guide",
    ],
}
