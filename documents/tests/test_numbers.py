"""documents.numbers: the 索引号 format, shared by the model and the synthetic corpus."""

from __future__ import annotations

import pytest

from documents import numbers


def test_an_index_number_is_code_year_and_five_digit_serial():
    assert numbers.index_number("11310118G00000010", 2023, 32) == "11310118G00000010/2023-00032"
    assert numbers.index_number_prefix("11310118G00000010", 2023) == "11310118G00000010/2023-"


def test_an_index_number_splits_into_its_prefix_and_serial():
    assert numbers.split_index_number("11310118G00000010/2023-00032") == ("11310118G00000010/2023-", 32)


@pytest.mark.parametrize("text", ["11310118G00000010/2023-L0001", "11310118G00000010", "x/2023-"])
def test_an_index_number_without_a_serial_is_refused(text):
    with pytest.raises(ValueError, match="没有以序号结尾"):
        numbers.split_index_number(text)
