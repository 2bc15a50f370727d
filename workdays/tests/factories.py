from __future__ import annotations

# A made-up 2027 arrangement FOR TESTS ONLY: the State Council has not
# announced 2027 yet (chinesecalendar 1.11.0 stops at 2026), so the portal
# ships without it and staff import the real one when it is published.
TEST_ARRANGEMENT_2027 = """# 测试用，非真实安排
2027-01-01 元旦 休
2027-02-06..2027-02-12 春节 休
2027-02-14 春节 班
"""
