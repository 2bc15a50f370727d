"""Staff work on messages in the admin: offline messages are entered here; assigning,
transferring, answering, leader review, return visits and publication are buttons on
the message page that call consultations.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from organisations.models import Organisation

from . import permissions, search_sync, services
from .models import DEADLINE_KIND, FAQ, ChannelLimit, Message, MessageEvent, ReturnVisit, WindowQuestion

ACTIONS = {
    "_assign": "分派/转办",
    "_send_answer": "发送答复",
    "_approve": "审核通过并发送",
    "_send_back": "退回修改",
    "_reject": "不予受理",
    "_prepare_publication": "生成选登稿",
    "_publish": "确认选登",
    "_unpublish": "撤下选登",
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
            *["email", "consent_to_publish", "topic", "related_policy", "title", "question", "answer_draft"],
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


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    form = MessageAdminForm
    change_form_template = "consultations/admin/message_change_form.html"
    list_display = [
        "tracking_number",
        "title",
        "channel",
        "status",
        "organisation",
        "received_on",
        "due_date",
        "publication",
        "rating",
        "is_typical_case",
    ]
    list_filter = ["status", "channel", "topic", "publication", "rating", "is_typical_case", "organisation"]
    search_fields = ["tracking_number", "title"]
    date_hierarchy = "received_on"
    inlines = [ReturnVisitInline, MessageEventInline]
    add_fieldsets = [
        ("来源", {"fields": ["channel", "received_on", "organisation", "needs_leader_review"]}),
        (
            "留言人（不公开）",
            {"fields": ["asker_type", "enterprise_name", "asker_name", "phone", "email", "consent_to_publish"]},
        ),
        ("留言", {"fields": ["topic", "related_policy", "title", "question"]}),
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
            readonly += ["answer_draft", "needs_leader_review", "topic", "related_policy", "title", "question"]
        if not permissions.can_handle(request.user, obj):
            readonly += [
                "answer_draft",
                "needs_leader_review",
                "is_typical_case",
                "topic",
                "related_policy",
                "title",
                "question",
            ]
        if not permissions.can_dispatch(request.user):
            readonly += ["public_asker", "public_title", "public_question", "public_answer"]
        return list(dict.fromkeys(readonly))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and not permissions.can_dispatch(request.user) and "assign_to" in form.base_fields:
            form.base_fields["assign_to"].disabled = True
        return form

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).visible_to(request.user).select_related("organisation")

    @admin.display(description="答复期限")
    def deadline_info(self, obj: Message) -> str:
        deadline = self._deadline(obj)
        if deadline is None:
            return "—"
        if deadline.due_date is None:
            return f"{deadline.get_state_display()}（工作日历未确认，到期日待定）"
        return f"{deadline.due_date:%Y-%m-%d} · {deadline.get_state_display()}"

    @admin.display(description="到期日")
    def due_date(self, obj: Message):
        deadline = self._deadline(obj)
        return deadline.due_date if deadline else None

    @staticmethod
    def _deadline(obj: Message):
        try:
            from deadlines import services as deadline_services
        except ImportError:
            return None
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
            super().save_model(request, obj, form, change)
            return
        receipt = services.message_register(message=obj, user=request.user)
        messages.success(
            request,
            f"已登记留言，查询号 {receipt.message.tracking_number}，查询码 {receipt.query_code}"
            "（请告知留言人，查询码不会再次显示）。",
        )

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not ReturnVisit:
            super().save_formset(request, form, formset, change)
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
        action = next((name for name in ACTIONS if name in request.POST), None)
        if action is None:
            return super().response_change(request, obj)
        form_data = request.POST
        try:
            self._run(action, request, obj, form_data)
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        except PermissionError:
            messages.error(request, f"您没有权限执行“{ACTIONS[action]}”。")
        else:
            messages.success(request, f"已完成：{ACTIONS[action]}。")
        return HttpResponseRedirect(reverse("admin:consultations_message_change", args=[obj.pk]))

    def _run(self, action: str, request, obj: Message, data) -> None:
        user = request.user
        obj.refresh_from_db()
        note = data.get("note", "").strip()
        if action == "_assign":
            if not permissions.can_dispatch(user):
                raise PermissionError
            organisation = Organisation.objects.filter(pk=data.get("assign_to") or 0).first()
            if organisation is None:
                raise services.ConsultationError("请先在“分派/转办给”中选择机构。")
            services.message_assign(message=obj, organisation=organisation, user=user, note=note)
        elif action == "_send_answer":
            if not permissions.can_handle(user, obj):
                raise PermissionError
            services.message_send_answer(message=obj, user=user)
        elif action in ("_approve", "_send_back"):
            if not permissions.can_review(user, obj):
                raise PermissionError
            if action == "_approve":
                services.message_approve_answer(message=obj, user=user)
            else:
                services.message_send_back(message=obj, user=user, comment=note)
        elif action == "_reject":
            if not permissions.can_dispatch(user):
                raise PermissionError
            services.message_reject(message=obj, user=user, reason=note)
        else:
            if not permissions.can_dispatch(user):
                raise PermissionError
            service = {
                "_prepare_publication": services.message_prepare_publication,
                "_publish": services.message_publish,
                "_unpublish": services.message_unpublish,
            }[action]
            service(message=obj, user=user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            user = request.user
            context["consultation_actions"] = {
                "assign": permissions.can_dispatch(user)
                and obj.status in (Message.Status.RECEIVED, Message.Status.ASSIGNED),
                "send_answer": permissions.can_handle(user, obj) and obj.status == Message.Status.ASSIGNED,
                "review": permissions.can_review(user, obj),
                "reject": permissions.can_dispatch(user)
                and obj.status in (Message.Status.RECEIVED, Message.Status.ASSIGNED),
                "prepare": permissions.can_dispatch(user) and obj.can_be_published,
                "publish": permissions.can_dispatch(user) and obj.publication == Message.Publication.PENDING,
                "unpublish": permissions.can_dispatch(user) and obj.publication != Message.Publication.NONE,
                "public_url": obj.get_public_url() if obj.publication == Message.Publication.PUBLISHED else "",
            }
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
        if not change:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FAQ)
class FAQAdmin(admin.ModelAdmin):
    list_display = ["question", "topic", "asked_count", "is_published", "updated_at", "public_link"]
    list_filter = ["is_published", "topic"]
    search_fields = ["question", "answer"]
    filter_horizontal = ["related_policies"]

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        search_sync.sync_faq(form.instance)  # after the related policies are saved

    def delete_model(self, request, obj: FAQ) -> None:
        faq_id = obj.pk
        super().delete_model(request, obj)
        search_sync.remove_faq(faq_id)

    def delete_queryset(self, request, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for faq_id in ids:
            search_sync.remove_faq(faq_id)

    @admin.display(description="公开页面")
    def public_link(self, obj: FAQ) -> str:
        return format_html('<a href="{}#faq-{}">查看</a>', reverse("consultations:board"), obj.pk)
