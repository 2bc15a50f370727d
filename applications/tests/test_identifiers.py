"""Check characters of resident identity numbers (GB 11643-1999) and unified social
credit codes (GB 32100-2015), with the messages a form shows.

The valid resident numbers are the standard's own examples (checked by hand: for
11010519491231002X the weighted sum is 167, 167 mod 11 = 2, "10X98765432"[2] = X;
for 440524188001010014 it is 195, mod 11 = 8, giving 4). The credit codes are
real enterprises' codes, public in the national enterprise credit register (for
914403001922038216 the weighted sum is 831, 831 mod 31 = 25, 31 - 25 = 6).
"""

from __future__ import annotations

import pytest

from applications.identifiers import (
    CREDIT_CODE_CHARACTERS,
    CREDIT_CODE_CHECK,
    CREDIT_CODE_LENGTH,
    CREDIT_CODE_REQUIRED,
    RESIDENT_ID_BIRTH_DATE,
    RESIDENT_ID_CHECK,
    RESIDENT_ID_FORMAT,
    RESIDENT_ID_REQUIRED,
    credit_code_check_character,
    credit_code_error,
    credit_code_valid,
    normalise_credit_code,
    normalise_resident_id,
    resident_id_check_character,
    resident_id_error,
    resident_id_valid,
)


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",
        "11010519491231002x",  # lower-case x
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width, as some input methods type it
        "440524188001010014",
    ],
)
def test_a_valid_resident_number_is_accepted(number):
    assert resident_id_valid(number)
    assert resident_id_error(number) == ""


def test_the_resident_check_character_is_computed():
    assert resident_id_check_character("11010519491231002") == "X"
    assert resident_id_check_character("44052418800101001") == "4"


@pytest.mark.parametrize("number", ["110105194912310021", "110105194912310020", "440524188001010015"])
def test_a_wrong_resident_check_character_is_named(number):
    assert not resident_id_valid(number)
    assert resident_id_error(number) == RESIDENT_ID_CHECK == "身份证号码的校验位不正确，请核对后重新填写。"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", RESIDENT_ID_REQUIRED),
        ("   ", RESIDENT_ID_REQUIRED),
        ("110105491231002", RESIDENT_ID_FORMAT),  # an old 15-digit number
        ("1101051949123100", RESIDENT_ID_FORMAT),
        ("1101051949123100211", RESIDENT_ID_FORMAT),
        ("11010519491231002Y", RESIDENT_ID_FORMAT),
        ("X10105194912310021", RESIDENT_ID_FORMAT),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", RESIDENT_ID_FORMAT),  # digits, but not ours
        ("110105194902300021", RESIDENT_ID_BIRTH_DATE),  # 30 February
        ("110105194913010021", RESIDENT_ID_BIRTH_DATE),  # month 13
        ("110105299901010021", RESIDENT_ID_BIRTH_DATE),  # born in 2999
    ],
)
def test_a_malformed_resident_number_gets_its_message(number, message):
    assert not resident_id_valid(number)
    assert resident_id_error(number) == message


def test_the_resident_format_message_says_what_is_expected():
    assert RESIDENT_ID_FORMAT.startswith("身份证号码应为18位")


def test_a_resident_number_is_stored_normalised():
    assert normalise_resident_id(" １１０１０５１９４９１２３１００２ｘ ") == "11010519491231002X"


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",
        "9144030071526726XG",
        "9144030071526726xg",  # lower case
        "91330100799655058B",
        "９１３３０１００７９９６５５０５８Ｂ",  # full-width
    ],
)
def test_a_valid_credit_code_is_accepted(code):
    assert credit_code_valid(code)
    assert credit_code_error(code) == ""


def test_the_credit_check_character_is_computed():
    assert credit_code_check_character("91440300192203821") == "6"
    assert credit_code_check_character("9144030071526726X") == "G"


@pytest.mark.parametrize("code", ["914403001922038217", "9144030071526726XH", "91330100799655058A"])
def test_a_wrong_credit_check_character_is_named(code):
    assert not credit_code_valid(code)
    assert credit_code_error(code) == CREDIT_CODE_CHECK


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", CREDIT_CODE_REQUIRED),
        ("440301103456789", CREDIT_CODE_LENGTH),  # an old 15-digit registration number
        ("9144030071526726XGX", CREDIT_CODE_LENGTH),
        ("9144030071526726IG", CREDIT_CODE_CHARACTERS),  # I is not in the alphabet
        ("91440300715267260O", CREDIT_CODE_CHARACTERS),
        ("9144030071526726ZS", CREDIT_CODE_CHARACTERS),
        ("9144030071526726-G", CREDIT_CODE_CHARACTERS),
    ],
)
def test_a_malformed_credit_code_gets_its_message(code, message):
    assert not credit_code_valid(code)
    assert credit_code_error(code) == message


def test_a_credit_code_is_stored_normalised():
    assert normalise_credit_code(" ９１４４０３００７１５２６７２６ｘｇ") == "9144030071526726XG"
