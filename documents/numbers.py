"""A document's numbers: its 发文字号 and its 索引号.

发文字号 (document number): 机关代字〔年份〕序号号, e.g. 徐府发〔2023〕32号. Staff type
the year brackets in several ways ([2023], （2023）, (2023), 〔2023〕, 【2023】, or
"2023年"); the portal stores the normalised form with 〔〕.

索引号 (index number): <issuing organ's index code>/<year written>-<5-digit serial in
that year>, e.g. 11310118G00000010/2023-00032; the portal assigns it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PATTERN = re.compile(
    r"^(?P<agency>[\u4e00-\u9fffA-Za-z]{1,20}?)\s*"
    r"(?:[〔\[（(【]\s*(?P<year>\d{4})\s*[〕\]）)】]|(?P<year2>\d{4})\s*年)\s*"
    r"(?:第\s*)?(?P<serial>\d{1,5})\s*号$"
)


@dataclass(frozen=True)
class DocumentNumber:
    agency: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.serial}号"


def parse(text: str) -> DocumentNumber:
    """Parse a document number; raise ValueError with a Chinese message."""
    if text is None:
        raise ValueError("请填写发文字号。")
    # NFKC turns full-width digits and brackets into ASCII; 〔〕 and 【】 survive.
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    cleaned = re.sub(r"\s+", "", cleaned)
    match = _PATTERN.match(cleaned)
    if not match:
        raise ValueError(f"发文字号“{text}”格式不正确，应为“机关代字〔年份〕序号号”，例如：徐府发〔2023〕32号。")
    year = int(match["year"] or match["year2"])
    serial = int(match["serial"])
    if not 1949 <= year <= 2100:
        raise ValueError(f"发文字号中的年份 {year} 不在合理范围内（1949-2100）。")
    if serial < 1:
        raise ValueError("发文字号中的序号应从 1 开始。")
    return DocumentNumber(agency=match["agency"], year=year, serial=serial)


def normalise(text: str) -> str:
    return str(parse(text))


def index_number_prefix(index_code: str, year: int) -> str:
    """What every 索引号 of an organ's documents written in `year` starts with."""
    return f"{index_code}/{year}-"


def index_number(index_code: str, year: int, serial: int) -> str:
    """The 索引号 of an organ's `serial`-th document written in `year`."""
    return f"{index_number_prefix(index_code, year)}{serial:05d}"


def split_index_number(text: str) -> tuple[str, int]:
    """(prefix, serial) of a 索引号; raise ValueError if it does not end in a serial."""
    prefix, dash, serial = text.rpartition("-")
    if not dash or not serial.isdigit():
        raise ValueError(f"索引号“{text}”没有以序号结尾。")
    return prefix + dash, int(serial)
