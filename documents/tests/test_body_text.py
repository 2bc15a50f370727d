"""The body's layout rules (documents.body_text): plain text keeps the structure a
policy document's layout implies; HTML is only sanitised."""

from __future__ import annotations

from documents.body_text import body_html, submitted_body_html

NOTICE = """各居委会：

为进一步做好社区睦邻点建设，
现将有关事项通知如下。

一、工作目标
各居委会要在今年内建成至少一个睦邻点。

（一）加强组织领导。各居委会要明确专人负责。
"""


def test_blank_lines_separate_paragraphs_and_single_breaks_stay_line_breaks():
    html = body_html(NOTICE)

    assert html.startswith("<p>各居委会：</p>")
    assert "<p>为进一步做好社区睦邻点建设，<br>现将有关事项通知如下。</p>" in html


def test_without_blank_lines_every_line_is_a_paragraph():
    html = body_html("第一段文字。\n第二段文字。\r\n第三段文字。")

    assert html.split("\n") == ["<p>第一段文字。</p>", "<p>第二段文字。</p>", "<p>第三段文字。</p>"]


def test_numbered_section_lines_become_headings():
    html = body_html(NOTICE + "\n第一章　总则\n第二节 适用范围\n（二）落实工作经费")

    assert "<h2>一、工作目标</h2>" in html
    assert "<h2>第一章　总则</h2>" in html
    assert "<h3>第二节 适用范围</h3>" in html
    assert "<h3>（二）落实工作经费</h3>" in html


def test_a_long_numbered_line_keeps_its_text_with_the_lead_sentence_in_bold():
    html = body_html(NOTICE)

    assert "<p><strong>（一）加强组织领导。</strong>各居委会要明确专人负责。</p>" in html


def test_articles_have_their_number_in_bold():
    html = body_html("第一条　为了规范管理，制定本办法。\n第十二条 本办法自发布之日起施行。")

    assert "<p><strong>第一条</strong>\u3000为了规范管理，制定本办法。</p>" in html
    assert "<p><strong>第十二条</strong>\u3000本办法自发布之日起施行。</p>" in html


def test_bullet_lines_become_a_list():
    html = body_html("活动场所包括：\n• 活动室\n• 议事厅\n- 阅览室")

    assert "<ul><li>活动室</li><li>议事厅</li><li>阅览室</li></ul>" in html


def test_tab_separated_lines_copied_from_a_spreadsheet_become_a_table():
    html = body_html("项目\t数量\t完成时间\n睦邻点\t5\t2024年6月\n议事厅\t2")

    assert html == (
        "<table><thead><tr><th>项目</th><th>数量</th><th>完成时间</th></tr></thead>"
        "<tbody><tr><td>睦邻点</td><td>5</td><td>2024年6月</td></tr>"
        "<tr><td>议事厅</td><td>2</td><td></td></tr></tbody></table>"
    )


def test_pipe_tables_become_a_table():
    html = body_html("| 名称 | 地址 |\n|---|---|\n| 睦邻点 | 徐泾镇 |")

    assert "<th>名称</th><th>地址</th>" in html
    assert "<td>睦邻点</td><td>徐泾镇</td>" in html
    assert "---" not in html


def test_plain_text_is_shown_as_typed_not_run_as_markup():
    html = body_html("年龄<60岁的老人 & 家属\n<script>alert(1)</script>")

    assert "年龄&lt;60岁的老人 &amp; 家属" in html
    assert "<script" not in html


def test_html_bodies_are_only_sanitised():
    stored = '<h2>一、总体要求</h2><p onclick="x()">正文</p><script>alert(1)</script><p>第一条 不改写</p>'

    assert body_html(stored) == "<h2>一、总体要求</h2><p>正文</p><p>第一条 不改写</p>"


def test_empty_bodies_stay_empty():
    assert body_html("") == ""
    assert body_html("   \n\n ") == ""
    assert submitted_body_html("<p><br></p>") == ""


def test_text_pasted_into_the_editor_gets_the_same_layout_as_plain_text():
    """The editor makes one <p> a line and an empty <p> of a blank line."""
    pasted = "<p>各居委会：</p><p></p><p>一、工作目标</p><p>建成睦邻点。</p><p>第一条 为了规范管理。</p>"

    html = submitted_body_html(pasted)

    assert "<h2>一、工作目标</h2>" in html
    assert "<p><strong>第一条</strong>\u3000为了规范管理。</p>" in html
    assert "<p></p>" not in html


def test_what_the_drafter_formatted_in_the_editor_is_kept():
    edited = "<h3>一、已经设好的标题</h3><p>含<strong>加粗</strong>的段落</p><ol><li>第一项</li></ol>"

    assert submitted_body_html(edited) == edited
