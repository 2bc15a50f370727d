"""The public copy of a message (留言选登): personal data hidden before staff confirm it.

- the asker's name becomes 张** (surname kept), also wherever it occurs in the text;
- phones, ID numbers, bank cards and e-mails go through `privacy.mask`;
- addresses are blurred to the village, road or estate: 二联村3组45号 → 二联村**.
Staff read the result and may edit it before confirming; `remaining_findings`
tells them what the privacy scan still sees.
"""

from __future__ import annotations

import re

import privacy

# A place name ending in a village/road/estate word, followed by house details.
_PLACE = r"[\u4e00-\u9fff]{1,12}?(?:村|居委会|路|公路|大道|街|巷|小区|花园|苑|新村)"
_NUMBER = r"[0-9０-９一二三四五六七八九十百千零〇两甲乙丙丁A-Za-z\-—－#]+"
_UNIT = r"(?:组|号|弄|支弄|栋|幢|号楼|楼|层|室|单元|户|座)"
_ADDRESS = re.compile(rf"({_PLACE})((?:\s*{_NUMBER}\s*{_UNIT})+)")
# A bare number of four or more digits that privacy.mask kept (e.g. a landline).
_LONG_DIGITS = re.compile(r"(?<!\d)(\d{3,4}-?)?\d{7,8}(?!\d)")


def mask_name(name: str) -> str:
    """张三 → 张**; an empty name stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "**"


def blur_addresses(text: str) -> str:
    return _ADDRESS.sub(lambda m: m.group(1) + "**", text)


def mask_text(text: str, *, names: list[str] | tuple[str, ...] = ()) -> str:
    """`text` with personal data hidden: names given, privacy.mask findings, addresses, landlines."""
    text = text or ""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    text = privacy.mask(text)
    text = blur_addresses(text)
    return _LONG_DIGITS.sub(lambda m: m.group()[:3] + "****", text)


def remaining_findings(*texts: str) -> list[str]:
    """Chinese labels of the personal data the privacy scan still finds (sensitive words included)."""
    labels = []
    for text in texts:
        for finding in privacy.scan(text or ""):
            labels.append(privacy.KIND_LABELS.get(finding.kind, finding.kind))
    return sorted(set(labels))
