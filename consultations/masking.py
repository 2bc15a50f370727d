"""The public copy of a message (留言选登): personal data hidden before staff confirm it.

- the asker's name becomes 张** (surname kept), also wherever it occurs in the text;
- the asker's own phone and e-mail are hidden wherever they occur, however written;
- mobiles, ID numbers, bank cards and e-mails go through `privacy.mask` (what the scan finds);
- addresses are blurred to the village, road or estate: 二联村3组45号 → 二联村**;
- in the asker's own words (title, question) any landline-like number is hidden too; in
  the answer it is kept, since the numbers staff write there are office numbers
  (021-59740000) the scan rightly allows.
Staff read the result and may edit it before confirming; `remaining_findings`
tells them what the privacy scan still sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import privacy

# A place name ending in a village/road/estate word, followed by house details.
_PLACE = r"[\u4e00-\u9fff]{1,12}?(?:村|居委会|路|公路|大道|街|巷|小区|花园|苑|新村)"
_NUMBER = r"[0-9０-９一二三四五六七八九十百千零〇两甲乙丙丁A-Za-z\-—－#]+"
_UNIT = r"(?:组|号|弄|支弄|栋|幢|号楼|楼|层|室|单元|户|座)"
_ADDRESS = re.compile(rf"({_PLACE})((?:\s*{_NUMBER}\s*{_UNIT})+)")
# A landline-like number privacy.mask keeps (the scan does not look for landlines).
_LANDLINE = re.compile(r"(?<!\d)(\d{3,4}-?)?\d{7,8}(?!\d)")
_SEPARATOR = r"[\s\-－—()（）+]*"


def mask_name(name: str) -> str:
    """张三 → 张**; an empty name stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "**"


def blur_addresses(text: str) -> str:
    return _ADDRESS.sub(lambda m: m.group(1) + "**", text)


def mask_text(
    text: str,
    *,
    names: list[str] | tuple[str, ...] = (),
    private: list[str] | tuple[str, ...] = (),
    landlines: bool = True,
) -> str:
    """`text` with personal data hidden: the names and private values given (the asker's
    phone and e-mail), privacy.mask findings, addresses and, with `landlines`, landline-like numbers."""
    text = text or ""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    text = privacy.mask(text)
    for pattern in _private_patterns(private):  # what the scan does not know is theirs (a landline)
        text = pattern.sub(_star_digits, text)
    text = blur_addresses(text)
    if landlines:
        text = _LANDLINE.sub(lambda m: m.group()[:3] + "****", text)
    return text


def contains_private(text: str, private: list[str] | tuple[str, ...]) -> bool:
    """Whether one of the private values (a phone however spaced, an e-mail) is still in `text`."""
    return any(pattern.search(text or "") for pattern in _private_patterns(private))


def _private_patterns(values) -> list[re.Pattern[str]]:
    patterns = []
    for value in values:
        value = (value or "").strip()
        if "@" in value:
            patterns.append(re.compile(re.escape(value), re.IGNORECASE))
            continue
        digits = re.sub(r"\D", "", value)
        if len(digits) < 7:
            continue
        # The number as written with any separators, and a landline's local part alone.
        forms = {digits, digits[-8:] if len(digits) > 8 and digits.startswith("0") else digits}
        for form in sorted(forms, key=len, reverse=True):
            patterns.append(re.compile(r"(?<!\d)" + _SEPARATOR.join(form) + r"(?!\d)"))
    return patterns


def _star_digits(match: re.Match[str]) -> str:
    """Keep the first three digits, star the others (021-59741234 → 021-********)."""
    seen = 0
    out = []
    for char in match.group():
        if char.isdigit():
            seen += 1
            out.append(char if seen <= 3 else "*")
        else:
            out.append(char)
    return "".join(out)


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
    one, for a preview of a draft). Nothing is saved."""
    names = [message.asker_name]
    private = [message.phone, message.email]
    title_max = type(message)._meta.get_field("title").max_length
    return PublicCopy(
        asker=mask_name(message.asker_name),
        title=mask_text(message.title, names=names, private=private)[:title_max],
        question=mask_text(message.question, names=names, private=private),
        answer=mask_text(message.answer if answer is None else answer, names=names, private=private, landlines=False),
    )
