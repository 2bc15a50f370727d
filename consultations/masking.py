"""The public copy of a message (留言选登): personal data hidden before staff confirm it.

- the asker's name becomes 张** (surname kept), also wherever it occurs in the text, and so
  does the enterprise's name, which names the asker as surely;
- the asker's own phone and e-mail are hidden wherever they occur, however written;
- mobiles, ID numbers, bank cards and e-mails go through `privacy.mask` (what the scan finds);
- addresses are blurred to the village, road or estate: 二联村3组45号 → 二联村**;
- in the asker's own words (title, question) any landline-like number is hidden too; in
  the answer it is kept, since the numbers staff write there are office numbers
  (021-59740000) the scan rightly allows.
Staff read the result and may edit it before confirming; `remaining_findings`
tells them what the privacy scan still sees. The masking itself is privacy.citizen's,
shared with every other kind of public copy of what citizens typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import privacy
from privacy.citizen import blur_addresses, contains_contact, mask_citizen_text, mask_name

__all__ = [
    "PublicCopy",
    "blur_addresses",
    "contains_private",
    "mask_name",
    "mask_text",
    "masked_title",
    "public_copy",
    "remaining_findings",
]


def mask_text(
    text: str,
    *,
    names: list[str] | tuple[str, ...] = (),
    private: list[str] | tuple[str, ...] = (),
    landlines: bool = True,
) -> str:
    """`text` with personal data hidden (privacy.citizen.mask_citizen_text): the names and
    private values given (the asker's phone and e-mail), privacy.mask findings, addresses
    and, with `landlines`, landline-like numbers."""
    return mask_citizen_text(text, names=names, contacts=private, landlines=landlines)


def contains_private(text: str, private: list[str] | tuple[str, ...]) -> bool:
    """Whether one of the private values (a phone however spaced, an e-mail) is still in `text`."""
    return contains_contact(text, private)


def remaining_findings(*texts: str) -> list[str]:
    """Chinese labels of the personal data the privacy scan still finds (sensitive words included)."""
    labels = []
    for text in texts:
        for finding in privacy.scan(text or ""):
            labels.append(privacy.KIND_LABELS.get(finding.kind, finding.kind))
    return sorted(set(labels))


@dataclass(frozen=True)
class PublicCopy:
    asker: str
    title: str
    question: str
    answer: str


def public_copy(message, answer: str | None = None) -> PublicCopy:
    """The masked copy of a message as 留言选登 would show it (`answer` instead of the sent
    one, for a preview of a draft). Nothing is saved. The enterprise's name is hidden with
    the asker's: it would name the asker as surely."""
    names = [message.asker_name, message.enterprise_name]
    private = [message.phone, message.email]
    return PublicCopy(
        asker=mask_name(message.asker_name),
        title=masked_title(message),
        question=mask_text(message.question, names=names, private=private),
        answer=mask_text(message.answer if answer is None else answer, names=names, private=private, landlines=False),
    )


def masked_title(message) -> str:
    """The title with the asker's personal data hidden: for the public copy and for notices
    to staff, which travel by e-mail."""
    title_max = type(message)._meta.get_field("title").max_length
    names, private = [message.asker_name, message.enterprise_name], [message.phone, message.email]
    return mask_text(message.title, names=names, private=private)[:title_max]
