"""What a citizen typed, made fit to publish: one mechanism for every kind of public copy
(a published message, a quoted opinion, the question behind a follow-up interpretation).

- the person's name becomes 张** (surname kept) wherever it occurs in the text, also when
  they typed more than their name into the name field (张三 13912345678);
- their own phone and e-mail are hidden wherever they occur, however written;
- mobiles, ID numbers, bank cards and e-mails go through `privacy.mask` (what the scan finds);
- addresses are blurred to the village, road or estate: 二联村3组45号 → 二联村**;
- with `landlines`, any landline-like number is hidden too: in a citizen's own words a
  number is theirs; in staff's words (an answer, a report) it is an office number
  (021-59740000) the scan rightly allows, so callers pass landlines=False there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import mask, scan

# A place name ending in a village/road/estate word, followed by house details.
_PLACE = r"[\u4e00-\u9fff]{1,12}?(?:村|居委会|路|公路|大道|街|巷|小区|花园|苑|新村)"
_NUMBER = r"[0-9０-９一二三四五六七八九十百千零〇两甲乙丙丁A-Za-z\-—－#]+"
_UNIT = r"(?:组|号|弄|支弄|栋|幢|号楼|楼|层|室|单元|户|座)"
_ADDRESS = re.compile(rf"({_PLACE})((?:\s*{_NUMBER}\s*{_UNIT})+)")
# A landline-like number privacy.mask keeps (the scan does not look for landlines).
_LANDLINE = re.compile(r"(?<!\d)(\d{3,4}-?)?\d{7,8}(?!\d)")
_SEPARATOR = r"[\s\-－—()（）+.\u200b\u200c\u200d\u2060\ufeff]*"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_NAME = re.compile(r"[^\u4e00-\u9fff·A-Za-z]+")


def mask_name(name: str) -> str:
    """张三 → 张**; an empty name stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "**"


def name_only(text: str) -> str:
    """What of a name field is a name: whatever the scan finds and any landline-like number
    dropped (上官明玥 13912345678 → 上官明玥)."""
    text = text or ""
    for finding in reversed(scan(text, sensitive_words=())):
        text = text[: finding.start] + " " + text[finding.end :]
    return " ".join(_LANDLINE.sub(" ", text).split())


def name_forms(names: Iterable[str]) -> list[str]:
    """Each name as typed and, when more was typed into the field, the names in it
    (the parts with a Chinese character), longest first; single characters are left out."""
    forms: set[str] = set()
    for name in names:
        name = (name or "").strip()
        forms.add(name)
        forms.update(part for part in _NOT_NAME.split(name_only(name)) if _HAN.search(part))
    return sorted((form for form in forms if len(form) > 1), key=len, reverse=True)


def blur_addresses(text: str) -> str:
    return _ADDRESS.sub(lambda m: m.group(1) + "**", text)


def mask_citizen_text(
    text: str,
    *,
    names: Iterable[str] = (),
    contacts: Iterable[str] = (),
    landlines: bool = True,
) -> str:
    """`text` with personal data hidden: the names and contacts given (the person's phone
    and e-mail), privacy.mask findings, addresses and, with `landlines`, landline-like numbers."""
    text = text or ""
    for name in name_forms(names):
        text = text.replace(name, mask_name(name))
    text = mask(text)
    for pattern in _contact_patterns(contacts):  # what the scan does not know is theirs (a landline)
        text = pattern.sub(_star_digits, text)
    text = blur_addresses(text)
    if landlines:
        text = _LANDLINE.sub(lambda m: m.group()[:3] + "****", text)
    return text


def contains_contact(text: str, contacts: Iterable[str]) -> bool:
    """Whether one of the contacts (a phone however spaced, an e-mail) is still in `text`."""
    return any(pattern.search(text or "") for pattern in _contact_patterns(contacts))


def _contact_patterns(values: Iterable[str]) -> list[re.Pattern[str]]:
    patterns = []
    for value in values:
        value = (value or "").strip()
        if "@" in value:
            patterns.append(re.compile(re.escape(value), re.IGNORECASE))
            continue
        digits = re.sub(r"\D", "", value)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
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
