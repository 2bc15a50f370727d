"""Staff accounts in the admin, in place of django.contrib.auth's page.

The rules are organisations.permissions: an administrator never changes a superuser,
gives only groups whose permissions it holds (the ones an account already has stay
on the form), never sets the superuser flag or single permissions, cannot redirect the
e-mail of an account more capable than itself, and sets no one else's password: it
sends a link instead (action "发送设置密码邮件"; a new account gets one by itself).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from . import permissions, services

PASSWORD_HELP = (
    "密码以加密形式保存，任何人都看不到。管理员不能替他人设置密码：请在列表中选中账号，执行“发送设置密码邮件”。"
)


class PasswordByLinkMixin:
    """The admin's "change password" form only for superusers and the account's owner."""

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = ""):
        target = self.get_object(request, id)
        if target is not None and not permissions.may_set_password(request.user, target):
            raise PermissionDenied("不能替他人设置密码：请使用“发送设置密码邮件”，由本人通过邮件中的链接设置。")
        return super().user_change_password(request, id, form_url)

    @admin.action(description="发送设置密码邮件（由本人设置新密码）", permissions=["change"])
    def send_password_link(self, request: HttpRequest, queryset) -> None:
        sent, skipped = 0, []
        for user in queryset:
            if permissions.may_manage_user(request.user, user) and services.password_link_send(user=user):
                sent += 1
            else:
                skipped.append(user.get_username())
        if sent:
            messages.success(request, f"已向 {sent} 个账号的邮箱发送设置密码链接。")
        if skipped:
            messages.warning(request, f"未发送：{'、'.join(skipped)}（没有邮箱，或您无权管理该账号）。")


class StaffAccountCreationForm(forms.ModelForm):
    """For those who may not type a password: the owner sets it through the e-mailed link."""

    class Meta:
        model = User
        fields = ["username", "last_name", "first_name", "email", "is_staff"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "账号开通后，设置密码的链接将发送到这个邮箱。"
        self.fields["is_staff"].initial = True


class StaffUserAdmin(PasswordByLinkMixin, UserAdmin):
    actions = ["send_password_link"]
    list_display = ("username", "last_name", "first_name", "email", "is_staff", "is_superuser", "is_active")

    def _manages_all(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    # --- what may be opened and changed -------------------------------------------------

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or permissions.may_manage_user(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    # --- the forms ----------------------------------------------------------------------

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None):
        if obj is None and not self._manages_all(request):
            return ((None, {"fields": ("username", "last_name", "first_name", "email", "is_staff")}),)
        fieldsets = super().get_fieldsets(request, obj)
        if self._manages_all(request):
            return fieldsets
        # No single permissions for anyone but a superuser: roles are groups.
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "user_permissions")})
            for name, options in fieldsets
        ]

    def get_form(self, request: HttpRequest, obj: User | None = None, **kwargs: Any):
        if obj is None and not self._manages_all(request):
            kwargs["form"] = StaffAccountCreationForm
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        form = super().get_form(request, obj, **kwargs)
        if not self._manages_all(request):
            if "password" in form.base_fields:
                form.base_fields["password"].help_text = PASSWORD_HELP
            if "groups" in form.base_fields:
                # What the requester may give, plus what the account has (which may be taken away).
                current = obj.groups.values_list("pk", flat=True) if obj is not None else []
                grantable = permissions.grantable_groups(request.user).values_list("pk", flat=True)
                field = form.base_fields["groups"]
                field.queryset = field.queryset.model.objects.filter(pk__in=[*grantable, *current]).order_by("name")
                field.help_text = "只能授予您本人拥有全部权限的组；其他角色（如起草人）请联系超级管理员授予。"
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._manages_all(request):
            readonly += ["is_superuser", "last_login", "date_joined"]
            if obj is not None and not permissions.may_change_address(request.user, obj):
                readonly.append("email")
        return readonly

    # --- saving ---------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not self._manages_all(request):
            obj.is_superuser = User.objects.filter(pk=obj.pk, is_superuser=True).exists() if change else False
        if not change and not self._manages_all(request):
            services.staff_account_create(account=obj)
            messages.info(request, f"设置密码的链接已发送到 {obj.email}。")
            return
        super().save_model(request, obj, form, change)


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
