"""How a table cell of the annual report reads: a number as it is (0 is 0), 不适用 as it is,
and a blank (not yet entered) as an empty cell that says so to screen readers."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from reports import format as fmt

register = template.Library()


def cell_text(value) -> str:
    """The cell as plain text (the PDF and DOCX): '' for a blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


@register.filter
def cell(value):
    if value is None:
        return format_html('<span class="visually-hidden">{}</span>', "空白（未填报）")
    if value == fmt.NOT_APPLICABLE:
        return format_html('<span class="report-na">{}</span>', fmt.NOT_APPLICABLE)
    return cell_text(value)


@register.filter
def get(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
