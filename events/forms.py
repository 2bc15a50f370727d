"""The public registration and code forms: Chinese messages, what was typed is kept, and the
message board's guards (honeypot, signed token with a minimum fill time)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from xujing_portal import form_guard
from xujing_portal.form_guard import TextField

from .models import RATING_SCALE, QuestionKind

TOKEN_SALT = "events.registration-form"
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def min_fill_seconds() -> float:
    return getattr(settings, "EVENTS_MIN_FILL_SECONDS", 3)


def new_form_token() -> str:
    return form_guard.new_form_token(TOKEN_SALT)


class RegistrationForm(forms.Form):
    name = TextField(label="姓名", max_length=50, error_messages={"required": "请填写姓名。"})
    phone = TextField(label="手机号码", max_length=20, error_messages={"required": "请填写手机号码。"})
    email = TextField(
        label="电子邮箱（可选）",
        max_length=254,
        required=False,
        help_text="填写后，报名码、候补转正和前一天的提醒会发送到此邮箱。",
    )
    party_size = forms.IntegerField(
        label="参加人数",
        min_value=1,
        initial=1,
        error_messages={
            "required": "请填写参加人数。",
            "invalid": "参加人数请填写数字。",
            "min_value": "参加人数至少为 1 人。",
        },
    )
    website = TextField(label="网址（请留空）", required=False)
    form_token = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": "页面已失效，请刷新页面后重新提交。"}
    )

    def __init__(self, *args, max_party: int = 3, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_party = max_party
        self.fields["party_size"].max_value = max_party
        self.fields["party_size"].widget.attrs.update(max=max_party)
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="tel")
        self.fields["name"].widget.attrs.update(autocomplete="name")

    def clean_name(self) -> str:
        value = form_guard.clean_text(self.cleaned_data["name"])
        if not value:
            raise ValidationError("请填写姓名。", code="required")
        return value

    def clean_phone(self) -> str:
        value = re.sub(r"[\s\-()（）]", "", form_guard.clean_text(self.cleaned_data["phone"]))
        if value.startswith("+86"):
            value = value[3:]
        if not MOBILE.match(value):
            raise ValidationError("手机号码格式不正确：请填写 11 位手机号码（如 13812345678）。", code="invalid")
        return value

    def clean_email(self) -> str:
        value = form_guard.clean_text(self.cleaned_data["email"])
        if value:
            try:
                forms.EmailField().clean(value)
            except ValidationError:
                raise ValidationError("电子邮箱格式不正确，请检查（例如 name@example.com）。", code="invalid") from None
        return value

    def clean_party_size(self) -> int:
        value = self.cleaned_data["party_size"]
        if value > self.max_party:
            raise ValidationError(f"每次报名最多 {self.max_party} 人。", code="max_value")
        return value

    def clean_website(self) -> str:
        return form_guard.refuse_honeypot(self.cleaned_data["website"])

    def clean_form_token(self) -> str:
        value = self.cleaned_data["form_token"]
        form_guard.read_form_token(value, salt=TOKEN_SALT, min_seconds=min_fill_seconds())
        return value


class CodeForm(forms.Form):
    code = TextField(label="报名码", max_length=20, error_messages={"required": "请输入报名码。"})

    def clean_code(self) -> str:
        return form_guard.clean_text(self.cleaned_data["code"]).upper().replace(" ", "")


TOPIC_SALT = "events.topic-form"


class TopicForm(forms.Form):
    title = TextField(
        label="您希望讲解或讨论的议题",
        max_length=100,
        error_messages={"required": "请填写议题。", "max_length": "议题不能超过 100 个字，请精简。"},
    )
    venue = TextField(
        label="建议的活动地点（可选）",
        max_length=100,
        required=False,
        error_messages={"max_length": "地点不能超过 100 个字。"},
    )
    website = TextField(label="网址（请留空）", required=False)
    form_token = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": "页面已失效，请刷新页面后重新提交。"}
    )

    def clean_title(self) -> str:
        value = form_guard.clean_text(self.cleaned_data["title"])
        if len(value) < 4:
            raise ValidationError("议题太短，请至少写 4 个字，说清楚您关心的问题。", code="min_length")
        return value

    def clean_venue(self) -> str:
        return form_guard.clean_text(self.cleaned_data["venue"])

    def clean_website(self) -> str:
        return form_guard.refuse_honeypot(self.cleaned_data["website"])

    def clean_form_token(self) -> str:
        value = self.cleaned_data["form_token"]
        form_guard.read_form_token(value, salt=TOPIC_SALT, min_seconds=min_fill_seconds())
        return value


class VoteForm(forms.Form):
    website = TextField(required=False)
    form_token = forms.CharField(error_messages={"required": "页面已失效，请刷新页面后重新投票。"})

    def clean_website(self) -> str:
        return form_guard.refuse_honeypot(self.cleaned_data["website"])

    def clean_form_token(self) -> str:
        value = self.cleaned_data["form_token"]
        form_guard.read_form_token(value, salt=TOPIC_SALT, min_seconds=min_fill_seconds())
        return value


QUESTIONNAIRE_SALT = "events.questionnaire-form"


class QuestionnaireForm(forms.Form):
    """The questionnaire with the registration code; one field per question (``q<id>``)."""

    code = TextField(
        label="报名码",
        max_length=20,
        help_text="报名时获得的报名码，用于确认您参加了本次活动；问卷结果不会显示您是谁。",
        error_messages={"required": "请输入报名码。"},
    )
    website = TextField(label="网址（请留空）", required=False)
    form_token = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": "页面已失效，请刷新页面后重新提交。"}
    )

    def __init__(self, *args, questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.prefetch_related("options"))
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def question_fields(self) -> list:
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}

    def clean_code(self) -> str:
        return form_guard.clean_text(self.cleaned_data["code"]).upper().replace(" ", "")

    def clean_website(self) -> str:
        return form_guard.refuse_honeypot(self.cleaned_data["website"])

    def clean_form_token(self) -> str:
        value = self.cleaned_data["form_token"]
        form_guard.read_form_token(value, salt=QUESTIONNAIRE_SALT, min_seconds=min_fill_seconds())
        return value


def _question_field(question) -> forms.Field:
    required = question.required
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        choices = [(str(option.pk), option.text) for option in question.options.all()]
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(
                label=question.text,
                choices=choices,
                required=required,
                widget=forms.RadioSelect,
                error_messages={"required": "请选择一项。", "invalid_choice": "所选的选项无效，请重新选择。"},
            )
        return forms.MultipleChoiceField(
            label=question.text,
            choices=choices,
            required=required,
            widget=forms.CheckboxSelectMultiple,
            help_text="可多选。",
            error_messages={"required": "请至少选择一项。", "invalid_choice": "所选的选项无效，请重新选择。"},
        )
    if question.kind == QuestionKind.RATING:
        return forms.TypedChoiceField(
            label=question.text,
            choices=[(str(score), f"{score} 分") for score in RATING_SCALE],
            coerce=int,
            empty_value=None,
            required=required,
            widget=forms.RadioSelect,
            help_text="1 分最低，5 分最高。",
            error_messages={"required": "请选择 1 到 5 分。", "invalid_choice": "请在 1 到 5 分之间选择。"},
        )
    return TextField(
        label=question.text,
        required=required,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="请勿填写姓名、电话、身份证号等个人信息。文字回答只供主办单位改进工作，不会公开。",
        error_messages={"required": "请填写此项。", "max_length": "请不超过 1000 字。"},
    )
