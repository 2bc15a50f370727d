"""Guards of a public form anyone may post without an account: text without NUL bytes, a
honeypot field, a signed token (the nonce stops double submissions, the time shown refuses
forms filled faster than a person can) and per-address rate limits (django-ratelimit on
the shared cache). The message board's mechanism, for the apps that came after it."""

from __future__ import annotations

import secrets
import time

from django import forms
from django.core import signing
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

TOKEN_MAX_AGE = 4 * 3600


def clean_text(value: str | None) -> str:
    """What was typed, without NUL bytes (PostgreSQL cannot store them) and surrounding spaces."""
    return (value or "").replace("\x00", "").strip()


class TextField(forms.CharField):
    """A text field whose NUL bytes are dropped before any check (PostgreSQL cannot store
    them): what was typed is kept, and the length is checked on what will be stored."""

    def to_python(self, value):
        return super().to_python(value.replace("\x00", "") if isinstance(value, str) else value)


def new_form_token(salt: str) -> str:
    return signing.dumps({"n": secrets.token_hex(16), "t": time.time()}, salt=salt)


def read_form_token(value: str, *, salt: str, min_seconds: float, max_age: int = TOKEN_MAX_AGE) -> str:
    """The token's nonce; a ValidationError (Chinese, with a code) for an expired, forged
    or too fast submission."""
    try:
        data = signing.loads(value, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise forms.ValidationError("页面停留时间过长，请检查内容后再次提交。", code="expired") from None
    except signing.BadSignature:
        raise forms.ValidationError("页面已失效，请检查内容后再次提交。", code="bad_token") from None
    if time.time() - float(data["t"]) < min_seconds:
        raise forms.ValidationError("提交过快，请核对填写的内容后再次提交。", code="too_fast")
    return str(data["n"])


def refuse_honeypot(value: str) -> str:
    """A field people never see: only a bot fills it."""
    if value:
        raise forms.ValidationError("提交未通过校验，请刷新页面后重新填写。", code="honeypot")
    return ""


def with_fresh_token(form: forms.Form, salt: str, field: str = "form_token") -> forms.Form:
    """The bound form (what was typed, its errors) with a new token when the old one was
    refused; a valid token is kept, so a corrected resubmission is the same submission."""
    if field in form.errors or not form.data.get(field):
        data = form.data.copy()
        data[field] = new_form_token(salt)
        form.data = data
    return form


def rate_limited(request: HttpRequest, group: str, rate: str, key: str = "ip") -> bool:
    """Count this POST against the limit, per address by default."""
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
