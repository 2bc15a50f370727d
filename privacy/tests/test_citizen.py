"""What a citizen typed, made fit to publish (privacy.citizen)."""

from __future__ import annotations

import pytest

from privacy.citizen import contains_contact, mask_citizen_text, name_forms, name_only

pytestmark = pytest.mark.django_db  # the scan reads the sensitive-word list


def test_a_name_field_holding_more_than_a_name_still_hides_the_name_in_the_text():
    assert name_forms(["韩梅梅 13912345678 zhang[at]example.com"]) == [
        "韩梅梅 13912345678 zhang[at]example.com",
        "韩梅梅",
    ]
    text = "我是韩梅梅，想问助餐补贴。"
    assert mask_citizen_text(text, names=["韩梅梅 13912345678"]) == "我是韩**，想问助餐补贴。"


def test_a_name_keeps_only_what_is_a_name():
    assert name_only("上官明玥 13912345678 zhangwei@example.com 021-69876543") == "上官明玥"
    assert name_only("13912345678") == ""


def test_latin_leftovers_of_a_name_field_are_not_taken_for_names():
    # "com" left over from an address the scan missed must not star every "com" in the text.
    assert "韩梅梅" in name_forms(["韩梅梅 z h a n g.com"])
    assert "com" not in name_forms(["韩梅梅 z h a n g.com"])


@pytest.mark.parametrize("written", ["021-69876543", "021 6987 6543", "69876543", "0.2.1.6.9.8.7.6.5.4.3"])
def test_the_persons_own_landline_is_hidden_however_written(written):
    masked = mask_citizen_text(f"座机{written}。", contacts=["021-69876543"], landlines=False)
    assert "6987" not in masked.replace(".", "").replace(" ", "")
    assert not contains_contact(masked, ["021-69876543"])


def test_an_office_number_stays_in_staffs_words_and_goes_in_a_citizens():
    assert mask_citizen_text("咨询电话021-59740000。", landlines=False) == "咨询电话021-59740000。"
    assert mask_citizen_text("我家座机021-59740000。") == "我家座机021****。"


def test_every_kind_of_personal_data_in_a_citizens_words_is_hidden():
    text = "我叫张三丰，电话139 1234 5678，身份证11010519491231002X，邮箱zhang[at]example.com，住二联村3组45号。"
    masked = mask_citizen_text(text, names=["张三丰"], contacts=["13912345678"])
    for secret in ["张三丰", "1234", "19491231", "zhang", "3组45号"]:
        assert secret not in masked, secret
    assert "张**" in masked and "二联村**" in masked
