"""Find and mask personal data and confidentiality markers in free text (item 18).

The scan runs on a copy of the text in which every full-width ASCII character
(１３８…, ＋８６, ＠) and the ideographic space are replaced by their half-width
form, and every Chinese numeral (一三九…, 壹叁玖…) by its digit, one character for
one character, so every offset found in the copy is an offset into the original text.

Numbers written to slip past a pattern are read as a person reads them: digits with
spaces, dots, dashes, slashes, brackets, line breaks or invisible characters between
them ("1 3 9 1 2 3 4 5 6 7 8", "139\u200b1234\u200b5678", "(139)1234/5678") are joined
before the number patterns run, also when written right after a number the plain
patterns find ("310229198506123458 139\u200b1234\u200b5678"); and an address
with its @ written out ("zhang[at]example.com", "zhang(at)example(dot)com",
"zhang 艾特 qq 点 com", "zhang#example.com", "zhang @ example.com") is an e-mail address.

Each pattern produces candidates; candidates that overlap are settled by keeping
the longest (then the more specific kind), so a bank card number never also
yields a mobile number inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


# Full-width ASCII (U+FF01..U+FF5E) and the ideographic / no-break spaces, one char to one char.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20})
# The scan copy: half-width, and Chinese numerals as digits (一三九一二三四五六七八 is a phone number).
# 幺 is how 1 is read out in a phone number.
_SCAN_COPY = {**_HALF_WIDTH, **str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺", "001234567891234567891")}
# What may stand between the digits of one number without making it two (the scan copy is
# half-width, so （）～ arrive as ()~).
# List punctuation (、，。) is not among them: "150、2000、3000元" is three amounts, not a phone.
_DIGIT_SEPARATORS = frozenset(
    " -._·\t\n\r/()~\u00ad\u200b\u200c\u200d\u2060\ufeff\u2010\u2011\u2012\u2013\u2014\u2028\u2029"
)
_MAX_SEPARATORS = 3

# Settles overlaps between candidates of equal length: the lower number wins.
_PRIORITY = {"id_card": 0, "bank_card": 1, "mobile": 2, "email": 3, "sensitive_word": 4}

# First two digits of a resident ID: the province-level division (GB/T 2260).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"

_ID_18 = re.compile(r"(?<![0-9])[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx](?![0-9])")
_ID_15 = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])")
_BANK_CARD = re.compile(r"(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9])")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_DIGIT_RUN = re.compile(r"\d{5,}")
# "@" and "." written out, in brackets or as words (also Chinese 艾特 / 点), as # ("请把#换成@"),
# or with spaces or invisible characters around them.
_OPEN, _CLOSE = r"[\[(（【{<《]", r"[\])）】}>》]"
_GAP = r"[\s\u200b\u200c\u200d\u2060\ufeff]*"
_AT = rf"(?:{_GAP}{_OPEN}{_GAP}(?:at|艾特|@|a){_GAP}{_CLOSE}{_GAP}|\s+at\s+|{_GAP}艾特{_GAP}|{_GAP}[@#]{_GAP})"
_DOT = rf"(?:{_GAP}[.。]{_GAP}|{_GAP}{_OPEN}{_GAP}(?:dot|点|\.){_GAP}{_CLOSE}{_GAP}|\s+dot\s+|{_GAP}点{_GAP})"
_EMAIL_WRITTEN_OUT = re.compile(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}{_AT}"
    rf"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?{_DOT})+[A-Za-z]{{2,24}}(?![A-Za-z0-9-])",
    re.IGNORECASE,
)
_AT_WRITTEN_OUT = re.compile(_AT, re.IGNORECASE)


def scan(text: str, *, sensitive_words: Iterable[str] | None = None) -> list[Finding]:
    """Findings in `text`, sorted by start and never overlapping.

    Without `sensitive_words`, the words staff maintain in the admin
    (privacy.SensitiveWord) are read afresh, so an edit applies to the next scan.
    """
    if not text:
        return []
    if sensitive_words is None:
        words = _stored_words()
    else:
        words = (sensitive_words,) if isinstance(sensitive_words, str) else tuple(sensitive_words)
    half = text.translate(_SCAN_COPY)
    candidates = [
        *_id_cards(half),
        *_bank_cards(half),
        *_matches(_MOBILE, half, "mobile"),
        *_matches(_EMAIL, half, "email"),
        *_matches(_EMAIL_WRITTEN_OUT, half, "email"),
    ]
    candidates += [*_separated_numbers(half, candidates), *_sensitive_words(text, words)]
    return [Finding(kind, start, end, text[start:end]) for kind, start, end in _settle(candidates)]


def mask(text: str, *, sensitive_words: Iterable[str] | None = None) -> str:
    """`text` with every finding masked: no run of more than 4 of its digits survives."""
    pieces: list[str] = []
    position = 0
    for finding in scan(text, sensitive_words=sensitive_words):
        pieces.append(text[position : finding.start])
        pieces.append(mask_finding(finding))
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_finding(finding: Finding) -> str:
    """The masked form of one finding (138****8000, 310***********123X, z***@example.com)."""
    value = finding.text
    if finding.kind == "sensitive_word":
        return "＊" * len(value)
    if finding.kind == "email":
        at = _AT_WRITTEN_OUT.search(value.translate(_HALF_WIDTH))
        if at is None:  # not an address this scan wrote down; hide it whole
            return "*" * len(value)
        local, domain = value[: at.start()], value[at.end() :]
        return f"{local[0]}***@{_DIGIT_RUN.sub(lambda m: '*' * len(m.group()), domain)}"
    half = value.translate(_SCAN_COPY)
    positions = [i for i, char in enumerate(half) if char in "0123456789Xx"]
    if finding.kind == "id_card":
        keep = set(positions[:3] + positions[-4 if len(positions) == 18 else -3 :])
    elif finding.kind == "bank_card":
        keep = set(positions[-4:])
    else:  # mobile: the last 11 digits are the number, any before them are the 86 / 0086 prefix
        number = positions[-11:]
        keep = set(positions[:-11]) | set(number[-4:])
        if number[0] == 0 or not half[number[0] - 1].isdigit():
            keep |= set(number[:3])
    hidden = set(positions) - keep
    masked = "".join("*" if i in hidden else char for i, char in enumerate(value))
    # Belt and braces: whatever the layout, never leave five digits in a row.
    return _DIGIT_RUN.sub(lambda m: "*" * len(m.group()), masked)


def masked_excerpt(text: str, findings: Iterable[Finding], start: int, end: int) -> str:
    """text[start:end] with every finding that reaches into it masked whole.

    A finding cut by the window's edge is widened to the whole finding first, so
    no half of a number is left readable at either end.
    """
    findings = sorted(findings, key=lambda f: f.start)
    for finding in findings:
        if finding.start < start < finding.end:
            start = finding.start
        if finding.start < end < finding.end:
            end = finding.end
    pieces: list[str] = []
    position = start
    for finding in findings:
        if finding.end <= start or finding.start >= end:
            continue
        pieces.append(text[position : finding.start])
        pieces.append(mask_finding(finding))
        position = finding.end
    pieces.append(text[position:end])
    return "".join(pieces)


def fingerprint(kind: str, value: str) -> str:
    """A keyed hash (HMAC with SECRET_KEY) of one finding's value, to recognise it on the
    next scan without storing it; the same number written with full-width digits or
    spaces gives the same fingerprint."""
    from django.utils.crypto import salted_hmac

    normalised = re.sub(r"[\s-]", "", value.translate(_HALF_WIDTH)).lower()
    return salted_hmac("privacy.finding", f"{kind}:{normalised}", algorithm="sha256").hexdigest()


def _settle(candidates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Keep the longest (then most specific) of each group of overlapping candidates."""
    kept: list[tuple[str, int, int]] = []
    for cluster in _overlapping_clusters(sorted(candidates, key=lambda c: (c[1], c[2]))):
        chosen: list[tuple[str, int, int]] = []
        for candidate in sorted(cluster, key=lambda c: (c[1] - c[2], _PRIORITY[c[0]], c[1])):
            if all(candidate[2] <= other[1] or other[2] <= candidate[1] for other in chosen):
                chosen.append(candidate)
        kept.extend(sorted(chosen, key=lambda c: c[1]))
    return kept


def _overlapping_clusters(candidates: list[tuple[str, int, int]]) -> Iterator[list[tuple[str, int, int]]]:
    cluster: list[tuple[str, int, int]] = []
    cluster_end = -1
    for candidate in candidates:
        if cluster and candidate[1] >= cluster_end:
            yield cluster
            cluster = []
        cluster.append(candidate)
        cluster_end = max(cluster_end, candidate[2]) if len(cluster) > 1 else candidate[2]
    if cluster:
        yield cluster


def _matches(pattern: re.Pattern[str], text: str, kind: str) -> Iterator[tuple[str, int, int]]:
    for match in pattern.finditer(text):
        yield kind, match.start(), match.end()


def _separated_numbers(half: str, taken: list[tuple[str, int, int]]) -> Iterator[tuple[str, int, int]]:
    """Numbers with separators between their digits: each run of digits (up to three
    separators between two digits) is read as one number and scanned as digits alone;
    findings are mapped back to the original span. A number the plain patterns found
    (`taken`) ends a run, so a number written right after it is read on its own."""
    for start, end in [(c[1], c[2]) for c in taken if c[0] != "email"]:
        half = half[:start] + "\x00" * (end - start) + half[end:]
    for digits, positions in _digit_runs(half):
        if len(digits) < 11 or len(digits) == len(range(positions[0], positions[-1] + 1)):
            continue  # too short for any kind, or written without separators: the plain scan has it
        for kind, start, end in [*_id_cards(digits), *_bank_cards(digits), *_matches(_MOBILE, digits, "mobile")]:
            yield kind, positions[start], positions[end - 1] + 1


def _digit_runs(half: str) -> Iterator[tuple[str, list[int]]]:
    digits: list[str] = []
    positions: list[int] = []
    gap = 0
    for index, char in enumerate(half):
        if "0" <= char <= "9" or (char in "Xx" and len(digits) == 17):
            digits.append(char)
            positions.append(index)
            gap = 0
        elif digits and char in _DIGIT_SEPARATORS and gap < _MAX_SEPARATORS:
            gap += 1
        elif digits:
            yield "".join(digits), positions
            digits, positions, gap = [], [], 0
    if digits:
        yield "".join(digits), positions


def _id_cards(text: str) -> Iterator[tuple[str, int, int]]:
    today = timezone.localdate()
    for match in _ID_18.finditer(text):
        digits = re.sub(r"[ -]", "", match.group()).upper()
        if _valid_id_18(digits, today):
            yield "id_card", match.start(), match.end()
    for match in _ID_15.finditer(text):
        digits = match.group()
        if digits[:2] in _PROVINCES and _plausible_birth(1900 + int(digits[6:8]), digits[8:10], digits[10:12], today):
            yield "id_card", match.start(), match.end()


def _valid_id_18(digits: str, today: dt.date) -> bool:
    region = digits[1:3] if digits[0] == "9" else digits[:2]  # 9xxxxx: foreigners' permanent residence ID
    if region not in _PROVINCES:
        return False
    if not _plausible_birth(int(digits[6:10]), digits[10:12], digits[12:14], today):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11] == digits[17]


def _plausible_birth(year: int, month: str, day: str, today: dt.date) -> bool:
    if year < 1900:
        return False
    try:
        born = dt.date(year, int(month), int(day))
    except ValueError:
        return False
    return born <= today


def _bank_cards(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _BANK_CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if _plausible_issuer(digits) and _luhn_ok(digits):
            yield "bank_card", match.start(), match.end()


def _plausible_issuer(digits: str) -> bool:
    """Payment cards start with 3-6 or 9 (UnionPay 62, Visa 4, Mastercard 5 and 2221-2720, old 9558...).

    This keeps lists of years ("2021 2022 2023 2024") and serials starting 1, 7 or 8 out.
    """
    return digits[0] in "34569" or 2221 <= int(digits[:4]) <= 2720


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _sensitive_words(text: str, words: tuple[str, ...]) -> Iterator[tuple[str, int, int]]:
    pattern = _word_pattern(tuple(sorted({w.strip() for w in words if w and w.strip()}, key=lambda w: (-len(w), w))))
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield "sensitive_word", match.start(), match.end()


@lru_cache(maxsize=32)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def _stored_words() -> tuple[str, ...]:
    from .models import SensitiveWord

    return tuple(SensitiveWord.objects.values_list("word", flat=True))
