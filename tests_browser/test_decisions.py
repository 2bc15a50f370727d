"""A citizen reads a draft decision, comments on one article, gets a receipt, and later reads the
feedback report; staff advance a decision with a comment and choose its result document by title."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from decisions import services
from decisions.models import Decision, Disposition, Opinion, Stage, StageChange
from documents.models import PolicyDocument
from notifications.models import OutboxMessage

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TITLE = "徐泾镇既有多层住宅加装电梯补贴办法"
COMMENT = "建议第三条的补贴标准按楼层数分档，六层楼应多补一些。"


@pytest.fixture
def decisions_site(demo_site) -> str:
    call_command("load_demo_decisions", stdout=io.StringIO())
    return demo_site


def comment_on_article_three(page, base_url: str, screenshot, label: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="重大决策").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("重大行政决策")
    page.get_by_role("region", name="正在征求意见").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".timeline__step--current")).to_contain_text("征求意见")
    expect(page.get_by_role("heading", name="第3条 补贴标准")).to_be_visible()
    screenshot(page, f"decision-draft-{label}")

    page.locator("#article-3").get_by_role("link", name="对本条提意见").click()
    expect(page.get_by_label("针对条文（可选）")).to_have_value(
        str(Decision.objects.get(title=TITLE).articles.get(number=3).pk)
    )
    page.get_by_label("意见内容").fill(COMMENT)
    expect(page.get_by_text(f"已输入 {len(COMMENT)} / 5000 字")).to_be_visible()
    page.get_by_label("电子邮箱（可选，不公开）").fill(f"citizen-{label}@example.com")
    page.get_by_role("button", name="提交意见").click()
    receipt = page.get_by_role("status")
    expect(receipt).to_contain_text("您的意见已收到")
    opinion = Opinion.objects.get(body=COMMENT)
    expect(receipt).to_contain_text(opinion.receipt_number)
    expect(receipt).to_contain_text("征求意见截止")
    expect(receipt).to_contain_text("决策作出后10个工作日内")
    screenshot(page, f"decision-comment-sent-{label}")


def publish_feedback(title: str) -> Decision:
    """Staff, off-screen: close the consultation, issue the decision, dispose every opinion, publish."""
    decision = Decision.objects.get(title=title)
    actor = get_user_model().objects.get(username="admin")  # town-wide, may take every step
    for stage in (Stage.REVIEW, Stage.DELIBERATION, Stage.DECIDED):
        StageChange.objects.create(decision=decision, from_stage=decision.stage, to_stage=stage, actor=actor)
        decision.stage = stage
    decision.issued_on = timezone.localdate()
    decision.result_document = PolicyDocument.objects.public().first()
    decision.save()
    for opinion in decision.opinions.all():
        services.opinion_dispose(opinion=opinion, disposition=Disposition.PARTLY, reason="已吸收。", user=actor)
    report = services.feedback_report_draft(decision=decision, user=actor)
    services.feedback_report_publish(report=report, user=actor)
    return decision


def test_a_citizen_comments_on_a_draft_and_reads_the_feedback_on_a_desktop(decisions_site, new_page, screenshot):
    page = new_page(DESKTOP)
    comment_on_article_three(page, decisions_site, screenshot, "desktop")
    opinion = Opinion.objects.get(body=COMMENT)
    assert opinion.article.number == 3 and opinion.contact_email == "citizen-desktop@example.com"

    decision = publish_feedback(TITLE)
    page.goto(decisions_site + decision.get_absolute_url())
    report = page.get_by_role("region", name="意见采纳情况反馈")
    expect(report).to_contain_text("部分采纳5条")
    expect(report.get_by_role("listitem").filter(has_text="网上征求意见：5条")).to_be_visible()
    expect(report.get_by_text("- 网上征求意见")).to_have_count(0)
    expect(page.get_by_text("citizen-desktop@example.com")).to_have_count(0)
    expect(page.get_by_role("link", name="提交意见")).to_have_count(0)
    screenshot(page, "decision-feedback-desktop")
    told = [
        m
        for m in OutboxMessage.objects.filter(key__startswith="decisions:feedback:")
        if m.recipients == ["citizen-desktop@example.com"]
    ]
    assert len(told) == 1


def test_a_citizen_comments_on_a_draft_on_a_phone(decisions_site, new_page, screenshot):
    page = new_page(PHONE)
    comment_on_article_three(page, decisions_site, screenshot, "phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"页面宽度 {width}px 超出手机屏幕"
    page.goto(decisions_site + f"/decisions/{timezone.localdate().year}/")
    expect(page.get_by_text(re.compile("按期公布|晚于3月31日公布"))).to_be_visible()
    screenshot(page, "decision-catalogue-phone")


STAFF_PASSWORDS = {"decision-staff": "Xujing-Decision-2023", "drafter": "Xujing-Drafter-2023"}


def staff_log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(STAFF_PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_staff_try_to_advance_too_early_and_are_told_why(decisions_site, new_page, screenshot):
    page = new_page(DESKTOP)
    staff_log_in(page, decisions_site, "decision-staff")
    decision = Decision.objects.get(title=TITLE)
    page.goto(decisions_site + f"/admin/decisions/decision/{decision.pk}/change/")
    panel = page.get_by_role("region", name="决策进程")
    expect(panel).to_contain_text("当前阶段：征求意见")
    panel.get_by_label("说明（可选，记入阶段变更记录）").fill("意见已基本收集完毕。")
    panel.get_by_role("button", name="推进到“论证评估”阶段").click()
    expect(page.get_by_text(re.compile("未能推进：征求意见期到 .* 才结束"))).to_be_visible()
    expect(page.get_by_label("说明（可选，记入阶段变更记录）")).to_have_value("意见已基本收集完毕。")
    screenshot(page, "decision-admin-advance-refused-desktop")
    page.goto(page.url)  # the button's URL opened again: the decision's page, nothing done
    expect(page).to_have_url(re.compile(rf"/admin/decisions/decision/{decision.pk}/change/$"))
    decision.refresh_from_db()
    assert decision.stage == Stage.CONSULTATION


def test_staff_choose_the_result_document_by_title(decisions_site, new_page, screenshot):
    page = new_page(DESKTOP)
    staff_log_in(page, decisions_site, "drafter")
    decision = Decision.objects.get(title__endswith="年民生实事项目")
    wanted = PolicyDocument.objects.public().get(title__contains="生活垃圾分类收集点布局调整方案")
    page.goto(decisions_site + f"/admin/decisions/decision/{decision.pk}/change/")
    page.locator("#id_result_document").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-search__field").fill("垃圾分类收集点")
    option = page.get_by_role("option", name=re.compile("生活垃圾分类收集点布局调整方案"))
    expect(option).to_have_count(1)
    screenshot(page, "decision-admin-result-document-desktop")
    option.click()
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("成功")
    decision.refresh_from_db()
    assert decision.result_document == wanted
