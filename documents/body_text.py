"""The document body (正文): always stored and shown as HTML sanitised by nh3.

Staff write it in the admin's editor (HTML), or type or paste plain text. Plain
text is given the structure a policy document's layout implies, by these rules
(the admin shows them under the field, see BODY_HELP):

- a blank line starts a new paragraph; when the text has no blank line at all
  (pasted from Word or WPS, one paragraph a line) every line is a paragraph;
- a short line starting 一、 is a heading (<h2>), （一） a sub-heading (<h3>),
  第一章 a chapter (<h2>) and 第一节 a section (<h3>); a longer one stays a
  paragraph with its lead sentence in bold (（一）加强组织领导。各单位要……);
- a line starting 第一条 is an article, its number in bold;
- consecutive lines starting •, ·, ●, ■, - or * are a bulleted list;
- consecutive lines holding tabs (cells copied from Excel or a Word table) or
  written as | a | b | are a table, the first row its header.

Numbered items (1. / （1） / ①) keep the numbers the drafter typed, one
paragraph each. A body that already holds HTML is only sanitised, so bodies
saved before these rules keep rendering as they did.
"""

from __future__ import annotations

import re
from html import escape, unescape

import nh3

BODY_HELP = (
    "可以使用上方的编辑工具栏设置标题、列表和表格；也可以直接输入或粘贴纯文字，保存时按以下规则排版："
    "空一行为一个新段落（全文没有空行时，每行为一段）；"
    "以“一、”“第一章”开头的短行显示为一级标题，以“（一）”“第一节”开头的短行显示为二级标题；"
    "以“第一条”开头的行显示为条文；以“•”“-”开头的连续行显示为列表；"
    "从 Excel 或 Word 表格复制的行（以制表符分隔）显示为表格，第一行为表头。"
)

_CN_NUMBER = "一二三四五六七八九十百零〇两"
_HEADING = re.compile(rf"^(?:[{_CN_NUMBER}]+、|第[{_CN_NUMBER}\d]+章)")
_SUBHEADING = re.compile(rf"^(?:[（(][{_CN_NUMBER}]+[）)]|第[{_CN_NUMBER}\d]+节)")
_ARTICLE = re.compile(rf"^(第[{_CN_NUMBER}\d]+条)[\s\u3000]*")
_BULLET = re.compile(r"^[•·●■▪◆\-*]\s*")
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# Block-level tags (the editor always writes <p>): their presence means the body is HTML already.
# Inline tags alone do not: plain text quoting "<b>" stays plain text.
_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|hr)\b[^>]*>", re.IGNORECASE
)
# Empty paragraphs and list items (the editor leaves them after a blank line or a last Enter).
_EMPTY_PARAGRAPH = re.compile(r"<(p|li)>(?:\s|&nbsp;|<br\s*/?>)*</\1>", re.IGNORECASE)
HEADING_MAX_CHARS = 40


# A run of top-level paragraphs holding text only (what the editor makes of pasted plain text).
_TEXT_PARAGRAPH_RUN = re.compile(r"(?:<p>(?:[^<>]|<br\s*/?>)*</p>\s*)+", re.IGNORECASE)
_TEXT_PARAGRAPH = re.compile(r"<p>((?:[^<>]|<br\s*/?>)*)</p>", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text or ""))


def body_html(text: str | None) -> str:
    """The sanitised HTML of a body as stored: HTML is cleaned, plain text is laid out first.

    What the public page renders; HTML is not restructured here, so a body keeps the
    structure it was saved with.
    """
    text = _newlines(text)
    if not text.strip():
        return ""
    html = text if looks_like_html(text) else plain_text_to_html(text)
    return _clean(html)


def submitted_body_html(text: str | None) -> str:
    """The body to store from the admin form: as body_html, and paragraphs holding plain
    text only (text typed or pasted into the editor, one paragraph a line) are laid out by
    the same rules as plain text, so 一、 lines become headings whichever way they came."""
    text = _newlines(text)
    if not text.strip():
        return ""
    if not looks_like_html(text):
        return _clean(plain_text_to_html(text))
    return _clean(_TEXT_PARAGRAPH_RUN.sub(_lay_out_run, nh3.clean(text)))


def _lay_out_run(match: re.Match[str]) -> str:
    lines = []
    for paragraph in _TEXT_PARAGRAPH.finditer(match.group()):
        inner = paragraph.group(1)
        lines.extend(unescape(part).replace("\u00a0", " ") for part in _BR.split(inner))
    return plain_text_to_html("\n".join(lines)) + "\n"


def _newlines(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _clean(html: str) -> str:
    return _EMPTY_PARAGRAPH.sub("", nh3.clean(html)).strip()


def plain_text_to_html(text: str) -> str:
    """HTML for plain text, by the rules in the module docstring (not yet sanitised)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    lines = text.split("\n")
    has_blank_line = any(not line.strip() for line in lines)
    parts: list[str] = []
    paragraph: list[str] = []  # lines of the paragraph being gathered (blank-line mode)
    index = 0

    def flush() -> None:
        if paragraph:
            parts.append("<p>" + "<br>".join(escape(line) for line in paragraph) + "</p>")
            paragraph.clear()

    while index < len(lines):
        line = lines[index].strip()
        if not line:
            flush()
            index += 1
            continue
        if _is_table_row(lines[index]):
            flush()
            rows, index = _take(lines, index, _is_table_row)
            parts.append(_table(rows))
            continue
        if _BULLET.match(line) and not _PIPE_ROW.match(line):
            flush()
            items, index = _take(lines, index, lambda raw: bool(_BULLET.match(raw.strip())))
            parts.append("<ul>" + "".join(f"<li>{escape(_BULLET.sub('', i.strip()))}</li>" for i in items) + "</ul>")
            continue
        structured = _structured_line(line)
        if structured is not None:
            flush()
            parts.append(structured)
        elif has_blank_line:
            paragraph.append(line)
        else:
            parts.append(f"<p>{escape(line)}</p>")
        index += 1
    flush()
    return "\n".join(parts)


def _structured_line(line: str) -> str | None:
    """A heading or an article, or None for an ordinary line."""
    article = _ARTICLE.match(line)
    if article:
        rest = line[article.end() :]
        return f"<p><strong>{escape(article.group(1))}</strong>\u3000{escape(rest)}</p>" if rest else _p_strong(line)
    for pattern, tag in ((_HEADING, "h2"), (_SUBHEADING, "h3")):
        if pattern.match(line):
            if _is_short_heading(line):
                return f"<{tag}>{escape(line)}</{tag}>"
            lead, sep, rest = line.partition("。")
            if sep and len(lead) < HEADING_MAX_CHARS and rest:
                return f"<p><strong>{escape(lead + sep)}</strong>{escape(rest)}</p>"
            return None
    return None


def _p_strong(text: str) -> str:
    return f"<p><strong>{escape(text)}</strong></p>"


def _is_short_heading(line: str) -> bool:
    """A heading is short and is not a sentence (no 。 inside it)."""
    return len(line) <= HEADING_MAX_CHARS and "。" not in line.rstrip("。")


def _is_table_row(raw: str) -> bool:
    stripped = raw.strip()
    return bool(stripped) and ("\t" in raw.strip("\n") or bool(_PIPE_ROW.match(stripped)))


def _take(lines: list[str], start: int, belongs) -> tuple[list[str], int]:
    taken = []
    index = start
    while index < len(lines) and lines[index].strip() and belongs(lines[index]):
        taken.append(lines[index])
        index += 1
    return taken, index


def _cells(raw: str) -> list[str]:
    stripped = raw.strip()
    if _PIPE_ROW.match(stripped):
        return [cell.strip() for cell in stripped[1:-1].split("|")]
    return [cell.strip() for cell in raw.strip("\n").split("\t")]


def _table(rows: list[str]) -> str:
    cells = [_cells(row) for row in rows if not _PIPE_RULE.match(row.strip())]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    head, body = cells[0], cells[1:]
    html = "<table><thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr></thead>"
    if body:
        html += "<tbody>"
        html += "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in body)
        html += "</tbody>"
    return html + "</table>"
