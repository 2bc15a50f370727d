"""Staff work on applications in the admin: applications from the counter, the post, fax
and e-mail are registered here; the disclosure guide is kept here. Every save goes through
applications.services; what a user sees is applications.permissions (scoped querysets, the
applicant's data only within scope)."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone

from . import admin_views, permissions, services
from .models import DEFAULT_GUIDE, PERSONAL_FIELDS, Application, ApplicationEvent, Guide, Review


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phone", "email", "updated_at"]
    fieldsets = [
        ("受理机关", {"fields": ["organ_name", "office_address", "postcode", "office_hours"]}),
        ("联系方式", {"fields": ["phone", "fax", "email"]}),
        ("申请须知", {"fields": ["application_contents", "channels", "procedure", "fees", "remedies"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not Guide.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {**DEFAULT_GUIDE, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj: Guide, form, change: bool) -> None:
        services.guide_save(guide=obj)


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "action", "actor", "comment", "visible_to_applicant"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("actor")  # one query however long the trail


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    fields = ["kind", "filed_on", "decided_on", "result"]
    can_delete = False


_REQUEST = ["description", "information_title", "document_number", "index_number", "provision_form", "delivery"]
_APPLICANT = ["applicant_type", "applicant_category", *(name for name in PERSONAL_FIELDS if name != "identity_scan")]
_RECEIPT = ["channel", "submitted_at", "signed_for_on", "confirmed_on"]
# Set by the workflow's steps, never typed in.
_STEP_FIELDS = ["number", "received_on", "status", "due_on", "extension_days", "outcome", "outcome_reason"]
_REPLY_FIELDS = [
    "correction_due_on",
    "restarted_on",
    "reply_note",
    "reply_document",
    "competent_organ",
    "reply_drafted_by",
    "reply_signed_by",
    "replied_on",
    "letter_text",
    "delivery_method",
    "delivered_on",
    "delivery_tracking_number",
    "third_party",
    "third_party_sent_on",
    "third_party_due_on",
    "third_party_answered_on",
    "third_party_view",
    "public_interest_reason",
    "fee_basis",
    "fee_amount",
    "fee_notice_on",
    "payment_due_on",
    "fee_paid_on",
]


class ApplicationAdminForm(forms.ModelForm):
    transfer_reason = forms.CharField(
        label="转办原因",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="改变承办机构（转办）时必填。",
    )

    class Meta:
        model = Application
        fields = [*_RECEIPT, "organisation", *_APPLICANT, "identity_scan", *_REQUEST]  # narrowed per user

    def clean(self):
        cleaned = super().clean()
        application = self.instance
        if application.pk is None:
            self._check_receipt_date(cleaned)
        if application.pk is None or "organisation" not in self.changed_data:
            return cleaned
        if not application.is_open:
            self.add_error("organisation", "只有办理中的申请才能分办或转办。")
        elif self.initial.get("organisation") and not cleaned.get("transfer_reason", "").strip():
            self.add_error("transfer_reason", "转办请说明原因。")
        return cleaned

    def _check_receipt_date(self, cleaned: dict) -> None:
        """The Art. 31 receipt date can be worked out from what was typed (the service's rule)."""
        if not cleaned.get("channel"):
            return
        probe = Application(
            channel=cleaned["channel"],
            submitted_at=cleaned.get("submitted_at") or timezone.now(),
            signed_for_on=cleaned.get("signed_for_on"),
            confirmed_on=cleaned.get("confirmed_on"),
        )
        try:
            services.application_received_on(probe)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationAdminForm
    change_form_template = "admin/applications/application/change_form.html"
    list_display = ["number", "received_on", "status", "organisation", "due_on", "channel"]
    list_filter = ["status", "channel", "applicant_category", "organisation"]
    search_fields = ["number", "information_title", "document_number"]
    date_hierarchy = "received_on"
    list_select_related = ["organisation"]
    inlines = [ReviewInline, ApplicationEventInline]

    def get_queryset(self, request: HttpRequest):
        return permissions.visible_applications(request.user, super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                ("收到申请", {"fields": [*_RECEIPT, "organisation"]}),
                ("申请人（不公开）", {"fields": [*_APPLICANT, "identity_scan"]}),
                ("所需信息", {"fields": _REQUEST}),
            ]
        may_dispatch = permissions.can(request.user, permissions.DISPATCH, obj)
        personal = permissions.can_see_personal_data(request.user, obj)
        reply_fields = [name for name in _REPLY_FIELDS if personal or name != "letter_text"]  # it names the applicant
        fieldsets = [
            ("登记", {"fields": [*_STEP_FIELDS[:3], *_RECEIPT]}),
            ("办理", {"fields": ["organisation", *(["transfer_reason"] if may_dispatch else []), *_STEP_FIELDS[3:]]}),
            ("补正与答复", {"fields": reply_fields}),
            ("所需信息", {"fields": _REQUEST}),
        ]
        if personal:
            fieldsets.insert(1, ("申请人（不公开）", {"fields": [*_APPLICANT, "identity_scan_status"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = [*_STEP_FIELDS, *_REPLY_FIELDS, "channel", "submitted_at", "identity_scan_status"]
        if not permissions.can(request.user, permissions.DISPATCH, obj):
            readonly += ["organisation"]
        if not permissions.can(request.user, permissions.HANDLE, obj):
            readonly += [*_REQUEST, *_APPLICANT, "signed_for_on", "confirmed_on"]
        return list(dict.fromkeys(readonly))

    @admin.display(description="身份证明扫描件")
    def identity_scan_status(self, obj: Application) -> str:
        # No URL of its own: the panel above links a staff view that records each opening.
        return "已提交（在页面上方“身份证明”中查看，每次查看均有记录）" if obj.identity_scan else "未提交"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and permissions.can(request.user, permissions.REGISTER)

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or permissions.in_scope(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an application is closed and archived, never deleted

    def save_model(self, request, obj: Application, form, change: bool) -> None:
        if not change:
            receipt = services.application_register(application=obj, user=request.user)
            messages.success(
                request,
                f"已登记申请，登记编号 {receipt.application.number}，查询码 {receipt.query_code}"
                "（查询码只显示这一次，请告知申请人）。",
            )
            return
        model_fields = {f.name for f in Application._meta.concrete_fields}
        changed = [name for name in form.changed_data if name in model_fields]
        if "organisation" in changed and obj.organisation is not None:  # the form checked the reason
            services.application_dispatch(
                application=obj,
                organisation=obj.organisation,
                user=request.user,
                reason=form.cleaned_data.get("transfer_reason", ""),
            )
        services.application_edit(application=obj, user=request.user, fields=changed)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Review:
            return super().save_formset(request, form, formset, change)
        for review in formset.save(commit=False):
            services.review_save(review=review, user=request.user)
        formset.save_m2m()

    # --- the workflow panel and "my applications"; the views are applications.admin_views ---

    def get_urls(self) -> list:
        own = [
            path(
                "<int:object_id>/step/<str:key>/",
                self.admin_site.admin_view(partial(admin_views.step, self)),
                name="applications_application_step",
            ),
            path("mine/", admin_views.my_applications, name="applications_application_mine"),
            # --- exchanges (item 25), identity scans ---
            path(
                "<int:object_id>/identity-scan/",
                self.admin_site.admin_view(partial(admin_views.identity_scan, self)),
                name="applications_application_identity_scan",
            ),
            path(
                "<int:object_id>/exchange-file/<int:file_id>/",
                self.admin_site.admin_view(partial(admin_views.exchange_file, self)),
                name="applications_application_exchange_file",
            ),
            # --- end exchanges ---
            # The letter, the files provided and the archive file (applications.letters).
            path(
                "<int:object_id>/letter.<str:fmt>",
                self.admin_site.admin_view(partial(admin_views.letter_download, self)),
                name="applications_application_letter",
            ),
            path(
                "<int:object_id>/archive.pdf",
                self.admin_site.admin_view(partial(admin_views.archive_download, self)),
                name="applications_application_archive_file",
            ),
            path(
                "<int:object_id>/provided/<int:file_id>/",
                self.admin_site.admin_view(partial(admin_views.provided_file_download, self)),
                name="applications_application_provided_file",
            ),
            path(
                "<int:object_id>/provided/<int:file_id>/remove/",
                self.admin_site.admin_view(partial(admin_views.provided_file_remove, self)),
                name="applications_application_provided_file_remove",
            ),
        ]
        return own + super().get_urls()

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        application = self.get_object(request, object_id)
        typed = extra_context.pop("typed", None)
        if application is not None:
            extra_context.update(admin_views.workflow_context(request.user, application, typed))
            extra_context.update(admin_views.exchange_context(request.user, application))  # exchanges (item 25)
        return super().change_view(request, object_id, form_url, extra_context)
