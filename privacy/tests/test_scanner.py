from __future__ import annotations

import random

import pytest

import privacy
from privacy.scanner import Finding

from .generators import bank_card, id_check_char, luhn_digit, mobile, old_resident_id, resident_id

NO_WORDS: list[str] = []


def kinds(text: str, words: list[str] | None = None) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in privacy.scan(text, sensitive_words=NO_WORDS if words is None else words)]


# --- resident ID numbers ---------------------------------------------------


def test_it_finds_an_18_digit_id_with_a_valid_check_digit():
    text = "申请人张三，身份证号码310115199003071234，住址略。"
    first17 = "31011519900307123"
    valid = first17 + id_check_char(first17)
    text = text.replace("310115199003071234", valid)
    [finding] = privacy.scan(text, sensitive_words=NO_WORDS)
    assert finding == Finding("id_card", text.index(valid), text.index(valid) + 18, valid)


def test_it_accepts_x_and_lowercase_x_as_the_check_character():
    first17 = "11010519491231002"
    assert id_check_char(first17) == "X"
    assert kinds(f"证件号{first17}X。") == [("id_card", f"{first17}X")]
    assert kinds(f"证件号{first17}x。") == [("id_card", f"{first17}x")]


def test_it_ignores_an_18_digit_number_with_a_wrong_check_digit():
    first17 = "31011519900307123"
    wrong = "0" if id_check_char(first17) != "0" else "1"
    assert "id_card" not in [kind for kind, _ in kinds(f"号码{first17}{wrong}。")]


def test_it_ignores_an_id_shaped_number_with_an_impossible_birth_date():
    for birth in ("19901332", "18991231", "20240230"):
        first17 = f"310115{birth}123"
        assert "id_card" not in [kind for kind, _ in kinds(f"号码{first17}{id_check_char(first17)}。")]


def test_it_ignores_an_id_whose_birth_date_is_in_the_future():
    first17 = "31011520240521123"  # today is pinned to 2024-05-20
    assert "id_card" not in [kind for kind, _ in kinds(f"号码{first17}{id_check_char(first17)}。")]
    first17 = "31011520240520123"
    assert kinds(f"号码{first17}{id_check_char(first17)}。")[0][0] == "id_card"


def test_it_ignores_an_id_inside_a_longer_digit_run():
    valid = resident_id(random.Random(1))
    assert kinds(f"流水号9{valid}。") == []
    assert kinds(f"流水号{valid}7。") == []


def test_it_finds_an_id_written_in_groups_and_in_full_width_digits():
    valid = resident_id(random.Random(2))
    grouped = f"{valid[:6]} {valid[6:14]} {valid[14:]}"
    assert kinds(f"身份证：{grouped}") == [("id_card", grouped)]
    full_width = valid.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    assert kinds(f"身份证：{full_width}") == [("id_card", full_width)]


def test_it_finds_a_15_digit_old_id():
    assert kinds("旧身份证310115900307123，已换领。") == [("id_card", "310115900307123")]


def test_it_ignores_15_digit_numbers_that_cannot_be_old_ids():
    assert kinds("注册号310000000012345") == []  # birth date 000000 does not exist
    assert kinds("编号990115900307123") == []  # no province 99


def test_many_generated_ids_are_all_found():
    rng = random.Random(18)
    for _ in range(300):
        valid = resident_id(rng)
        assert kinds(f"身份证号{valid}，") == [("id_card", valid)]
        old = old_resident_id(rng)
        assert kinds(f"老证号{old}，") == [("id_card", old)]


# --- mobile numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "+8613800138000",
        "86 13800138000",
        "0086 138 0013 8000",
        "１３８００１３８０００",
        "＋８６　１３８　００１３　８０００",
        "19912345678",
    ],
)
def test_it_finds_a_mobile_number_however_it_is_written(written):
    text = f"联系人：李四，电话{written}，工作日联系。"
    [finding] = privacy.scan(text, sensitive_words=NO_WORDS)
    assert (finding.kind, finding.text) == ("mobile", written)
    assert text[finding.start : finding.end] == written


def test_it_ignores_an_11_digit_number_not_starting_like_a_mobile():
    assert kinds("编号12012345678，") == []
    assert kinds("编号10012345678，") == []


def test_it_ignores_a_mobile_shaped_run_inside_a_longer_number():
    assert kinds("订单号913800138000，") == []
    assert kinds("订单号138001380001，") == []


def test_offsets_stay_right_after_full_width_text_and_emoji():
    text = "（全角括号）😀联系：１３８００１３８０００。"
    [finding] = privacy.scan(text, sensitive_words=NO_WORDS)
    assert text[finding.start : finding.end] == "１３８００１３８０００"


# --- bank cards ----------------------------------------------------------------


def test_it_finds_bank_cards_that_pass_the_luhn_check():
    rng = random.Random(62)
    for length in (16, 17, 18, 19):
        card = bank_card(rng, length)
        assert kinds(f"收款账号{card}，") == [("bank_card", card)]


def test_it_finds_a_bank_card_grouped_by_spaces_or_hyphens():
    card = bank_card(random.Random(7), 19)
    spaced = " ".join([card[0:4], card[4:8], card[8:12], card[12:16], card[16:]])
    hyphened = "-".join([card[0:4], card[4:8], card[8:12], card[12:16]]) + card[16:]
    assert kinds(f"卡号：{spaced}。") == [("bank_card", spaced)]
    assert kinds(f"卡号：{hyphened}。") == [("bank_card", hyphened)]


def test_it_ignores_a_card_number_failing_the_luhn_check():
    card = bank_card(random.Random(3), 16)
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert kinds(f"卡号{broken}。") == []


def test_an_id_number_that_also_passes_luhn_is_reported_once_as_an_id():
    rng = random.Random(11)
    both = [n for n in (resident_id(rng) for _ in range(500)) if n[-1] != "X" and luhn_digit(n[:-1]) == n[-1]]
    assert len(both) > 10
    for number in both:
        assert kinds(f"号码{number}。") == [("id_card", number)]


# --- e-mail ----------------------------------------------------------------------


def test_it_finds_email_addresses():
    text = "来信请寄zhang.san+policy@xujing.gov.cn或li_si@163.com。"
    assert kinds(text) == [("email", "zhang.san+policy@xujing.gov.cn"), ("email", "li_si@163.com")]


def test_it_finds_a_full_width_email_address():
    written = "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"
    assert kinds(f"邮箱：{written}。") == [("email", written)]


def test_an_email_made_of_a_mobile_number_is_one_email_finding():
    assert kinds("邮箱13800138000@qq.com。") == [("email", "13800138000@qq.com")]


def test_it_ignores_things_that_only_look_like_email():
    assert kinds("关注@徐泾发布，或发送邮件至 user@localhost 测试。") == []


# --- sensitive words ------------------------------------------------------------


def test_it_finds_words_from_the_list_passed_in():
    text = "本文件为内部资料，不得外传。"
    assert kinds(text, ["内部资料", "不得外传"]) == [("sensitive_word", "内部资料"), ("sensitive_word", "不得外传")]


def test_the_longest_word_wins_when_words_overlap():
    assert kinds("涉及工作秘密。", ["秘密", "工作秘密"]) == [("sensitive_word", "工作秘密")]


def test_a_single_word_passed_as_a_string_is_one_word():
    assert kinds("机关与秘书处", "机密") == []
    assert kinds("这是机密", "机密") == [("sensitive_word", "机密")]


def test_blank_words_are_ignored():
    assert kinds("正常文本。", ["", "  "]) == []


def test_it_reads_the_word_list_from_the_database_when_none_is_passed(db):
    from privacy.models import SensitiveWord

    text = "本材料属机密，另附样本甲。"
    assert [f.text for f in privacy.scan(text)] == ["机密"]  # default words from the data migration
    SensitiveWord.objects.create(word="样本甲")
    assert [f.text for f in privacy.scan(text)] == ["机密", "样本甲"]
    SensitiveWord.objects.filter(word="机密").delete()
    assert [f.text for f in privacy.scan(text)] == ["样本甲"]


def test_the_data_migration_installs_the_default_words(db):
    from privacy.models import SensitiveWord

    words = set(SensitiveWord.objects.values_list("word", flat=True))
    assert {"秘密", "机密", "绝密", "内部资料", "内部文件", "不得外传", "工作秘密"} <= words


# --- false positives ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "徐府发〔2023〕32号",
        "徐府发[2023]132号",
        "沪府规〔2023〕1号",
        "2023年6月6日",
        "2023-06-06",
        "2023/06/06",
        "20230606",
        "2023年6月6日至2028年6月5日",
        "20230101-20231231",
        "邮政编码：201702",
        "上海市青浦区徐泾镇，邮编201702。",
        "市民服务热线12345",
        "咨询电话：021-12345",
        "咨询电话：021-59741234，传真（021）59745678",
        "服务热线400-820-8820",
        "索引号：11310118MB2F12345X/2023-00032",
        "统一社会信用代码：91310118MA1JL12345",
        "2023年",
        "2021 2022 2023 2024 年度",
        "2021-2022-2023-2024",
        "补贴标准为3000元/人",
        "总投资1,250,000,000元",
        "总投资1250000000元",
        "约15000亩",
        "第1234567号",
        "ISBN 978-7-01-012345-6",
        "2023年度共受理政府信息公开申请132件，办结率100%。",
        "电话号码请拨打110、119、120",
        "网址 https://www.shqp.gov.cn/xj/20230606/0001.html",
    ],
)
def test_common_government_text_is_not_a_finding(text):
    assert privacy.scan(text, sensitive_words=NO_WORDS) == []


def test_the_seed_style_paragraph_has_only_the_sensitive_word():
    text = (
        "徐府发〔2023〕32号\n上海市青浦区徐泾镇人民政府关于徐泾镇2023年政务公开工作要点。"
        "2023年是贯彻党的二十大精神的关键之年。加强对拟公开政府信息的保密审查，防止泄露国家秘密。"
        "联系地址：上海市青浦区徐泾镇，邮编201702，联系电话021-59741234。2023年6月6日"
    )
    assert kinds(text, ["秘密"]) == [("sensitive_word", "秘密")]


def test_findings_are_sorted_and_never_overlap():
    rng = random.Random(99)
    pieces = [resident_id(rng), mobile(rng), bank_card(rng), "a.b@example.org", "机密"] * 5
    rng.shuffle(pieces)
    text = "，".join(pieces)
    findings = privacy.scan(text, sensitive_words=["机密"])
    assert len(findings) == len(pieces)
    for before, after in zip(findings, findings[1:]):
        assert before.end <= after.start
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_empty_text_has_no_findings():
    assert privacy.scan("", sensitive_words=NO_WORDS) == []
