"""The staff side of the document library in Django's admin.

Who may see, edit and move a document is decided by documents.permissions;
every workflow step goes through documents.services.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from organisations import roles
from organisations.models import Organisation
from organisations.names import person_name

from . import admin_views, permissions, services
from .body_text import body_html
from .forms import AttachmentForm, PolicyDocumentAdminForm
from .models import (
    Attachment,
    CatalogTag,
    CatalogueItem,
    DocumentDecision,
    DocumentTransition,
    PolicyDocument,
    TagDimension,
)

PEOPLE = ["drafted_by_name", "reviewed_by_name", "signed_by_name"]
ALWAYS_READONLY = ["index_number", "status", "published_at", *PEOPLE]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    fields = ["file", "kind", "size"]
    readonly_fields = ["kind", "size"]
    extra = 1  # an empty row is always there, so a first upload needs no extra click
    verbose_name_plural = "附件（PDF、Word .docx、Excel .xlsx；按内容检查类型；保存后重新进行隐私扫描）"

    def _editable(self, request: HttpRequest, obj: PolicyDocument | None) -> bool:
        return "body" in permissions.editable_fields(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return obj is None or permissions.can(request.user, permissions.VIEW, obj)


class TransitionInline(admin.TabularInline):
    """The append-only workflow record, read-only."""

    model = DocumentTransition
    fields = ["at", "actor_name", "action", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "流转记录（只能追加，不能修改）"

    @admin.display(description="操作人")
    def actor_name(self, record: DocumentTransition) -> str:
        if record.actor is None:
            return "系统（定时任务）"
        return person_name(record.actor)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return obj is None or permissions.can(request.user, permissions.VIEW, obj)


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    form = PolicyDocumentAdminForm
    inlines = [AttachmentInline, TransitionInline]
    list_display = ["title", "doc_number", "issuing_organisation", "status", "validity", "published_at"]
    list_filter = ["status", "doc_type", "validity", "disclosure_attribute", "issuing_organisation", "organisation"]
    search_fields = ["title", "doc_number", "index_number"]
    list_select_related = ["issuing_organisation"]
    date_hierarchy = "written_date"
    autocomplete_fields = ["replaces"]
    filter_horizontal = ["target_groups"]
    fieldsets = [
        (
            "基本信息",
            {
                "fields": [
                    "title",
                    "doc_number",
                    "issuing_organisation",
                    "organisation",
                    "index_number",
                    "written_date",
                    "doc_type",
                    "topic",
                    "catalogue_item",
                    "summary",
                    "body",
                ]
            },
        ),
        ("标签", {"fields": ["tags"], "description": "标签只能从标签目录中选择。"}),
        (
            "有效性与版本",
            {"fields": ["validity", "effective_date", "expiry_date", "replaces", "interpretation_required"]},
        ),
        (
            "公开属性",
            {
                "fields": list(permissions.DISCLOSURE_FIELDS),
                "description": "起草人提出公开属性，公开审查人审查确认。",
            },
        ),
        (
            "发布与流程",
            {
                "fields": [
                    "scheduled_publish_at",
                    "published_at",
                    "status",
                    *PEOPLE,
                ]
            },
        ),
    ]

    # --- who sees and edits what ---

    def view_on_site(self, obj: PolicyDocument) -> str | None:
        """The public page's link only once the public can see it."""
        return obj.get_absolute_url() if obj.is_public else None

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return permissions.visible_documents(request.user, super().get_queryset(request))

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        if obj is None:
            return super().has_view_permission(request) or super().has_change_permission(request)
        return permissions.can(request.user, permissions.VIEW, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_add(request.user)

    def has_change_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return bool(permissions.editable_fields(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return False  # a document is withdrawn, never deleted: its record must stay

    def get_fieldsets(self, request: HttpRequest, obj: PolicyDocument | None = None) -> list:
        """The body shows as the public page renders it to staff who may not edit it."""
        if "body" in permissions.editable_fields(request.user, obj):
            return self.fieldsets
        return [
            (name, {**options, "fields": ["body_rendered" if f == "body" else f for f in options["fields"]]})
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: PolicyDocument | None = None) -> list[str]:
        editable = set(permissions.editable_fields(request.user, obj))
        every = [name for _, options in self.get_fieldsets(request, obj) for name in options["fields"]]
        return [name for name in every if name in ALWAYS_READONLY or name not in editable]

    @admin.display(description="正文")
    def body_rendered(self, obj: PolicyDocument) -> str:
        if not obj.body:
            return "—"
        return format_html('<div class="document-body-preview">{}</div>', mark_safe(body_html(obj.body)))

    def get_inlines(self, request: HttpRequest, obj: PolicyDocument | None) -> list:
        return self.inlines if obj is not None else [AttachmentInline]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "target_groups":
            # Audiences of targeted disclosure, not the staff role groups (which carry permissions).
            kwargs["queryset"] = Group.objects.filter(permissions__isnull=True).order_by("name")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "target_groups" and field is not None:
            # Instead of Django's "hold down Control" hint, which does not fit the two-box widget.
            field.help_text = (
                "定向公开时，在左侧选中面向的群体，点“选择”箭头移到右侧；只有右侧群体的成员登录后能看到本文件。"
            )
        return field

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "organisation" and not permissions.is_town_wide(request.user):
            own = roles.organisation_of(request.user)
            kwargs["queryset"] = Organisation.objects.filter(pk=own.pk if own else None)
            kwargs["initial"] = own
            kwargs["empty_label"] = None
        if db_field.name == "issuing_organisation":
            kwargs["queryset"] = permissions.issuing_organisations(request.user)
            kwargs["empty_label"] = None if not permissions.is_town_wide(request.user) else "---------"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        own = roles.organisation_of(request.user)
        if own is not None:
            initial.setdefault("organisation", own.pk)
            initial.setdefault("issuing_organisation", own.pk)
        return initial

    # --- people, family name first ---

    @admin.display(description="起草人")
    def drafted_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.created_by) or "—"

    @admin.display(description="公开审查人")
    def reviewed_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.reviewed_by) or "—"

    @admin.display(description="审签人")
    def signed_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.signed_by) or "—"

    # --- saving ---

    def save_model(self, request: HttpRequest, obj: PolicyDocument, form: Any, change: bool) -> None:
        if change:
            services.document_save(document=obj)  # starts, restarts or cancels the Art. 26 deadline
        else:
            services.document_create(document=obj, user=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        scanned = services.document_save_edit(
            document=form.instance,
            user=request.user,
            changed=form.changed_data,
            attachments_changed=any(fs.has_changed() for fs in formsets),
            created=not change,
        )
        if scanned:
            admin_views.report_scan(request, form.instance)

    # --- the workflow panel; its buttons post to documents.admin_views ---

    def get_urls(self) -> list:
        def wired(view):
            return self.admin_site.admin_view(partial(view, self))

        own = [
            path(
                "<int:object_id>/workflow/<str:action>/",
                wired(admin_views.workflow),
                name="documents_policydocument_workflow",
            ),
            path(
                "<int:object_id>/findings/<int:finding_id>/waive/",
                wired(admin_views.waive),
                name="documents_policydocument_waive",
            ),
            path(
                "<int:object_id>/attachments/<int:attachment_id>/",
                wired(admin_views.attachment),
                name="documents_policydocument_attachment",
            ),
        ]
        return own + super().get_urls()

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        document = self.get_object(request, object_id)
        if document is not None:
            extra_context.update(admin_views.workflow_context(request.user, document, extra_context.pop("typed", {})))
        return super().change_view(request, object_id, form_url, extra_context)


# --- catalogues and records ---------------------------------------------------------


@admin.register(TagDimension)
class TagDimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(CatalogTag)
class CatalogTagAdmin(admin.ModelAdmin):
    """The tag catalogue (item 1): the only place a tag can be created."""

    list_display = ["name", "dimension", "slug", "order", "description"]
    list_filter = ["dimension"]
    search_fields = ["name", "slug", "description"]
    fields = ["dimension", "name", "slug", "order", "description"]


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(DocumentDecision)
class DocumentDecisionAdmin(admin.ModelAdmin):
    """Historical review decisions: made on the staff page, shown here read-only."""

    list_display = ["document", "from_attribute", "to_attribute", "decided_by_name", "decided_at", "comment"]
    list_filter = ["to_attribute"]
    search_fields = ["document__title", "document__doc_number", "comment"]
    list_select_related = ["document", "decided_by"]
    readonly_fields = ["document", "from_attribute", "to_attribute", "decided_by_name", "decided_at", "comment"]
    fields = readonly_fields

    @admin.display(description="决定人")
    def decided_by_name(self, decision: DocumentDecision) -> str:
        return person_name(decision.decided_by)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        visible = permissions.visible_documents(request.user)
        return super().get_queryset(request).filter(document__in=visible)
