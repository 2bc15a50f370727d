"""Sign-in and the admin's enterprise-account forms, with Chinese messages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm, UserCreationForm

from .models import EnterpriseAccount


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确，请检查后重新输入（区分大小写）。忘记密码可点击“忘记密码”通过电子邮箱重设。",
        "inactive": "该账号已停用。如需恢复，请联系为您开设账号的工作人员。",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"


class EnterpriseAccountCreationForm(UserCreationForm):
    """A new enterprise account: username, contact, password (set by the form), audiences."""

    class Meta(UserCreationForm.Meta):
        model = EnterpriseAccount
        fields = ("username", "last_name", "first_name", "email", "groups")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].required = True
            self.fields["email"].help_text = "用于找回密码：账号持有人可在门户的“忘记密码”页面凭此邮箱重设密码。"

    def clean_username(self) -> str | None:
        """Usernames differing only in case are refused against every account, staff included."""
        username = self.cleaned_data.get("username")
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            self.add_error("username", "该用户名已被使用，请换一个。")
            return None
        return username


class EnterpriseAccountChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = EnterpriseAccount
        fields = ("username", "password", "last_name", "first_name", "email", "is_active", "groups")
