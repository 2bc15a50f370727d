"""Fees at every boundary of 国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》
Art. 4 and 5); the page amounts are summed by hand, tier by tier."""

from __future__ import annotations

import pytest

from applications.fees import count_fee, page_fee


@pytest.mark.parametrize(
    ("nth", "yuan"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
        (101, 900),  # the 101st is in the 8th band above the 30th: 100 + 8 x 100
    ],
)
def test_the_nth_application_of_a_month_costs(nth, yuan):
    assert count_fee(nth) == yuan


@pytest.mark.parametrize("nth", [0, -1])
def test_applications_are_counted_from_the_first(nth):
    with pytest.raises(ValueError):
        count_fee(nth)


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),  # one page at 10
        (100, 700),  # 70 pages at 10
        (101, 720),  # 700 + one page at 20
        (200, 2700),  # 700 + 100 pages at 20
        (201, 2740),  # 2700 + one page at 40
        (250, 4700),  # 2700 + 50 pages at 40
    ],
)
def test_the_pages_of_one_application_cost(pages, yuan):
    assert page_fee(pages) == yuan


def test_a_negative_number_of_pages_is_refused():
    with pytest.raises(ValueError):
        page_fee(-1)
