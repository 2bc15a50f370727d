"""Enterprise accounts in the admin: staff open them and put them in audience groups.

Only accounts that are neither staff nor superusers are listed or editable here, and
nothing on these pages can make one staff or superuser: staff accounts and their roles
are managed elsewhere.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from organisations.user_admin import PasswordByLinkMixin

from . import services
from .forms import EnterpriseAccountChangeForm, EnterpriseAccountCreationForm
from .models import EnterpriseAccount
from .selectors import audience_groups
from .templatetags.accounts import display_name

AUDIENCES_HELP = "勾选后，该账号登录门户即可阅读定向公开给这些对象的文件。定向公开对象由超级管理员在“组”中设立。"


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(PasswordByLinkMixin, UserAdmin):
    """An account's later password changes are its owner's: staff send the link."""

    actions = ["send_password_link"]
    form = EnterpriseAccountChangeForm
    add_form = EnterpriseAccountCreationForm
    add_form_template = "accounts/admin_add_form.html"
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("联系人", {"fields": ("last_name", "first_name", "email")}),
        ("定向公开对象", {"fields": ("groups",)}),
        ("状态", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        ("联系人", {"fields": ("last_name", "first_name", "email")}),
        ("定向公开对象", {"fields": ("groups",)}),
    )
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "name", "email", "audiences", "is_active", "last_login"]
    list_filter = ["is_active", ("groups", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    filter_horizontal = ()

    @admin.display(description="联系人")
    def name(self, account: EnterpriseAccount) -> str:
        return display_name(account) if account.last_name or account.first_name else "—"

    @admin.display(description="定向公开对象")
    def audiences(self, account: EnterpriseAccount) -> str:
        return "、".join(group.name for group in account.groups.all()) or "—"

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["queryset"] = audience_groups()
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["label"] = "定向公开对象"
            kwargs["help_text"] = AUDIENCES_HELP
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: EnterpriseAccount | None = None) -> bool:
        return False  # an account that signed in keeps its record; 停用 (is_active) instead

    def save_model(self, request: HttpRequest, obj: EnterpriseAccount, form: Any, change: bool) -> None:
        services.enterprise_account_save(account=obj, groups=form.cleaned_data.get("groups", []))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service set the groups; the form has no other relation to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
