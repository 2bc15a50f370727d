"""Password rules with Chinese messages where Django's translation falls short."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule; its zh-hans catalogue misses the 5.2 wording of the error, which would show in English."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符，请换一个更长的密码。"
