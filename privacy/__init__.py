"""Privacy and confidentiality scan (item 18): find and mask personal data.

`scan(text)` returns findings (kind, start, end, text, sorted by start, never
overlapping); `mask(text)` hides every one of them so that no run of more than
four of their digits survives. Without `sensitive_words`, both read the list
staff maintain in the admin (privacy.SensitiveWord).
Implementation: privacy/scanner.py.
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
