"""The admin start page's 工作报表 links: each shown only to staff its page lets in,
asked as the pages themselves ask (organisations.access and the page's permission)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from organisations import access

register = template.Library()

# (label, URL name, the permission it needs beyond being staff), in the order shown.
STAFF_REPORTS: list[tuple[str, str, str]] = [
    ("要素完整性报告", "documents:completeness", ""),
    ("历史文件审查", "documents:historical_review", ""),
    ("我的办理时限", "deadlines:mine", ""),
    ("我的依申请公开", "admin:applications_application_mine", "applications.view_application"),
    ("政策解读“三同步”检查", "interpretations:compliance", ""),
    ("留言聚类与常见问题", "consultations:clusters", "consultations.view_statistics"),
    ("留言办理统计", "consultations:statistics", "consultations.view_statistics"),
    ("公众代表参与情况", "decisions:staff_representatives", ""),
    ("合规自查", "compliance:dashboard", "compliance.view_compliance_dashboard"),
    ("政策接力", "relay:staff_index", "relay.view_relaypackage"),
]


def _allowed(user, permission: str) -> bool:
    """As the page itself decides: staff (organisations.access), holding `permission` if any."""
    return access.is_staff_member(user) and (not permission or user.has_perm(permission))


@register.simple_tag(takes_context=True)
def staff_report_links(context) -> list[dict[str, str]]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return [
        {"label": label, "url": reverse(name)}
        for label, name, permission in STAFF_REPORTS
        if _allowed(user, permission)
    ]
