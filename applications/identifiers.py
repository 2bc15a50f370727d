"""Check characters of the identifiers an applicant gives (Art. 29: the
applicant's identity): the resident identity number (公民身份号码, GB 11643-1999)
and the unified social credit code (统一社会信用代码, GB 32100-2015).

``*_valid`` answers yes or no; ``*_error`` gives the Chinese message a form
shows ("" when valid); ``normalise_*`` is the value to store. Input is
normalised first: surrounding spaces dropped, full-width characters made
half-width (NFKC), letters upper-cased.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone

__all__ = [
    "credit_code_error",
    "credit_code_valid",
    "normalise_credit_code",
    "normalise_resident_id",
    "resident_id_error",
    "resident_id_valid",
]

_DIGITS = "0123456789"

# GB 11643-1999: weights 2^(17-i) mod 11 for the first 17 digits; the check
# character for a sum s is "10X98765432"[s mod 11].
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_ID_CHECK = "10X98765432"

# GB 32100-2015: 31 characters (no I, O, Z, S, V), each worth its index; the
# weights are 3^(i-1) mod 31; check = 31 - (sum mod 31), with 31 written as 0.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

RESIDENT_ID_REQUIRED = "请填写身份证号码。"
RESIDENT_ID_FORMAT = "身份证号码应为18位：前17位为数字，最后一位为数字或字母X，请核对后重新填写。"
RESIDENT_ID_BIRTH_DATE = "身份证号码中的出生日期（第7至14位）不是有效日期，请核对后重新填写。"
RESIDENT_ID_CHECK = "身份证号码的校验位不正确，请核对后重新填写。"
CREDIT_CODE_REQUIRED = "请填写统一社会信用代码。"
CREDIT_CODE_LENGTH = "统一社会信用代码应为18位，请核对后重新填写。"
CREDIT_CODE_CHARACTERS = "统一社会信用代码只含数字和大写英文字母（不含I、O、Z、S、V），请核对后重新填写。"
CREDIT_CODE_CHECK = "统一社会信用代码的校验位（最后一位）不正确，请核对后重新填写。"


def _normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def normalise_resident_id(number: str) -> str:
    return _normalise(number)


def normalise_credit_code(code: str) -> str:
    return _normalise(code)


def resident_id_check_character(first17: str) -> str:
    """The 18th character of a resident identity number whose first 17 digits are given."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _RESIDENT_ID_WEIGHTS, strict=True))
    return _RESIDENT_ID_CHECK[total % 11]


def resident_id_error(number: str) -> str:
    """The form's message for a resident identity number, or "" when it is valid."""
    value = normalise_resident_id(number)
    if not value:
        return RESIDENT_ID_REQUIRED
    if len(value) != 18 or any(c not in _DIGITS for c in value[:17]) or value[17] not in _DIGITS + "X":
        return RESIDENT_ID_FORMAT
    if not _is_birth_date(value[6:14]):
        return RESIDENT_ID_BIRTH_DATE
    if value[17] != resident_id_check_character(value[:17]):
        return RESIDENT_ID_CHECK
    return ""


def resident_id_valid(number: str) -> bool:
    return resident_id_error(number) == ""


def _is_birth_date(yyyymmdd: str) -> bool:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return dt.date(1800, 1, 1) <= born <= timezone.localdate()


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code whose first 17 characters are given."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * weight for c, weight in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str:
    """The form's message for a unified social credit code, or "" when it is valid."""
    value = normalise_credit_code(code)
    if not value:
        return CREDIT_CODE_REQUIRED
    if len(value) != 18:
        return CREDIT_CODE_LENGTH
    if any(c not in CREDIT_CODE_ALPHABET for c in value):
        return CREDIT_CODE_CHARACTERS
    if value[17] != credit_code_check_character(value[:17]):
        return CREDIT_CODE_CHECK
    return ""


def credit_code_valid(code: str) -> bool:
    return credit_code_error(code) == ""
