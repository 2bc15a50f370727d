"""The partner's acknowledgement form and the staff's no-relay form: Chinese messages,
what was typed is kept."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from xujing_portal.form_guard import TextField

from .models import Channel

MAX_ENTERPRISES = 100_000


class AcknowledgementForm(forms.Form):
    enterprises_reached = forms.IntegerField(
        label="覆盖企业数",
        min_value=0,
        max_value=MAX_ENTERPRISES,
        help_text="这次转发大约送达了多少家企业（填数字）。",
        error_messages={
            "required": "请填写覆盖企业数。",
            "invalid": "覆盖企业数请填写整数，例如 35。",
            "min_value": "覆盖企业数不能为负数。",
            "max_value": f"覆盖企业数不能超过 {MAX_ENTERPRISES}，请核对。",
        },
    )
    channel = forms.ChoiceField(
        label="转发渠道",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择转发渠道。", "invalid_choice": "请从列出的渠道中选择一项。"},
    )
    relayed_on = forms.DateField(
        label="转发日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        error_messages={"required": "请填写转发日期。", "invalid": "转发日期格式不正确，请按 2026-03-05 的格式填写。"},
    )

    def __init__(self, *args, sent_on: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sent_on = sent_on
        self.fields["enterprises_reached"].widget.attrs.update(inputmode="numeric")

    def clean_relayed_on(self) -> dt.date:
        value = self.cleaned_data["relayed_on"]
        if value > timezone.localdate():
            raise ValidationError("转发日期不能晚于今天。", code="future")
        if value < self.sent_on:
            raise ValidationError(
                f"转发日期不能早于接力包发送日期（{self.sent_on:%Y年%m月%d日}）。", code="before_sent"
            )
        return value


class NoRelayForm(forms.Form):
    reason = TextField(
        label="无需接力的理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写无需接力的理由（例如：仅涉及镇内部管理，不涉及企业）。"},
    )
