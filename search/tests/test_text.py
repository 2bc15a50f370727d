from __future__ import annotations

import pytest
import rjieba

from search import text


@pytest.mark.parametrize(
    "word", ["政务公开", "一网通办", "行政规范性文件", "重大行政决策", "营商环境", "徐泾", "医疗保障局"]
)
def test_the_domain_dictionary_keeps_its_words_whole(word):
    assert word in text.segmenter().cut(f"推进{word}工作", False)


def test_adding_a_word_stops_its_parts_from_being_emitted():
    jieba = rjieba.Jieba()
    assert jieba.cut("推进一网通办工作", False) == ["推进", "一网通", "办", "工作"]

    text.add_word(jieba, "一网通办")

    assert jieba.cut("推进一网通办工作", False) == ["推进", "一网通办", "工作"]


def test_every_dictionary_word_is_loaded():
    words = text.dictionary_words()
    assert len(words) >= 40
    assert all(text.segmenter().has_word(w) for w in words)


def test_normalisation_turns_full_width_letters_and_digits_into_ascii():
    assert text.normalise("１２３４５热线ＡＢＣ，（２０２３）") == "12345热线abc,(2023)"


def test_each_cjk_character_starts_a_slot_and_punctuation_leaves_a_gap():
    assert text.slots("居家养老。12345热线") == ["居家", "家养", "养老", "老", None, "12345", "热线", "线"]


def test_a_query_term_becomes_a_phrase_of_bigrams():
    phrase = text.phrase("居家养老")
    assert phrase.items == (("居家", False), ("家养", False), ("养老", False))


def test_a_single_character_is_matched_as_a_prefix():
    assert text.phrase("老").items == (("老", True),)


def test_mixed_digits_and_chinese_keep_their_order():
    assert text.phrase("2023年工作要点").items == (
        ("2023", False),
        ("年工", False),
        ("工作", False),
        ("作要", False),
        ("要点", False),
    )
    assert text.phrase("12345热线").items == (("12345", False), ("热线", False))


@pytest.mark.parametrize(
    "typed", ["徐府发〔2023〕32号", "徐府发[2023]32号", "徐府发2023年32号", "徐府发（２０２３）３２号"]
)
def test_document_numbers_in_any_common_form_are_recognised(typed):
    query = text.parse_query(typed)
    assert str(query.number) == "徐府发〔2023〕32号"


@pytest.mark.parametrize("typed", ["", "   ", "。，！？", "&|!", "\x00\x00", "😀😀"])
def test_queries_without_letters_digits_or_chinese_are_empty(typed):
    assert text.parse_query(typed).is_empty


def test_very_long_queries_are_cut():
    query = text.parse_query("养老" * 5000)
    assert query.truncated
    assert len(query.text) == text.MAX_QUERY_CHARS


def test_a_question_is_relaxed_into_its_words_without_fillers():
    relaxed = text.parse_query("怎么申请养老补贴").relax()
    assert [p.text for p in relaxed.phrases] == ["申请", "养老", "补贴"]


def test_highlight_marks_matches_in_the_original_text_and_escapes_the_rest():
    html = text.highlight("<b>拨打１２３４５热线</b>", ["12345热线"])
    assert html == "&lt;b&gt;拨打<mark>１２３４５热线</mark>&lt;/b&gt;"


def test_snippet_is_a_window_around_the_first_match():
    body = "前言" * 200 + "居家养老服务补贴" + "结语" * 200
    snippet = text.snippet(body, ["居家养老"], width=60)
    assert "<mark>居家养老</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")


def test_a_number_inside_a_longer_query_yields_candidates_for_every_agency_reading():
    query = text.parse_query("关于徐府发〔2023〕32号的解读")

    assert query.number is None
    assert query.number_in_text.candidates == (
        "关于徐府发〔2023〕32号",
        "于徐府发〔2023〕32号",
        "徐府发〔2023〕32号",
        "府发〔2023〕32号",
    )
    assert query.number_in_text.rest == "的解读"


def test_with_number_searches_the_number_and_the_other_words_without_fillers():
    query = text.with_number(text.parse_query("关于徐府发（2023）32号的解读"), "徐府发〔2023〕32号")

    assert [p.text for p in query.phrases] == ["徐府发〔2023〕32号", "解读"]
    assert query.number_key == "徐府发〔2023〕32号"


def test_a_query_without_a_number_has_no_number_candidates():
    assert text.parse_query("2023年工作要点").number_in_text is None
    assert text.parse_query("徐府发〔2023〕").number_in_text is None
