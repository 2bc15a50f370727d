"""How citizens' queries are read: dictionary words split in the retry, synonyms,
the any-word retry's order, number fragments, exact highlights, spaces."""

from __future__ import annotations

import pytest

URL = "/search/"


def titles(response) -> list[str]:
    return [hit.entry.title for hit in response.context["result"].hits]


def test_a_dictionary_word_does_not_block_the_word_by_word_retry(citizen, indexed):
    indexed(title="关于市民来电办理的通知", body="<p>市民可拨打12345市民服务热线反映问题。</p>")
    indexed(title="徐泾镇创业带动就业补贴申领指南")

    assert titles(citizen.get(URL, {"q": "12345热线"})) == ["关于市民来电办理的通知"]
    assert titles(citizen.get(URL, {"q": "创业补贴"})) == ["徐泾镇创业带动就业补贴申领指南"]


def test_a_synonym_finds_the_official_term_and_the_page_says_so(citizen, indexed):
    indexed(title="徐泾镇公共租赁住房申请审核办法")

    response = citizen.get(URL, {"q": "公租房"})

    assert titles(response) == ["徐泾镇公共租赁住房申请审核办法"]
    page = response.content.decode()
    assert "已同时搜索：公共租赁住房" in page
    assert "<mark>公共租赁住房</mark>" in page


def test_exact_matches_rank_before_synonym_matches(citizen, indexed):
    indexed(title="公共租赁住房管理办法", body="<p>公共租赁住房。</p>" * 5)
    indexed(title="关于公租房配租的通知")

    assert titles(citizen.get(URL, {"q": "公租房"})) == ["关于公租房配租的通知", "公共租赁住房管理办法"]


def test_a_question_with_an_abbreviation_finds_the_official_term(citizen, indexed):
    indexed(title="公共租赁住房申请条件和审核流程", body="<p>申请条件。</p>")
    indexed(title="关于2023年度报告的说明")

    assert titles(citizen.get(URL, {"q": "公租房申请条件"}))[0] == "公共租赁住房申请条件和审核流程"
    assert titles(citizen.get(URL, {"q": "年报"})) == ["关于2023年度报告的说明"]


def test_a_common_misspelling_finds_the_right_word(citizen, indexed):
    indexed(title="一网通办平台使用指南")

    response = citizen.get(URL, {"q": "一网同办"})

    assert titles(response) == ["一网通办平台使用指南"]
    assert "已同时搜索：一网通办" in response.content.decode()


def test_the_any_word_retry_puts_documents_with_more_of_the_words_first_and_says_so(citizen, indexed):
    indexed(title="关于养犬登记的通知", body="<p>犬只登记。</p>")
    indexed(title="徐泾镇养犬登记和免疫办事指南", body="<p>养犬登记，犬只免疫，办理地点。</p>")
    indexed(title="免疫规划通知", body="<p>儿童免疫。</p>")

    response = citizen.get(URL, {"q": "养犬登记免疫要交多少费用"})

    result = response.context["result"]
    assert result.query.any_word
    assert titles(response)[0] == "徐泾镇养犬登记和免疫办事指南"
    page = response.content.decode()
    assert "下面的结果只包含其中部分词" in page
    assert "不含：" in page
    assert result.hits[0].missing == ["费用"]
    assert len(result.hits[-1].missing) > 1


@pytest.mark.parametrize("typed", ["32号文", "徐府发〔2023〕32", "徐府发〔2023〕32号文件", "第32号文件"])
def test_a_document_number_fragment_finds_the_document_first(citizen, indexed, typed):
    for n in range(8):
        indexed(title=f"关于第32号工作事项的通知{n}", body="<p>按32号文办理。</p>")
    indexed(title="2023年政务公开工作要点", doc_number="徐府发〔2023〕32号")

    hits = citizen.get(URL, {"q": typed}).context["result"].hits

    assert hits[0].entry.title == "2023年政务公开工作要点"
    assert hits[0].number_match


def test_highlighting_marks_exactly_the_matched_spans(citizen, indexed):
    indexed(
        title="2023年行政审批办理时限的通知",
        doc_number="徐府发〔2023〕40号",
        body="<p>2023年起，审批在20个工作日内办结。</p>",
    )

    page = citizen.get(URL, {"q": "20个工作日内"}).content.decode()
    assert "<mark>20个工作日内</mark>" in page
    assert "<mark>20</mark>23" not in page

    relaxed = citizen.get(URL, {"q": "审批要20个工作日吗"}).content.decode()
    assert "<mark>20</mark>个" in relaxed and "<mark>20</mark>23" not in relaxed

    number = citizen.get(URL, {"q": "徐府发〔2023〕40号"}).content.decode()
    assert "<mark>徐府发〔2023〕40号</mark>" in number
    assert "<mark>2023</mark>" not in number


def test_spaces_between_chinese_and_digits_do_not_matter(citizen, indexed):
    indexed(title="徐泾镇2023 年度工作总结", body="<p>完成 2023 年度目标。</p>")
    indexed(title="徐泾镇2023年度工作计划")

    both = ["徐泾镇2023 年度工作总结", "徐泾镇2023年度工作计划"]
    assert sorted(titles(citizen.get(URL, {"q": "2023年度"}))) == both
    assert sorted(titles(citizen.get(URL, {"q": "2023 年度"}))) == both
    page = citizen.get(URL, {"q": "2023年度"}).content.decode()
    assert "完成 <mark>2023 年度</mark>目标" in page


def test_normalise_joins_chinese_and_digits_but_keeps_other_spaces():
    from search import text

    assert text.normalise("2023 年度 第 3 季度") == "2023年度 第3季度"
    assert text.normalise("hpv 疫苗 and more") == "hpv 疫苗 and more"
    assert text.normalise("2023\n年度") == "2023\n年度"
