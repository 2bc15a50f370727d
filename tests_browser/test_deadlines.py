"""Staff see the Art. 26 publication deadlines of the demo drafts on 我的期限, and the
admin start page warns those who can import the calendar (the 管理员) while next year's
is missing; a drafter, who could not open the import, is not shown the warning."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from workdays.working_calendar import missing_years

from .conftest import DESKTOP, PHONE
from .test_staff_workflow import log_in

pytestmark = pytest.mark.browser


def test_staff_see_their_publication_deadlines_and_the_calendar_warning(demo_site, new_page, screenshot):
    for viewport, name in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        manager = new_page(viewport)
        log_in(manager, demo_site, "manager")
        banner = manager.locator(".calendar-banner")
        missing = missing_years(timezone.localdate())  # 1 Dec 2026: [2027]
        if missing:
            expect(banner).to_contain_text(f"工作日历缺少 {missing[0]} 年")
            manager.locator(".calendar-banner a").first.click()
            expect(manager.get_by_role("button", name="检查并导入")).to_be_visible()  # the link opens, not 403
        else:
            expect(banner).to_have_count(0)
        screenshot(manager, f"deadlines-admin-banner-{name}")

        page = new_page(viewport)
        log_in(page, demo_site, "drafter")
        expect(page.locator(".calendar-banner")).to_have_count(0)

        page.goto(demo_site + "/staff/deadlines/")
        expect(page.get_by_role("heading", name="我的期限")).to_be_visible()
        first = page.locator(".deadline").first
        expect(first).to_contain_text("主动公开《")
        expect(first).to_contain_text("第二十六条")
        expect(first).to_contain_text("个工作日")
        screenshot(page, f"deadlines-mine-{name}")
