"""The synonym list (search/synonyms.txt): its shape, and what it expands."""

from __future__ import annotations

import pytest

from search import text


def test_every_line_of_the_list_is_well_formed():
    found = text.read_synonyms()
    assert len(found.groups) + len(found.one_way) >= 30
    for group in found.groups:
        assert len(group) >= 2 and len(set(group)) == len(group), group
        # A word inside another of its group adds nothing: Ctrl-F finds it already.
        assert not any(a != b and a in b for a in group for b in group), group
    for key, values in found.one_way.items():
        assert values and key not in values, key


@pytest.mark.parametrize(
    ("typed", "also"),
    [
        ("公租房", ["公共租赁住房"]),
        ("公共租赁住房", ["公租房"]),
        ("年报", ["年度报告"]),
        ("低保", ["最低生活保障"]),
        ("最低生活保障", ["低保"]),
        ("医保", ["医疗保险", "医疗保障"]),
        ("社保", ["社会保险"]),
        ("退休", ["养老金", "养老保险"]),
        ("一网同办", ["一网通办"]),
        ("廉租房", ["廉租住房"]),
        ("积分落户", ["居住证积分"]),
        ("公租房申请", ["公共租赁住房申请"]),
    ],
)
def test_a_term_is_expanded_with_its_synonyms(typed, also):
    assert text.synonyms().alternatives(typed) == also


def test_a_one_way_word_expands_only_as_a_whole_term_and_never_narrows():
    assert text.synonyms().alternatives("退休人员") == []
    assert text.synonyms().alternatives("一网通办") == ["一网统办"]
    assert text.synonyms().alternatives("养老服务") == []


def test_the_query_keeps_the_typed_words_and_lists_the_expansion():
    query = text.parse_query("公租房")
    assert [p.text for p in query.phrases] == ["公租房"]
    assert query.expansions == ["公共租赁住房"]
    assert query.unexpanded().expansions == []
    assert text.parse_query("徐府发〔2023〕32号").expansions == []
