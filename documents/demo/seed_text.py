"""Turns the seed document's Markdown (a transcription of the printed
document) into the simple, sanitised HTML the document body holds."""

from __future__ import annotations

import re
from html import escape

import nh3

SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = re.compile(r"^（[一二三四五六七八九十]+）")
# A paragraph ending in one of these is complete; anything else that is long
# was cut by a page break in the printed original and continues in the next.
CLOSING = tuple("。！？；：”」）)")
PAGE_BREAK_MIN_LENGTH = 20


def _plain(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text.replace("**", "")).strip()


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, kind being "heading", "rule" or "paragraph"."""
    blocks = []
    for raw in re.split(r"\n\s*\n", markdown.strip()):
        raw = raw.strip()
        if not raw:
            continue
        if re.fullmatch(r"-{3,}", raw):
            blocks.append(("rule", ""))
        elif raw.startswith("#"):
            blocks.append(("heading", _plain(raw.lstrip("#"))))
        else:
            blocks.append(("paragraph", _plain(raw)))
    return blocks


def _skip_letterhead(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop the red letterhead, document number, rule and title: the portal
    shows those as metadata above the body."""
    for i, (kind, text) in enumerate(blocks):
        if kind == "paragraph" and not re.fullmatch(r".{1,10}〔\d{4}〕\d+号", text):
            return blocks[i:]
    return blocks


def _join_page_breaks(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    joined: list[tuple[str, str]] = []
    for kind, text in blocks:
        if kind == "paragraph" and joined:
            prev_kind, prev_text = joined[-1]
            if prev_kind == "paragraph" and len(prev_text) >= PAGE_BREAK_MIN_LENGTH and not prev_text.endswith(CLOSING):
                joined[-1] = (prev_kind, prev_text + text)
                continue
        joined.append((kind, text))
    return joined


def markdown_to_html(markdown: str) -> str:
    """Body HTML: 一、 sections as <h2>, （一） subsections as <h3>, paragraphs as <p>."""
    parts = []
    for kind, text in _join_page_breaks(_skip_letterhead(_blocks(markdown))):
        if kind == "heading":
            tag = "h3" if SUBSECTION.match(text) else "h2"
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
        elif kind == "paragraph":
            parts.append(f"<p>{escape(text)}</p>")
    return nh3.clean("\n".join(parts))


def paragraphs_to_html(paragraphs: list[str]) -> str:
    return nh3.clean("\n".join(f"<p>{escape(p)}</p>" for p in paragraphs))
