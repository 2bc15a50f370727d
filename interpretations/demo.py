"""Demo interpretations for the seed document and a few demo policies.

Loaded by `manage.py load_demo_interpretations` after `load_demo`. Each
interpretation is looked up by (document number, title) first, so a second run
adds nothing and keeps what staff changed. Published together with their policy
(same published_at), except one deliberately late one: imported history that the
compliance page shows.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from documents.models import PolicyDocument
from documents.models import Status as DocumentStatus

from . import search_sync
from .models import Form, Interpretation, InterpretationImage, InterpreterKind, QuestionAnswer, Status

SEED = "徐府发〔2023〕32号"

INTERPRETATIONS: list[dict[str, Any]] = [
    {
        "doc_number": SEED,
        "title": "《徐泾镇2023年政务公开工作要点》解读",
        "form": Form.TEXT,
        "summary": "今年镇里的政务公开要做四件大事：政策讲清楚、群众能参与、公开有规矩、工作有监督。",
        "core_concepts": (
            "<p><strong>政务公开</strong>：政府把制定的政策、办事的规则和工作的进展，主动告诉大家。</p>"
            "<p><strong>三同步</strong>：政策文件和它的解读，同时起草、同时审签、同时发布。</p>"
        ),
        "scope": "<p>徐泾镇政府、各办公室，以及各村委会、居委会的政务公开和村居务公开工作。</p>",
        "how_to_apply": (
            "<ol>"
            "<li><strong>查政策</strong>：打开本网站“政策文件”，可以按标签、发文机关、有效性筛选；"
            "“现行有效规范性文件”列出今天仍然有效的文件。</li>"
            "<li><strong>看解读</strong>：每份规范性文件的页面下方都有“解读”，讲清楚谁能享受、怎么办理。</li>"
            "<li><strong>问问题</strong>：对政策有疑问，可以在政策咨询留言板留言，工作人员在规定的工作日内答复。</li>"
            "<li><strong>申请公开</strong>：网站上找不到的政府信息，可以向镇政府提出政府信息公开申请，"
            "一般在 20 个工作日内答复。</li>"
            "</ol>"
        ),
        "benefits": (
            "<ul><li>政策文件集中在一个文件库，标明是否有效。</li>"
            "<li>企业可以按行业、对象订阅政策，有新政策时收到提醒。</li>"
            "<li>重大决策公开征求意见，采纳情况按时公布。</li></ul>"
        ),
        "follow_ups": [
            {
                "title": "跟踪解读：怎样确认一份政策文件现在还有效？",
                "prompting_question": "网上搜到的镇里的文件，不知道现在还管不管用，怎么查？",
                "days_after": 30,
                "how_to_apply": (
                    "<ol><li>打开文件页面，看标题下方的有效性标识：绿色“有效”表示现在仍然适用。</li>"
                    "<li>如果显示“失效”“废止”或“已修改”，页面上方会提示，并链接到新文件。</li>"
                    "<li>也可以直接查看“现行有效规范性文件”列表。</li></ol>"
                ),
                "criteria": "<p>有效性按文件的施行日期和有效期计算，每天自动更新。</p>",
            }
        ],
    },
    {
        "doc_number": "徐府发〔2023〕18号",
        "title": "《徐泾镇促进产业高质量发展扶持办法》政策问答",
        "form": Form.QA,
        "summary": "在徐泾镇注册纳税的制造业和现代服务业企业，研发、技改、引进人才都可以申请扶持。",
        "scope": "<p>工商注册和税务登记都在徐泾镇、依法经营、信用良好的制造业和现代服务业企业。</p>",
        "how_to_apply": (
            "<ol><li>每年 3 月和 9 月，关注本网站发布的申报通知。</li>"
            "<li>准备材料：申请表、营业执照、上一年度财务审计报告、项目投入凭证。</li>"
            "<li>把材料交到镇经济发展办公室（镇政府一楼窗口），也可以通过“一网通办”线上提交。</li>"
            "<li>镇里审核后公示 5 个工作日，无异议的拨付扶持资金。</li></ol>"
        ),
        "differences": "<p>与 2021 年的措施相比，新增了技术改造和人才引进两项扶持，研发投入扶持比例由新增部分的 5% 提高到 10%。</p>",
        "questions": [
            (
                "我们公司注册在徐泾，但主要在外区经营，能申请吗？",
                "需要同时在徐泾镇注册和纳税。只注册不纳税的企业不在扶持范围内。",
            ),
            ("一家企业一年最多能拿多少扶持？", "各项扶持合计，同一企业同一年度最多 200 万元。"),
            ("申报材料可以线上交吗？", "可以。通过“一网通办”提交电子材料，原件在审核时带到窗口核对。"),
        ],
    },
    {
        "doc_number": "徐府发〔2023〕18号",
        "title": "行业协会解读：中小制造企业如何用好产业扶持政策",
        "form": Form.EXPERT,
        "summary": "从企业的角度，讲讲哪些投入可以算进研发和技改扶持。",
        "interpreter_kind": InterpreterKind.ASSOCIATION,
        "interpreter_name": "王建平（秘书长）",
        "interpreter_organisation": "徐泾镇商会",
        "key_terms": (
            "<p><strong>研发投入</strong>：企业在财务上单独核算的研发费用，包括研发人员工资、材料和设备折旧。</p>"
            "<p><strong>技术改造</strong>：为提高质量、节能降耗而购买和安装新设备，不包括厂房装修。</p>"
        ),
        "how_to_apply": (
            "<p>建议企业从年初就把研发费用单独记账，申报时直接用审计报告里的数字，可以少跑一次。"
            "拿不准的项目，可以先打电话问镇经济发展办公室。</p>"
        ),
    },
    {
        "doc_number": "徐府发〔2022〕25号",
        "title": "《徐泾镇老年人助餐服务管理办法》解读",
        "form": Form.TEXT,
        "summary": "60 岁以上的徐泾老人可以在社区助餐点吃上便宜、放心的饭菜，80 岁以上和困难老人还有补贴。",
        "core_concepts": "<p><strong>社区助餐点</strong>：由居委会、村委会或养老机构开设，为老人提供午餐的地方。</p>",
        "scope": "<p>户籍在徐泾镇，或持上海市居住证在徐泾居住的 60 岁以上老年人。</p>",
        "how_to_apply": (
            "<ol><li>带上身份证，到所在村委会或居委会登记。</li>"
            "<li>登记后领取助餐卡，在任何一个社区助餐点都可以刷卡用餐。</li>"
            "<li>80 岁以上、低保或低收入家庭、失能的老人，登记时说明情况，补贴会直接充到助餐卡里。</li>"
            "<li>行动不便的老人可以申请送餐上门。</li></ol>"
        ),
        "benefits": "<p>每餐补贴 3 至 8 元，按年龄和家庭情况分档；送餐上门免收配送费。</p>",
    },
    {
        "doc_number": "徐府发〔2023〕21号",
        "title": "图解：就业困难人员怎样申请援助",
        "form": Form.GRAPHIC,
        "summary": "长期找不到工作的居民，可以申请认定为就业困难人员，享受岗位推荐、培训和补贴。",
        "body": "<p>下面的图按顺序画出了申请的四个步骤。</p>",
        "how_to_apply": (
            "<ol><li>到镇社区事务受理服务中心“就业服务”窗口提出申请。</li>"
            "<li>带上身份证、户口簿和失业登记证明。</li>"
            "<li>窗口在 5 个工作日内完成认定，并告诉您结果。</li>"
            "<li>认定后，就业服务人员会联系您，推荐岗位或培训。</li></ol>"
        ),
        "images": [
            {
                "alt_text": (
                    "申请流程图，共四步：第一步到社区事务受理服务中心提出申请；第二步提交身份证、户口簿和失业登记证明；"
                    "第三步 5 个工作日内完成认定；第四步工作人员联系推荐岗位或培训。"
                ),
                "caption": "就业困难人员认定的四个步骤",
            }
        ],
    },
    {
        "doc_number": "徐经发〔2022〕11号",
        "title": "《徐泾镇创业带动就业补贴实施办法》解读",
        "form": Form.TEXT,
        "summary": "在徐泾创业并招用本地劳动者的，可以按招用人数申请一次性补贴。",
        "how_to_apply": (
            "<ol><li>创业满 6 个月后，到镇经济发展办公室窗口申请。</li>"
            "<li>带上营业执照、社保缴费记录和招用人员名单。</li></ol>"
        ),
        # Imported history: this interpretation went out after its policy.
        "days_late": 45,
    },
]


@dataclass
class DemoInterpretationReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def flow_chart_png(steps: int = 4) -> bytes:
    """A simple flow chart (boxes and arrows, no text): the picture of the graphic demo."""
    width, height = 960, 240
    picture = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(picture)
    box_w, gap = 180, (width - 4 * 180) // 5
    for i in range(steps):
        x = gap + i * (box_w + gap)
        draw.rounded_rectangle([x, 60, x + box_w, 180], radius=18, fill="#fdf5f5", outline="#9e1b1b", width=4)
        draw.ellipse([x + box_w // 2 - 22, 98, x + box_w // 2 + 22, 142], fill="#9e1b1b")
        if i < steps - 1:
            ax = x + box_w + 8
            draw.line([ax, 120, ax + gap - 16, 120], fill="#575e66", width=6)
            draw.polygon([(ax + gap - 16, 108), (ax + gap - 2, 120), (ax + gap - 16, 132)], fill="#575e66")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _drafter():
    return get_user_model().objects.filter(username="drafter").first()


def _signer():
    return get_user_model().objects.filter(username="signer").first()


def load(*, stdout: TextIO | None = None) -> DemoInterpretationReport:
    """Load what is missing; say what was done (and which policies are missing) on ``stdout``."""
    report = _write_rows()
    out = stdout or io.StringIO()
    out.write(f"演示解读：新建 {len(report.created)} 份，已存在 {len(report.existing)} 份。\n")
    for title in report.skipped:
        out.write(f"跳过（找不到已发布的对应文件，请先运行 load_demo）：{title}\n")
    return report


@transaction.atomic
def _write_rows() -> DemoInterpretationReport:
    report = DemoInterpretationReport()
    for row in INTERPRETATIONS:
        document = PolicyDocument.objects.filter(doc_number=row["doc_number"]).first()
        if document is None or document.status != DocumentStatus.PUBLISHED or document.published_at is None:
            report.skipped.append(row["title"])
            continue
        published_at = document.published_at + dt.timedelta(days=row.get("days_late", 0))
        original = _interpretation(document, row, published_at, report)
        for follow_up in row.get("follow_ups", []):
            at = published_at + dt.timedelta(days=follow_up["days_after"])
            _interpretation(document, follow_up, at, report, follow_up_of=original)
    return report


def _interpretation(
    document: PolicyDocument,
    row: dict[str, Any],
    published_at: dt.datetime,
    report: DemoInterpretationReport,
    follow_up_of: Interpretation | None = None,
) -> Interpretation:
    existing = Interpretation.objects.filter(document=document, title=row["title"]).first()
    if existing is not None:
        report.existing.append(row["title"])
        return existing
    simple = {
        k: v
        for k, v in row.items()
        if k not in {"doc_number", "questions", "images", "follow_ups", "days_late", "days_after"}
    }
    interpretation = Interpretation(
        document=document,
        follow_up_of=follow_up_of,
        created_by=_drafter(),
        **simple,
    )
    interpretation.full_clean()
    interpretation.status = Status.PUBLISHED
    interpretation.published_at = published_at
    interpretation.signed_by = _signer()
    interpretation.save()
    for order, (question, answer) in enumerate(row.get("questions", []), start=1):
        QuestionAnswer.objects.create(interpretation=interpretation, question=question, answer=answer, order=order)
    for order, image in enumerate(row.get("images", []), start=1):
        picture = InterpretationImage(
            interpretation=interpretation,
            alt_text=image["alt_text"],
            caption=image["caption"],
            order=order,
            image_type="png",
            width=960,
            height=240,
        )
        picture.image.save("flow.png", ContentFile(flow_chart_png()), save=False)
        picture.full_clean()
        picture.save()
    search_sync.sync_interpretation(interpretation)
    report.created.append(row["title"])
    return interpretation
