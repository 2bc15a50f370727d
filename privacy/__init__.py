"""Privacy and confidentiality scan (item 18): find and mask personal data.

`scan(text)` returns findings (kind, start, end, text, sorted by start, never
overlapping); `mask(text)` hides every one of them so that no run of more than
four of their digits survives. Without `sensitive_words`, both read the list
staff maintain in the admin (privacy.SensitiveWord).

For records of a scan that outlive the text (the review panel's findings):
`mask_finding(finding)` is one finding's masked form, `masked_excerpt(text,
findings, start, end)` the text around a finding with every finding in it masked,
and `fingerprint(kind, value)` a keyed hash that recognises the same value on
the next scan without keeping it.
Implementation: privacy/scanner.py.

What a citizen typed becomes public through privacy/citizen.py
(`mask_citizen_text(text, names=..., contacts=...)`): their name and their own
contact details hidden too, wherever and however they occur.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scanner import Finding

KIND_LABELS = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "sensitive_word": "敏感词",
}


def scan(text: str, *, sensitive_words: Iterable[str] | None = None) -> list[Finding]:
    from .scanner import scan as _scan

    return _scan(text, sensitive_words=sensitive_words)


def mask(text: str, *, sensitive_words: Iterable[str] | None = None) -> str:
    from .scanner import mask as _mask

    return _mask(text, sensitive_words=sensitive_words)


def mask_finding(finding: Finding) -> str:
    from .scanner import mask_finding as _mask_finding

    return _mask_finding(finding)


def masked_excerpt(text: str, findings: Iterable[Finding], start: int, end: int) -> str:
    from .scanner import masked_excerpt as _masked_excerpt

    return _masked_excerpt(text, findings, start, end)


def fingerprint(kind: str, value: str) -> str:
    from .scanner import fingerprint as _fingerprint

    return _fingerprint(kind, value)
