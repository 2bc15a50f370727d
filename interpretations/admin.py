"""Interpretations in the admin: drafters see and link only their own organisation's
documents; the change page shows the reading length and the long sentences."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from documents.models import PolicyDocument
from documents.services import TransitionBlocked
from organisations import access

from . import services
from .forms import ImageFormSet, InterpretationAdminForm, InterpretationImageForm, QuestionAnswerForm, QuestionFormSet
from .models import LONG_SENTENCE_CHARS, SECTIONS, Interpretation, InterpretationImage, QuestionAnswer, Status


class InterpretationImageInline(admin.StackedInline):
    model = InterpretationImage
    form = InterpretationImageForm
    formset = ImageFormSet
    extra = 1
    verbose_name = "图解图片"
    verbose_name_plural = "图解图片（图解形式必填；每张图都要填写替代文字）"


class QuestionAnswerInline(admin.StackedInline):
    model = QuestionAnswer
    form = QuestionAnswerForm
    formset = QuestionFormSet
    extra = 1
    verbose_name_plural = "问答（问答解读必填）"


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    form = InterpretationAdminForm
    inlines = [InterpretationImageInline, QuestionAnswerInline]
    list_display = ["title", "document", "form", "status", "published_at", "reading_length_display"]
    list_filter = ["status", "form"]
    search_fields = ["title", "document__title", "document__doc_number"]
    list_select_related = ["document"]
    readonly_fields = ["status", "organisation", "published_at", "signed_by", "plain_language_report"]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["document", "title", "form", "summary", "status", "organisation", "published_at"]}),
        ("通俗易懂提示", {"fields": ["plain_language_report"]}),
        ("正文", {"fields": ["body"]}),
        (
            "解读栏目（按需填写；“办事指引”在公开页面上突出显示）",
            {"fields": [name for name, _ in SECTIONS]},
        ),
        (
            "解读人（专家、协会解读必填）",
            {"fields": ["interpreter_kind", "interpreter_name", "interpreter_organisation"]},
        ),
        ("视频（视频解读必填）", {"fields": ["video", "video_transcript"]}),
        ("动态跟踪解读", {"fields": ["follow_up_of", "prompting_question"], "classes": ["collapse"]}),
    ]

    def view_on_site(self, obj: Interpretation) -> str | None:
        """Only a published interpretation has a public page."""
        return obj.get_absolute_url() if obj.status == Status.PUBLISHED else None

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a fresh class per request: not shared between users
        return form

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """The policy document's page links here with ?document=<id> ("为本文件新增解读"):
        the document is chosen and the title proposed. The form still checks the document."""
        initial = super().get_changeform_initial_data(request)
        raw = str(initial.get("document") or "")
        document = PolicyDocument.objects.filter(pk=raw).only("title").first() if raw.isdigit() else None
        if document is None:
            initial.pop("document", None)
        else:
            initial.setdefault("title", f"《{document.title}》政策解读")
        return initial

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = (
            super().get_queryset(request).select_related("document", "organisation").prefetch_related("questions")
        )
        return access.scope(queryset, request.user)

    def has_change_permission(self, request: HttpRequest, obj: Interpretation | None = None) -> bool:
        """Published and withdrawn interpretations are the record: read-only except for superusers."""
        if obj is not None and obj.status in (Status.PUBLISHED, Status.WITHDRAWN) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Interpretation, form, change: bool) -> None:
        services.interpretation_save(interpretation=obj, user=request.user)

    @admin.display(description="篇幅")
    def reading_length_display(self, obj: Interpretation) -> str:
        chars, minutes = obj.reading_length()
        return f"{chars} 字，约 {minutes} 分钟"

    @admin.display(description="阅读时长与长句")
    def plain_language_report(self, obj: Interpretation | None) -> str:
        if obj is None or obj.pk is None:
            return "保存后在这里显示篇幅和需要简化的长句。"
        chars, minutes = obj.reading_length()
        long = obj.long_sentences()
        summary = format_html(
            "<p>共 {} 字，约需 {} 分钟读完。超过 {} 字的句子：<strong>{}</strong> 句{}</p>",
            chars,
            minutes,
            LONG_SENTENCE_CHARS,
            len(long),
            "，建议拆短、少用专业术语：" if long else "。",
        )
        if not long:
            return summary
        items = format_html_join("", "<li>（{} 字）{}</li>", ((len(s), s) for s in long))
        return format_html('{}<ol class="long-sentences">{}</ol>', summary, items)

    @admin.action(description="审签发布所选解读（跟踪解读、文件发布后补充的解读）", permissions=["sign"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        for interpretation in queryset.select_related("document"):
            try:
                services.interpretation_publish(interpretation=interpretation, user=request.user)
            except TransitionBlocked as blocked:
                self.message_user(request, f"《{interpretation.title}》：{blocked}", messages.ERROR)
            else:
                self.message_user(request, f"《{interpretation.title}》已发布。", messages.SUCCESS)

    def has_sign_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("interpretations.sign_interpretation")
