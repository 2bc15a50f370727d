"""What each staff role may do with policy documents and their catalogues (the
disclosure workflow: the drafter drafts, the reviewer reviews, the signer signs and
withdraws, the administrator keeps the catalogues). Synced by organisations.roles."""

from __future__ import annotations

from organisations.roles import ADMINISTRATOR, DRAFTER, REVIEWER, SIGNER

_CATALOGUES_READ = [
    "documents.view_catalogueitem",
    "documents.view_catalogtag",
    "documents.view_tagdimension",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    DRAFTER: [
        "documents.view_policydocument",
        "documents.add_policydocument",
        "documents.change_policydocument",
        "documents.view_attachment",
        "documents.add_attachment",
        "documents.change_attachment",
        "documents.delete_attachment",
        *_CATALOGUES_READ,
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
    ],
    REVIEWER: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.review_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "documents.change_privacyfinding",
        *_CATALOGUES_READ,
    ],
    SIGNER: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.sign_policydocument",
        "documents.withdraw_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        *_CATALOGUES_READ,
    ],
    ADMINISTRATOR: [
        "documents.view_policydocument",
        "documents.change_policydocument",
        "documents.withdraw_policydocument",
        "documents.view_attachment",
        "documents.view_documenttransition",
        "documents.view_privacyfinding",
        "documents.add_catalogueitem",
        "documents.change_catalogueitem",
        "documents.delete_catalogueitem",
        "documents.view_catalogueitem",
        "documents.add_catalogtag",
        "documents.change_catalogtag",
        "documents.delete_catalogtag",
        "documents.view_catalogtag",
        "documents.add_tagdimension",
        "documents.change_tagdimension",
        "documents.view_tagdimension",
        "documents.view_documentdecision",
        "documents.add_documentdecision",
    ],
}
