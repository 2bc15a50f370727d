"""The staff's admin of events: events with their sessions inline, every save through
services; registrations are read-only here (names and phones for staff only), checked in
at the door page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from organisations import access

from . import services
from .models import (
    Event,
    EventPhoto,
    EventQuestionAnswer,
    Question,
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireResponse,
    QuestionOption,
    Registration,
    Session,
    Topic,
    TopicStatus,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    fields = ["date", "start_time", "end_time", "capacity", "max_party", "registration_closes_at", "door"]
    readonly_fields = ["door"]

    @admin.display(description="现场签到")
    def door(self, obj: Session) -> str:
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">签到页</a>（已报 {} / {} 人，到场 {} 人）',
            reverse("events:door", args=[obj.pk]),
            obj.seats_taken(),
            obj.capacity,
            obj.attendance(),
        )


class EventPhotoInline(admin.TabularInline):
    model = EventPhoto
    extra = 0
    fields = ["image", "alt_text", "order"]


class EventQuestionAnswerInline(admin.StackedInline):
    model = EventQuestionAnswer
    extra = 0
    fields = ["question", "answer", "order"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organiser", "status_label", "published"]
    list_filter = ["kind", "published", "cancelled"]
    search_fields = ["title", "venue"]
    autocomplete_fields = ["documents"]
    inlines = [SessionInline, EventPhotoInline, EventQuestionAnswerInline]

    @admin.display(description="状态")
    def status_label(self, obj: Event) -> str:
        return obj.status_label()

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="organiser")

    def save_model(self, request, obj, form, change):
        services.event_save(event=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is EventPhoto:
            for photo in formset.save(commit=False):
                services.photo_save(photo=photo)
            for photo in formset.deleted_objects:
                photo.delete()
            return
        if formset.model is EventQuestionAnswer:
            for item in formset.save(commit=False):
                services.question_answer_save(item=item)
            for item in formset.deleted_objects:
                item.delete()
            return
        for session in formset.save(commit=False):
            services.session_capacity_change(session=session)
        for session in formset.deleted_objects:
            session.delete()
        formset.save_m2m()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "party_size", "state", "created_at", "checked_in_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in Registration._meta.fields if f.name != "id"]

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="session__event__organiser")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Staff merge duplicates and pick the programme; every change through services."""

    list_display = ["title", "event", "venue", "status", "vote_count", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["title"]
    fields = ["event", "title", "venue", "status", "merged_into"]
    readonly_fields = ["event", "merged_into"]
    actions = ["merge_into_most_voted", "select_for_programme", "hide"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(votes_total=Count("votes"))
        return access.scope(queryset, request.user, field="event__organiser")

    @admin.display(description="票数", ordering="votes_total")
    def vote_count(self, obj: Topic) -> int:
        return obj.votes_total

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.topic_save(topic=obj)

    @admin.action(description="合并所选议题（并入票数最多的一项）", permissions=["change"])
    def merge_into_most_voted(self, request, queryset):
        topics = sorted(queryset, key=lambda t: (-t.votes_total, t.created_at))
        if len(topics) < 2 or len({t.event_id for t in topics}) != 1:
            self.message_user(request, "请选择同一活动的至少两个议题。", level=messages.ERROR)
            return
        target, *duplicates = topics
        for source in duplicates:
            services.topic_merge(source=source, target=target)
        self.message_user(request, f"已将 {len(duplicates)} 个议题并入“{target.title}”。")

    @admin.action(description="列入议程", permissions=["change"])
    def select_for_programme(self, request, queryset):
        for topic in queryset:
            services.topic_set_status(topic=topic, status=TopicStatus.SELECTED)
        self.message_user(request, "已列入议程。")

    @admin.action(description="不予展示", permissions=["change"])
    def hide(self, request, queryset):
        for topic in queryset:
            services.topic_set_status(topic=topic, status=TopicStatus.HIDDEN)
        self.message_user(request, "已隐藏。")


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["text", "kind", "required", "order", "options_link"]
    readonly_fields = ["options_link"]

    @admin.display(description="选项")
    def options_link(self, obj: Question) -> str:
        if not obj.pk or not obj.has_options:
            return "—"
        return format_html(
            '<a href="{}">编辑选项（{} 项）</a>',
            reverse("admin:events_question_change", args=[obj.pk]),
            obj.options.count(),
        )


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    """A questionnaire per event: the questions inline, the options of a choice question on
    the question's own page; every save through services."""

    list_display = ["__str__", "accepting", "closes_at", "response_count"]
    list_filter = ["accepting"]
    autocomplete_fields = ["event"]
    inlines = [QuestionInline]

    @admin.display(description="答卷数")
    def response_count(self, obj: Questionnaire) -> int:
        return obj.responses.count()

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="event__organiser")

    def save_model(self, request, obj, form, change):
        services.questionnaire_save(questionnaire=obj)

    def save_formset(self, request, form, formset, change):
        for question in formset.save(commit=False):
            try:
                services.question_save(question=question)
            except services.QuestionnaireError as error:
                messages.error(request, f"“{question.text}”：{error}")
        for question in formset.deleted_objects:
            if question.answers.exists():
                messages.error(request, f"“{question.text}”已有回答，不能删除。")
            else:
                question.delete()


class QuestionOptionInline(admin.TabularInline):
    model = QuestionOption
    extra = 3
    fields = ["text", "order"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "questionnaire", "kind", "required", "order"]
    list_filter = ["kind"]
    fields = ["questionnaire", "text", "kind", "required", "order"]
    inlines = [QuestionOptionInline]

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="questionnaire__event__organiser")

    def save_model(self, request, obj, form, change):
        services.question_save(question=obj)

    def save_formset(self, request, form, formset, change):
        for option in formset.save(commit=False):
            services.option_save(option=option)
        for option in formset.deleted_objects:
            if option.answers.exists():
                messages.error(request, f"选项“{option.text}”已有人选择，不能删除。")
            else:
                option.delete()


class QuestionnaireAnswerInline(admin.TabularInline):
    model = QuestionnaireAnswer
    extra = 0
    fields = ["question", "option", "rating", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(admin.ModelAdmin):
    """Answer sets, read-only: staff read the free-text answers here (they are never published)."""

    list_display = ["__str__", "questionnaire", "submitted_at"]
    list_filter = ["questionnaire"]
    fields = ["questionnaire", "submitted_at"]
    readonly_fields = fields
    inlines = [QuestionnaireAnswerInline]

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="questionnaire__event__organiser")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
