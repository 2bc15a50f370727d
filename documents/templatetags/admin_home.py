"""The admin start page's 工作报表 links: each shown only to staff its page lets in,
asked through the same permission helpers the pages use."""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.urls import NoReverseMatch, reverse

from documents import permissions

register = template.Library()


def _staff(user) -> bool:
    return permissions.is_staff_member(user)


def _can_view_message_statistics(user) -> bool:
    try:
        from consultations.permissions import can_view_statistics
    except ImportError:
        return False
    return can_view_statistics(user)


# (label, URL name, who may open it), in the order shown.
STAFF_REPORTS: list[tuple[str, str, Callable]] = [
    ("要素完整性报告", "documents:completeness", _staff),
    ("历史文件审查", "documents:historical_review", _staff),
    ("我的办理时限", "deadlines:mine", _staff),
    ("政策解读“三同步”检查", "interpretations:compliance", _staff),
    ("留言聚类与常见问题", "consultations:clusters", _can_view_message_statistics),
    ("留言办理统计", "consultations:statistics", _can_view_message_statistics),
    ("公众代表参与情况", "decisions:staff_representatives", _staff),
]


@register.simple_tag(takes_context=True)
def staff_report_links(context) -> list[dict[str, str]]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    links = []
    for label, name, allowed in STAFF_REPORTS:
        if not allowed(user):
            continue
        try:
            links.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:  # that app is not installed
            continue
    return links
