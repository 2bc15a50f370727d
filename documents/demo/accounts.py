"""The demo accounts of the document library: one staff member per role, the superuser and
an enterprise user of the targeted-disclosure audience."""

from __future__ import annotations

from organisations.demo import DemoAccount

TARGET_GROUP = "西虹桥重点企业联络员"

# One staff account per role of the document workflow, the superuser and an enterprise
# user who is in the targeted-disclosure group (定向公开对象).
ACCOUNTS = [
    DemoAccount(
        "drafter", "Xujing-Drafter-2023", "起草人", "徐泾镇党政办公室", "drafter@xujing.example.gov.cn",
        first_name="起草", last_name="王", does="起草文件、提交公开审查",
    ),
    DemoAccount(
        "reviewer", "Xujing-Reviewer-2023", "公开审查人", "徐泾镇党政办公室", "reviewer@xujing.example.gov.cn",
        first_name="审查", last_name="李", does="公开属性审查、处理隐私扫描结果",
    ),
    DemoAccount(
        "signer", "Xujing-Signer-2023", "审签负责人", "徐泾镇党政办公室", "signer@xujing.example.gov.cn",
        first_name="审签", last_name="张", does="审签发布、撤回已发布文件",
    ),
    DemoAccount(
        "manager", "Xujing-Manager-2023", "管理员", "徐泾镇党政办公室", "manager@xujing.example.gov.cn",
        first_name="管理", last_name="陈", does="目录与标签、历史文件审查、工作日历、账号",
    ),
    DemoAccount(
        "admin", "Xujing-Admin-2023", "超级管理员", "徐泾镇人民政府", "admin@xujing.example.gov.cn",
        is_superuser=True, does="全部功能",
    ),
    DemoAccount(
        "enterprise", "Xujing-Enterprise-2023", "企业用户（定向公开对象）", "", "enterprise@example.com",
        is_staff=False, groups=(TARGET_GROUP,), does="登录后查看定向公开文件（我的）",
    ),
]  # fmt: skip
