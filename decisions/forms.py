from __future__ import annotations

import re

from django import forms
from django.core.validators import RegexValidator

from .models import DraftArticle, Opinion, RepresentativeApplication, RepresentativeCall

MAX_OPINION_CHARS = 5000
SCRIPTED = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|svg|img)\b|javascript\s*:|on\w+\s*=", re.IGNORECASE)
PHONE = RegexValidator(r"^[0-9+\-() ]{7,20}$", "请填写有效的电话号码，例如 021-59761234 或 13800138000。")


def _plain_text(value: str, label: str) -> str:
    value = value.replace("\x00", "").strip()
    if SCRIPTED.search(value):
        raise forms.ValidationError(
            f"{label}中含有网页代码（如 <script>），出于安全考虑不能提交：请删去这些代码，以纯文字填写。",
            code="scripted",
        )
    return value


class OpinionForm(forms.Form):
    article = forms.ModelChoiceField(
        label="针对条文（可选）",
        queryset=DraftArticle.objects.none(),
        required=False,
        empty_label="对整个征求意见稿提意见",
        error_messages={"invalid_choice": "所选条文不存在，请从列表中重新选择。"},
    )
    body = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": MAX_OPINION_CHARS}),
        error_messages={"required": "请填写意见内容。"},
    )
    submitter_type = forms.ChoiceField(
        label="您的身份",
        choices=Opinion.SubmitterType.choices,
        initial=Opinion.SubmitterType.CITIZEN,
        error_messages={"invalid_choice": "请从列表中选择您的身份。"},
    )
    author_name = forms.CharField(
        label="姓名或单位名称（可选，不公开）",
        max_length=100,
        required=False,
        error_messages={"max_length": "姓名或单位名称最多 100 个字。"},
    )
    contact_email = forms.EmailField(
        label="电子邮箱（可选，不公开）",
        required=False,
        help_text="留下邮箱，意见采纳情况公开时我们会通知您。",
        error_messages={"invalid": "电子邮箱格式不正确，例如 name@example.com；也可以不填。"},
    )
    contact_phone = forms.CharField(
        label="联系电话（可选，不公开）",
        max_length=20,
        required=False,
        validators=[PHONE],
        error_messages={"max_length": "电话号码最多 20 位。"},
    )

    def __init__(self, *args, decision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = decision.articles.all()
        self.fields["article"].label_from_instance = lambda a: str(a)
        if not decision.articles.exists():
            del self.fields["article"]

    def clean_body(self) -> str:
        body = _plain_text(self.cleaned_data["body"], "意见内容")
        if not body:
            raise forms.ValidationError("请填写意见内容。", code="required")
        if len(body) > MAX_OPINION_CHARS:
            raise forms.ValidationError(
                f"意见内容最多 {MAX_OPINION_CHARS} 字，您填写了 {len(body)} 字：请精简后再提交，或分几条提交。",
                code="max_length",
            )
        return body

    def clean_author_name(self) -> str:
        return _plain_text(self.cleaned_data["author_name"], "姓名或单位名称")


class RepresentativeApplicationForm(forms.ModelForm):
    class Meta:
        model = RepresentativeApplication
        fields = ["kind", "name", "contact_phone", "contact_email", "statement", "consent_to_publish_name"]
        labels = {"contact_phone": "联系电话（不公开）", "contact_email": "电子邮箱（可选，不公开）"}
        widgets = {"statement": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}
        error_messages = {
            "name": {"required": "请填写姓名。"},
            "contact_phone": {"required": "请填写联系电话，以便工作人员与您联系。"},
            "statement": {"required": "请简要介绍自己并说明参加理由。"},
            "kind": {"required": "请选择代表类型。", "invalid_choice": "请从列表中选择代表类型。"},
            "contact_email": {"invalid": "电子邮箱格式不正确，例如 name@example.com；也可以不填。"},
        }

    def __init__(self, *args, call: RepresentativeCall, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["contact_phone"].validators.append(PHONE)

    def clean_statement(self) -> str:
        value = _plain_text(self.cleaned_data["statement"], "个人简介")
        if len(value) > 2000:
            raise forms.ValidationError(f"个人简介最多 2000 字，您填写了 {len(value)} 字。", code="max_length")
        return value

    def clean_name(self) -> str:
        return _plain_text(self.cleaned_data["name"], "姓名")


class StageCommentForm(forms.Form):
    """The comment that goes with "推进到下一阶段" into the stage record."""

    comment = forms.CharField(
        label="说明",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        error_messages={"max_length": "说明最多 500 字，您填写了 %(show_value)d 字：请精简后再提交。"},
    )

    def clean_comment(self) -> str:
        return self.cleaned_data["comment"].replace("\x00", "").strip()
