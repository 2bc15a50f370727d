"""Writes to staff accounts, called by the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_link_send(*, user: AbstractBaseUser, new_account: bool = False) -> bool:
    """E-mail the account's owner a one-time link to set a password (after commit).

    Sent directly, not through the outbox: the link signs its holder in, and the
    outbox is readable by administrators. False if the account has no address."""
    if not user.email:
        return False
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])
    what = "您的徐泾镇政务公开门户账号已开通" if new_account else "管理员为您的徐泾镇政务公开门户账号发起了密码重置"
    body = (
        f"{user.get_username()}，您好：\n\n{what}。请在 3 天内打开下面的链接设置密码：\n{link}\n\n"
        "链接只能使用一次。如非本人预期，请忽略本邮件并联系管理员。"
    )
    transaction.on_commit(
        lambda: send_mail("设置门户账号密码", body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
    )
    return True


@transaction.atomic
def staff_account_create(*, account: AbstractBaseUser) -> AbstractBaseUser:
    """A new account made by someone who may not type its password: it gets no usable
    password, and its owner receives the link to set one."""
    account.set_unusable_password()
    account.is_superuser = False
    account.full_clean(exclude=["password"])
    account.save()
    password_link_send(user=account, new_account=True)
    return account
