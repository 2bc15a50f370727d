"""What each staff role may do with the relay push. Synced by organisations.roles.

政策接力联络员 (usually in 经济发展办公室) keeps the relay partners, the key points of each
policy, sends the packages and records that a policy needs no relay; the partners serve
the whole town, so this role acts on every public policy. The 管理员 sees everything."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR

RELAY_COORDINATOR = "政策接力联络员"

_VIEW = ["relay.view_relaypartner", "relay.view_policyrelay", "relay.view_relaypackage"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    RELAY_COORDINATOR: [
        *_VIEW,
        "relay.add_relaypartner",
        "relay.change_relaypartner",
        "relay.change_policyrelay",
        "relay.send_relaypackage",
        # choosing the tags partners cover, and reading the policies
        "documents.view_catalogtag",
        "documents.view_policydocument",
    ],
    ADMINISTRATOR: list(_VIEW),
}
