from __future__ import annotations

import random
import re

import pytest

import privacy

from .generators import bank_card, mobile, old_resident_id, resident_id

NO_WORDS: list[str] = []


def mask(text: str, words: list[str] | None = None) -> str:
    return privacy.mask(text, sensitive_words=NO_WORDS if words is None else words)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("手机13800138000。", "手机138****8000。"),
        ("手机138-0013-8000。", "手机138-****-8000。"),
        ("手机+86 138 0013 8000。", "手机+86 138 **** 8000。"),
        ("手机+8613800138000。", "手机+86*******8000。"),
        ("手机１３８００１３８０００。", "手机１３８****８０００。"),
        ("身份证11010519491231002X。", "身份证110***********002X。"),
        ("旧证310115900307123。", "旧证310*********123。"),
        ("邮箱zhang.san@example.com。", "邮箱z***@example.com。"),
        ("邮箱12345678@163.com。", "邮箱1***@163.com。"),
        ("邮箱a@mail.1234567.cn。", "邮箱a***@mail.*******.cn。"),
        ("本文件为机密。", "本文件为＊＊。"),
    ],
)
def test_it_masks_each_kind(text, masked):
    assert mask(text, ["机密"]) == masked


def test_it_keeps_only_the_last_four_digits_of_a_bank_card():
    card = bank_card(random.Random(5), 16)
    assert mask(f"卡号{card}。") == f"卡号************{card[-4:]}。"


def test_it_leaves_text_without_findings_untouched():
    text = "徐府发〔2023〕32号，2023年6月6日印发，邮编201702，热线12345，索引号11310118MB2F12345X/2023-00032。"
    assert mask(text) == text


def test_it_reads_the_word_list_from_the_database_when_none_is_passed(db):
    assert privacy.mask("内部资料，不得外传") == "＊＊＊＊，＊＊＊＊"


def _no_long_digit_run_survives(text: str, secret_digits: str) -> None:
    masked = mask(text)
    assert re.search(r"\d{5,}", masked) is None, masked
    kept = "".join(c for c in masked if c.isdigit() or c in "Xx")
    assert secret_digits not in kept


def test_no_run_of_more_than_four_digits_survives_for_generated_numbers():
    rng = random.Random(2024)
    layouts = [
        lambda n: n,
        lambda n: f"{n[:3]} {n[3:7]} {n[7:]}",
        lambda n: f"{n[:3]}-{n[3:7]}-{n[7:]}",
        lambda n: f"+86 {n}",
        lambda n: f"+86{n}",
        lambda n: f"0086-{n}",
        lambda n: n.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
    ]
    for _ in range(200):
        number = mobile(rng)
        _no_long_digit_run_survives(f"联系电话{rng.choice(layouts)(number)}，谢谢。", number)
        valid = resident_id(rng)
        _no_long_digit_run_survives(f"身份证号码：{valid}。", valid)
        old = old_resident_id(rng)
        _no_long_digit_run_survives(f"身份证号码：{old}。", old)
        card = bank_card(rng)
        grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
        _no_long_digit_run_survives(f"账号{card}；另一张{grouped}。", card)


def test_a_text_full_of_findings_keeps_no_long_digit_run():
    rng = random.Random(7)
    people = [
        f"{resident_id(rng)}、{mobile(rng)}、{bank_card(rng)}、u{rng.randrange(10**8)}@example.com" for _ in range(50)
    ]
    masked = mask("；".join(people))
    assert re.search(r"\d{5,}", masked) is None
    assert privacy.scan(masked, sensitive_words=NO_WORDS) == []


def test_an_excerpt_masks_every_finding_in_it_even_one_cut_by_its_edge():
    text = "联系人身份证11010519491231002X，电话13800138000，请核对。"
    findings = privacy.scan(text, sensitive_words=NO_WORDS)

    excerpt = privacy.masked_excerpt(text, findings, 10, 30)  # starts and ends inside a number

    assert excerpt == "110***********002X，电话138****8000"


def test_a_fingerprint_recognises_a_value_without_keeping_it():
    one = privacy.fingerprint("mobile", "13800138000")

    assert one == privacy.fingerprint("mobile", "１３８ ００１３ ８０００")  # full-width, spaced
    assert one != privacy.fingerprint("mobile", "13800138001")
    assert one != privacy.fingerprint("bank_card", "13800138000")
    assert "13800138000" not in one and len(one) == 64


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话一三九一二三四五六七八", "电话一三九****五六七八"),
        ("电话壹叁玖壹贰叁肆伍陆柒捌", "电话壹叁玖****伍陆柒捌"),
        ("电话1 3 9 1 2 3 4 5 6 7 8", "电话1 3 9 * * * * 5 6 7 8"),
        ("电话1.3.9.1.2.3.4.5.6.7.8", "电话1.3.9.*.*.*.*.5.6.7.8"),
        ("电话139\u200b1234\u200b5678", "电话139\u200b****\u200b5678"),
        ("电话1-3-9-1-2-3-4-5-6-7-8", "电话1-3-9-*-*-*-*-5-6-7-8"),
        ("身份证1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X", "身份证1 1 0 * * * * * * * * * * * 0 0 2 X"),
        ("邮箱zhang[at]example.com", "邮箱z***@example.com"),
        ("邮箱zhang(at)example.com", "邮箱z***@example.com"),
        ("邮箱zhang（at）example.com", "邮箱z***@example.com"),
        ("邮箱zhang 艾特 qq.com", "邮箱z***@qq.com"),
        ("邮箱li at example dot cn。", "邮箱l***@example dot cn。"),
    ],
)
def test_numbers_and_addresses_written_to_slip_past_the_patterns_are_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "ISBN 978-7-01-012345-6",
        "2021-2022-2023-2024",
        "电话 021-5974 0000",
        "第一二三四五六七八九十条",
        "a.b.c at home",
    ],
)
def test_separated_numbers_that_are_no_personal_data_stay(text):
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话(139)1234-5678", "电话(139)****-5678"),
        ("电话139/1234/5678", "电话139/****/5678"),
        ("电话139～1234～5678", "电话139～****～5678"),
        ("电话139\n1234\n5678", "电话139\n****\n5678"),
        ("电话幺三九幺二三四五六七八", "电话幺三九****五六七八"),
        # Right after a number the plain patterns find, a separated one is still read on its own.
        ("310229198506123458 139\u200b1234\u200b5678", "310***********3458 139\u200b****\u200b5678"),
        ("13912345678、1 3 9 1 2 3 4 5 6 7 8", "139****5678、1 3 9 * * * * 5 6 7 8"),
        ("邮箱zhang @ example.com", "邮箱z***@example.com"),
        ("邮箱zhang#example.com", "邮箱z***@example.com"),
        ("邮箱zhang[@]example.com", "邮箱z***@example.com"),
        ("邮箱zhang\u200b@example.com", "邮箱z***@example.com"),
        ("邮箱zhang@example。com", "邮箱z***@example。com"),
    ],
)
def test_more_layouts_people_use_are_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", ["补贴分为150、2000、3000元三档", "第1、3、5、7、9、11、13、15条", "3号楼#2单元"])
def test_lists_of_numbers_and_house_numbers_stay(text):
    assert mask(text) == text
