"""Privacy and confidentiality scan (item 18): find and mask personal data.

`scan(text)` returns findings; `mask(text)` hides every one of them.
Implementation: privacy/scanner.py.
"""

from __future__ import annotations

KIND_LABELS = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "sensitive_word": "敏感词",
}


def scan(text: str, *, sensitive_words: list[str] | None = None):  # noqa: ANN201
    from .scanner import scan as _scan

    return _scan(text, sensitive_words=sensitive_words)


def mask(text: str, *, sensitive_words: list[str] | None = None) -> str:
    from .scanner import mask as _mask

    return _mask(text, sensitive_words=sensitive_words)
