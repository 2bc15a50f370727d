"""The reply letter (政府信息公开申请答复告知书, Art. 36-37 of 《政府信息公开条例》) and the
archive file (卷宗), rendered on demand.

``letter_body`` writes the letter's text from its outcome's template
(``templates/applications/letters/<outcome>.txt``): the registration number, the applicant,
the date received, the legal basis of the outcome and its reason (``legal_basis``), the
remedy clause. The services store it on the application when the reply is drafted
(``letter_text``); the handler may edit it until the head signs. The frame around it (title,
number, organ from the Guide, reply date) is added when rendering, so the reply date is the
signing date. ``letter_pdf`` (WeasyPrint, the WenQuanYi Micro Hei font embedded),
``letter_docx`` (python-docx) and ``archive_pdf`` (the whole file with its trail) return bytes;
nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Application, ApplicationEvent, Guide, Outcome, OutcomeReason

REGULATIONS = "《中华人民共和国政府信息公开条例》"
FONT = "WenQuanYi Micro Hei"  # Debian's fonts-wqy-microhei: embedded in every PDF
DOCX_FONT = "宋体"  # a Word reader's own; a DOCX does not embed fonts
REMEDY = "如对本答复不服，可在收到本告知书之日起60日内申请行政复议，或者在6个月内向人民法院提起行政诉讼。"
TITLE = "政府信息公开申请答复告知书"
DRAFT_MARK = "（草稿，尚未审签）"
# Said of the withheld parts of a 部分公开 reply when the handler wrote no reason (Art. 37
# asks for one: the panel's 修改告知书 is where it is written).
WITHHELD_PARTS = "不予公开的部分属于依法不应当公开或者不属于政府信息的内容。"

R = OutcomeReason
# Each reason's article and the sentence the letter gives as the reason.
REASON_BASIS: dict[str, tuple[str, str]] = {
    R.STATE_SECRET: ("第十四条", "您申请获取的政府信息属于依法确定为国家秘密的政府信息"),
    R.PROHIBITED_BY_LAW: ("第十四条", "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息"),
    R.THREE_SAFETIES: (
        "第十四条",
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    R.THIRD_PARTY_RIGHTS: (
        "第十五条",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    ),
    R.INTERNAL_AFFAIRS: (
        "第十六条第一款",
        "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
    ),
    R.PROCESS_INFORMATION: (
        "第十六条第二款",
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    ),
    R.ENFORCEMENT_FILE: ("第十六条第二款", "您申请获取的政府信息属于行政执法案卷信息"),
    R.ADMINISTRATIVE_QUERY: (
        "第三十六条第（七）项",
        "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，请依照有关法律、行政法规的规定办理",
    ),
    R.NOT_HELD: ("第三十六条第（四）项", "经检索，本机关没有您申请公开的政府信息，该政府信息不存在"),
    R.NEEDS_CREATION: (
        "第三十八条",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关没有现成的信息",
    ),
    R.STILL_UNCLEAR: ("第三十条", "经一次性告知补正，您补正后的申请内容仍不明确，本机关无法确定您申请公开的政府信息"),
    R.PETITION: (
        "第三十九条第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本申请不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出",
    ),
    R.REPEATED: (
        "第三十六条第（六）项",
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同的政府信息，本机关不予重复处理",
    ),
    R.PUBLICATION: (
        "第三十九条第二款",
        "您申请的内容为要求提供政府公报、报刊、书籍等公开出版物，请通过公开出版物的发行渠道获取",
    ),
    R.EXCESSIVE: (
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求，您未能说明理由或者理由不合理",
    ),
    R.CONFIRMATION: (
        "第二条",
        "您要求本机关确认或者重新出具已经获取的信息，不属于申请获取本机关现有的政府信息",
    ),
    R.NO_CORRECTION: ("第三十条", "您无正当理由逾期未补正，视为放弃申请"),
    R.FEE_UNPAID: ("第四十二条", "您逾期未按收费通知的要求缴纳信息处理费，视为放弃申请"),
    R.OTHER: ("", ""),
}
del R

# What each withholding outcome cites besides its reason's article.
_OUTCOME_ARTICLE = {
    Outcome.WITHHELD: "第三十六条第（三）项",
    Outcome.NOT_PROCESSED: "",
    Outcome.UNAVAILABLE: "",
    Outcome.OTHER: "",
}


def legal_basis(application: Application) -> str:
    """The articles the reply rests on, e.g. "第三十六条第（二）项" or "第十五条、第三十六条第（三）项".

    予以公开: 第三十六条第（一）项 when the information is already proactively disclosed (the
    reply names the document), else （二）; 部分公开: 第三十七条; 本机关不掌握 with the
    competent organ named: 第三十六条第（五）项; the others by their reason (REASON_BASIS)."""
    outcome, reason = application.outcome, application.outcome_reason
    if outcome == Outcome.DISCLOSED:
        return "第三十六条第（一）项" if application.reply_document_id else "第三十六条第（二）项"
    if outcome == Outcome.PARTLY_DISCLOSED:
        return "第三十七条、第三十六条第（二）项"
    if reason == OutcomeReason.NOT_HELD and application.competent_organ:
        return "第三十六条第（五）项"
    article = REASON_BASIS.get(reason, ("", ""))[0]
    extra = _OUTCOME_ARTICLE.get(outcome, "")
    return "、".join(part for part in (article, extra) if part)


def cited_basis(application: Application) -> str:
    """The legal basis as the letter cites it: 《中华人民共和国政府信息公开条例》第…条."""
    articles = legal_basis(application)
    return f"{REGULATIONS}{articles}" if articles else REGULATIONS


def _chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _requested(application: Application) -> str:
    text = application.information_title or " ".join(application.description.split())
    text = text if len(text) <= 120 else text[:120] + "……"
    return text.rstrip("。；，、.;, ") or text  # quoted inside a sentence that has its own full stop


def letter_body(application: Application) -> str:
    """The letter's text for the application's outcome, from its template; one paragraph a line."""
    outcome = application.outcome or Outcome.OTHER
    document = application.reply_document if application.reply_document_id else None
    context = {
        "application": application,
        "applicant": application.applicant_name,
        "number": application.number,
        "received": _chinese_date(application.received_on),
        "restarted": _chinese_date(application.restarted_on),
        "requested": _requested(application),
        "basis": cited_basis(application),
        "reason_text": REASON_BASIS.get(application.outcome_reason, ("", ""))[1],
        "reason_label": application.get_outcome_reason_display() if application.outcome_reason else "",
        "note": application.reply_note,
        "document": document,
        "document_url": f"{settings.SITE_URL}{document.get_absolute_url()}" if document else "",
        "competent_organ": application.competent_organ,
        "provision_form": application.get_provision_form_display(),
        "remedy": REMEDY,
        "withheld_parts": WITHHELD_PARTS,
        "organ": Guide.current().organ_name,
    }
    text = render_to_string(f"applications/letters/{outcome}.txt", context)
    return clean_text(text)


def clean_text(text: str) -> str:
    """One paragraph a line, trimmed, no empty lines (a template's or the handler's)."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip())


@dataclass(frozen=True)
class Letter:
    """A letter ready to render: its frame and its paragraphs."""

    organ: str
    number: str
    paragraphs: list[str]
    reply_date: str
    draft: bool

    @property
    def salutation(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def body(self) -> list[str]:
        return self.paragraphs[1:]


def letter_for(application: Application) -> Letter:
    """The stored letter (or, for a reply drafted before letters existed, the template's)."""
    text = application.letter_text or letter_body(application)
    return Letter(
        organ=Guide.current().organ_name,
        number=application.number,
        paragraphs=clean_text(text).split("\n"),
        reply_date=_chinese_date(application.replied_on) or "    年  月  日",
        draft=application.reply_signed_by_id is None,
    )


# --- PDF ----------------------------------------------------------------------------


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on demand: Pango loads at import

    return HTML(string=html, base_url=None, url_fetcher=_no_fetcher()).write_pdf()


def _no_fetcher():
    """Letters and files reference nothing outside themselves: no URL (http, file) is ever
    fetched, whatever a typed text might smuggle in; the resource is skipped."""
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            raise ValueError(f"external resources are not fetched: {url[:80]}")

    return NoFetcher(fail_on_errors=False)


def letter_html(application: Application) -> str:
    return render_to_string(
        "applications/letters/letter.html", {"letter": letter_for(application), "font": FONT, "title": TITLE}
    )


def letter_pdf(application: Application) -> bytes:
    return _pdf(letter_html(application))


def letter_filename(application: Application, suffix: str) -> str:
    return f"答复告知书-{application.number}.{suffix}"


# --- DOCX ---------------------------------------------------------------------------


def letter_docx(application: Application) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    letter = letter_for(application)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)

    def line(text: str, *, align=None, bold: bool = False, size: int | None = None, indent: bool = False):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(28)
        return paragraph

    if letter.draft:
        line(DRAFT_MARK, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(letter.organ, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=18)
    line(TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=18)
    line(f"登记编号：{letter.number}", align=WD_ALIGN_PARAGRAPH.CENTER)
    line(letter.salutation)
    for paragraph in letter.body:
        line(paragraph, indent=True)
    line(letter.organ, align=WD_ALIGN_PARAGRAPH.RIGHT)
    line(letter.reply_date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.core_properties.title = f"{TITLE}（{letter.number}）"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- The archive file (卷宗) ----------------------------------------------------------

# Stored but never part of a file a person reads.
_NOT_IN_ARCHIVE = {"id", "query_code_hash", "submission_key", "letter_text", "year", "serial"}


def _display(application: Application, field) -> str:
    if field.name == "identity_scan":
        return "已提交" if application.identity_scan else "未提交"
    value = getattr(application, field.name)
    if field.choices:
        return getattr(application, f"get_{field.name}_display")() if value else ""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if hasattr(value, "get_full_name"):
        return _person(value)
    return str(value)


def _person(user) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()


def archive_rows(application: Application) -> list[tuple[str, str]]:
    """Every stored field of the application that a reader of the file needs, labelled; the
    empty ones (a step never taken) left out."""
    rows = []
    for field in Application._meta.concrete_fields:
        if field.name in _NOT_IN_ARCHIVE:
            continue
        value = _display(application, field)
        if value or field.name == "identity_scan":
            rows.append((str(field.verbose_name), value))
    return rows


def archive_html(application: Application) -> str:
    events = [
        {
            "at": f"{timezone.localtime(event.at):%Y-%m-%d %H:%M}",
            "action": event.get_action_display(),
            "actor": _person(event.actor),
            "comment": event.comment,
            "visible": "是" if event.visible_to_applicant else "否",
        }
        for event in ApplicationEvent.objects.filter(application=application).select_related("actor")
    ]
    context = {
        "font": FONT,
        "title": TITLE,
        "application": application,
        "organ": Guide.current().organ_name,
        "rows": archive_rows(application),
        "events": events,
        "reviews": list(application.reviews.all()),
        "files": list(application.provided_files.all()),
        "letter": letter_for(application) if application.outcome and application.reply_drafted_by_id else None,
        "generated": f"{timezone.localtime():%Y-%m-%d %H:%M}",
    }
    return render_to_string("applications/letters/archive.html", context)


def archive_pdf(application: Application) -> bytes:
    return _pdf(archive_html(application))


def archive_filename(application: Application) -> str:
    return f"卷宗-{application.number}.pdf"
