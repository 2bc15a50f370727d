"""Staff work on messages in the admin: offline messages are entered here; assigning,
transferring, answering, leader review and publication are buttons on the message page,
whose views (consultations.admin_views) call consultations.services. Every save here
goes through a service too."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, F, When
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html

from deadlines import services as deadline_services
from organisations.models import Organisation

from . import admin_views, permissions, services
from .models import DEADLINE_KIND, FAQ, ChannelLimit, Message, MessageEvent, ReturnVisit, WindowQuestion

# The step views' addresses under /admin/consultations/message/<id>/ (the answer has its preview).
STEP_PATHS = {
    permissions.ASSIGN: "assign",
    permissions.SEND_BACK: "send-back",
    permissions.REJECT: "reject",
    permissions.PREPARE_PUBLICATION: "prepare-publication",
    permissions.PUBLISH: "publish",
    permissions.UNPUBLISH: "unpublish",
}


class MessageAdminForm(forms.ModelForm):
    assign_to = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, label="分派/转办给", help_text="选择机构后点击“分派/转办”。"
    )
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="转办原因、退回修改意见或不予受理理由。",
    )

    class Meta:
        model = Message
        fields = [  # the admin narrows these further per state and role (get_readonly_fields)
            *["channel", "received_on", "organisation", "asker_type", "enterprise_name", "asker_name", "phone"],
            *["email", "consent_to_publish", "everyday_topic", "topic", "related_policy", "title", "question"],
            "answer_draft",
            *["needs_leader_review", "is_typical_case", "public_asker", "public_title", "public_question"],
            "public_answer",
        ]


class ReturnVisitInline(admin.TabularInline):
    model = ReturnVisit
    extra = 0
    fields = ["visited_on", "method", "result", "note", "staff"]
    readonly_fields = ["staff"]

    def has_add_permission(self, request, obj=None) -> bool:
        return bool(obj and obj.is_answered and super().has_add_permission(request, obj))

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MessageEventInline(admin.TabularInline):
    model = MessageEvent
    extra = 0
    fields = ["at", "action", "user", "organisation", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DeadlineFilter(admin.SimpleListFilter):
    title = "答复期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已逾期"), ("due_soon", "即将到期"), ("open", "未办结")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "due_soon":
            return queryset.due_soon()
        if self.value() == "open":
            return queryset.open()
        return queryset


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    form = MessageAdminForm
    change_form_template = "consultations/admin/message_change_form.html"
    change_list_template = "consultations/admin/message_change_list.html"
    # Seven short columns, so that a 1280 px screen shows every one with the title on one or two lines.
    list_display = [
        "summary",
        "status",
        "organisation_short",
        "due_column",
        "publication",
        "rating",
        "typical_case",
    ]
    list_display_links = ["summary"]
    list_filter = [
        DeadlineFilter,
        "status",
        "channel",
        "organisation",
        "publication",
        "rating",
        "is_typical_case",
        "everyday_topic",
        "topic",
    ]
    search_fields = ["tracking_number", "title"]
    date_hierarchy = "received_on"
    raw_id_fields = ["related_policy"]  # a select of every document would not scale
    inlines = [ReturnVisitInline, MessageEventInline]

    class Media:
        css = {"all": ["css/consultations-admin.css"]}

    add_fieldsets = [
        ("来源", {"fields": ["channel", "received_on", "organisation", "needs_leader_review"]}),
        (
            "留言人（不公开）",
            {"fields": ["asker_type", "enterprise_name", "asker_name", "phone", "email", "consent_to_publish"]},
        ),
        ("留言", {"fields": ["everyday_topic", "topic", "related_policy", "title", "question"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        return [
            (
                "留言",
                {
                    "fields": [
                        "tracking_number",
                        "channel",
                        "received_on",
                        "everyday_topic",
                        "topic",
                        "related_policy",
                        "title",
                        "question",
                        "consent_to_publish",
                    ]
                },
            ),
            (
                "留言人（不公开）",
                {"fields": ["asker_type", "enterprise_name", "asker_name", "phone", "email"], "classes": ["collapse"]},
            ),
            (
                "办理",
                {
                    "fields": [
                        "status",
                        "organisation",
                        "deadline_info",
                        "assign_to",
                        "note",
                        "needs_leader_review",
                        "answer_draft",
                        "answer",
                        "answered_on",
                        "reviewed_by",
                    ]
                },
            ),
            ("评价与回访", {"fields": ["rating", "rating_comment", "is_typical_case"]}),
            (
                "留言选登（核对后确认）",
                {"fields": ["publication", "public_asker", "public_title", "public_question", "public_answer"]},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = [
            "tracking_number",
            "channel",
            "received_on",
            "asker_type",
            "enterprise_name",
            "asker_name",
            "phone",
            "email",
            "consent_to_publish",
            "status",
            "organisation",
            "deadline_info",
            "answer",
            "answered_on",
            "reviewed_by",
            "rating",
            "rating_comment",
            "publication",
        ]
        if obj.status in (Message.Status.ANSWERED, Message.Status.REJECTED, Message.Status.IN_REVIEW):
            readonly += ["answer_draft", "needs_leader_review", "everyday_topic", "topic", "related_policy"]
            readonly += ["title", "question"]
        if not permissions.can_handle(request.user, obj):
            readonly += [
                "answer_draft",
                "needs_leader_review",
                "is_typical_case",
                "everyday_topic",
                "topic",
                "related_policy",
                "title",
                "question",
            ]
        if not permissions.can_dispatch(request.user) or obj.publication == Message.Publication.PUBLISHED:
            # A published copy is what the privacy check passed: to change it, take it down first.
            readonly += ["public_asker", "public_title", "public_question", "public_answer"]
        return list(dict.fromkeys(readonly))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and not permissions.can_dispatch(request.user) and "assign_to" in form.base_fields:
            form.base_fields["assign_to"].disabled = True
        return form

    def get_queryset(self, request: HttpRequest):
        # Annotated before ordering: the default order uses the deadline annotations.
        qs = Message.objects.visible_to(request.user).with_deadline().select_related("organisation")
        return qs.order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        """Overdue first, then the open ones by due date, then the closed ones, newest first."""
        open_by_due = Case(When(is_open=1, then=F("answer_due")))
        return ["-is_overdue", "-is_open", open_by_due.asc(nulls_last=True), "-received_on", "-id"]

    def changelist_view(self, request, extra_context=None):
        visible = Message.objects.visible_to(request.user)
        extra_context = {
            **(extra_context or {}),
            "quick_views": [
                ("已逾期", "deadline=overdue", visible.overdue().count(), "overdue"),
                ("即将到期", "deadline=due_soon", visible.due_soon().count(), "due-soon"),
                ("待分派", "status__exact=received", visible.filter(status=Message.Status.RECEIVED).count(), ""),
                ("待领导审核", "status__exact=in_review", visible.filter(status=Message.Status.IN_REVIEW).count(), ""),
                ("未办结", "deadline=open", visible.open().count(), ""),
            ],
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="留言", ordering="received_on")
    def summary(self, obj: Message) -> str:
        return format_html(
            '<span class="cf-admin-title">{}</span><span class="cf-admin-sub">{} · {} · {}</span>',
            obj.title,
            obj.tracking_number,
            obj.get_channel_display(),
            f"{obj.received_on:%Y-%m-%d}",
        )

    @admin.display(description="承办机构", ordering="organisation__name")
    def organisation_short(self, obj: Message) -> str:
        if obj.organisation is None:
            return "未分派"
        name = obj.organisation.short_name or obj.organisation.name
        return format_html('<span title="{}">{}</span>', obj.organisation.name, name)

    @admin.display(description="典型案例", ordering="-is_typical_case")
    def typical_case(self, obj: Message) -> str:
        return format_html('<span class="cf-typical">{}</span>', "典型案例") if obj.is_typical_case else ""

    @admin.display(description="到期日", ordering="answer_due")
    def due_column(self, obj: Message) -> str:
        due = getattr(obj, "answer_due", None)
        if due is None:
            return "待定" if getattr(obj, "is_open", 0) else "—"
        if getattr(obj, "is_overdue", 0):
            return format_html('<span class="cf-overdue">{} <strong>已逾期</strong></span>', f"{due:%Y-%m-%d}")
        if getattr(obj, "is_due_soon", 0):
            return format_html('<span class="cf-due-soon">{} <strong>即将到期</strong></span>', f"{due:%Y-%m-%d}")
        return f"{due:%Y-%m-%d}"

    @admin.display(description="答复期限")
    def deadline_info(self, obj: Message) -> str:
        deadline = self._deadline(obj)
        if deadline is None:
            return "—"
        if deadline.due_date is None:
            return f"{deadline.get_state_display()}（工作日历未确认，到期日待定）"
        return f"{deadline.due_date:%Y-%m-%d} · {deadline.get_state_display()}"

    @staticmethod
    def _deadline(obj: Message):
        return deadline_services.deadline_for(obj, DEADLINE_KIND)

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        return (
            permissions.can_handle(request.user, obj)
            or permissions.can_dispatch(request.user)
            or permissions.can_review(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def save_model(self, request, obj: Message, form, change: bool) -> None:
        if change:
            services.message_edit(message=obj, user=request.user, fields=form.changed_data)
            return
        receipt = services.message_register(message=obj, user=request.user)
        sent = "回执已同时发送到留言人的电子邮箱；" if obj.email else ""
        messages.success(
            request,
            f"已登记留言，查询号 {receipt.message.tracking_number}，查询码 {receipt.query_code}"
            f"（{sent}请告知留言人，查询码不会再次显示）。",
        )

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not ReturnVisit:
            super().save_formset(request, form, formset, change)  # the event log: read-only, nothing to save
            return
        # New visits go through the service (event log, checks); the admin's history needs the lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for visit_form in formset.forms:
            if visit_form.has_changed() and visit_form.instance.pk is None and visit_form.is_valid():
                data = visit_form.cleaned_data
                visit = services.return_visit_record(
                    message=form.instance,
                    user=request.user,
                    method=data["method"],
                    result=data["result"],
                    note=data.get("note", ""),
                )
                formset.new_objects.append(visit)

    def response_change(self, request, obj: Message):
        """A workflow button saves the page first (above), then takes its step."""
        step = admin_views.pressed(request)
        if step is None:
            return super().response_change(request, obj)
        return admin_views.message_step(request, obj.pk, model_admin=self, step=step)

    def get_urls(self):
        def view(function, **kwargs):
            return self.admin_site.admin_view(partial(function, model_admin=self, **kwargs))

        steps = [
            path(
                f"<int:pk>/{address}/", view(admin_views.message_step, step=step), name=f"consultations_message_{step}"
            )
            for step, address in STEP_PATHS.items()
        ]
        answer = [
            path(
                "<int:pk>/answer-preview/",
                view(admin_views.answer_preview),
                name="consultations_message_answer_preview",
            ),
            path(
                "<int:pk>/answer-confirm/",
                view(admin_views.answer_confirm),
                name="consultations_message_answer_confirm",
            ),
        ]
        return steps + answer + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["consultation_actions"] = admin_views.buttons(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(ChannelLimit)
class ChannelLimitAdmin(admin.ModelAdmin):
    list_display = ["channel", "answer_working_days", "remind_before", "leader_review"]


@admin.register(WindowQuestion)
class WindowQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "topic", "times", "asked_on", "organisation"]
    list_filter = ["topic", "organisation"]
    search_fields = ["question"]
    date_hierarchy = "asked_on"
    exclude = ["logged_by"]

    def save_model(self, request, obj: WindowQuestion, form, change: bool) -> None:
        services.window_question_save(question=obj, user=request.user)


@admin.register(FAQ)
class FAQAdmin(admin.ModelAdmin):
    list_display = ["question", "topic", "asked_count", "is_published", "updated_at", "public_link"]
    list_filter = ["is_published", "topic"]
    search_fields = ["question", "answer"]
    filter_horizontal = ["related_policies"]

    def save_model(self, request, obj: FAQ, form, change: bool) -> None:
        pass  # saved with its related policies, and indexed, by one service call (save_related)

    def save_related(self, request, form, formsets, change: bool) -> None:
        services.faq_save(faq=form.instance, related_policies=form.cleaned_data["related_policies"])
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj: FAQ) -> None:
        services.faq_delete(faqs=FAQ.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset) -> None:
        services.faq_delete(faqs=queryset)

    @admin.display(description="公开页面")
    def public_link(self, obj: FAQ) -> str:
        return format_html('<a href="{}#faq-{}">查看</a>', reverse("consultations:board"), obj.pk)
