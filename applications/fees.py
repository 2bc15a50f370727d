"""Fees for disclosure applications (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).

A fee is charged only to an applicant whose applications clearly exceed a
reasonable number, and on one basis per application, never both: by count
(the applicant's applications in one natural month) or by pages (the
information provided on paper, by e-mail or as copied data) (Art. 3). Both
scales are 超额累进, marginal like income-tax brackets. Amounts are whole yuan.
"""

from __future__ import annotations

__all__ = ["count_fee", "page_fee"]

FREE_APPLICATIONS_PER_MONTH = 10
FIRST_BAND_LAST = 30  # the 11th-30th application of a month
FIRST_BAND_YUAN = 100
BAND_SIZE = 10  # after the 30th, each further band of 10 costs 100 yuan more
BAND_STEP_YUAN = 100

# (first page of the tier, yuan per page from there on)
PAGE_TIERS: tuple[tuple[int, int], ...] = ((31, 10), (101, 20), (201, 40))


def count_fee(nth_in_month: int) -> int:
    """The fee, in yuan, for an applicant's ``nth_in_month`` application of a
    natural month (按件计收, 办法 Art. 4): the 1st-10th free, the 11th-30th
    100 yuan each, and beyond the 30th each band of 10 costs 100 yuan more each
    (31st-40th 200, 41st-50th 300, ...)."""
    if nth_in_month < 1:
        raise ValueError(f"applications are counted from the 1st, not {nth_in_month}")
    if nth_in_month <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if nth_in_month <= FIRST_BAND_LAST:
        return FIRST_BAND_YUAN
    bands_above = (nth_in_month - FIRST_BAND_LAST - 1) // BAND_SIZE + 1
    return FIRST_BAND_YUAN + bands_above * BAND_STEP_YUAN


def page_fee(pages: int) -> int:
    """The fee, in yuan, for one application providing ``pages`` pages (按量计收,
    办法 Art. 5): pages 1-30 free, each page of the 31st-100th 10 yuan,
    of the 101st-200th 20 yuan, and from the 201st 40 yuan (so 31 pages cost
    10, 100 pages 700, 101 pages 720, 201 pages 2740)."""
    if pages < 0:
        raise ValueError(f"a number of pages cannot be negative ({pages})")
    total = 0
    for index, (first, yuan) in enumerate(PAGE_TIERS):
        last = PAGE_TIERS[index + 1][0] - 1 if index + 1 < len(PAGE_TIERS) else pages
        total += max(0, min(pages, last) - first + 1) * yuan
    return total
