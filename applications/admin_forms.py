"""The small forms of the workflow panel's buttons on an application's admin page
(applications.admin_views). Each says what its step asks; the service decides the rest."""

from __future__ import annotations

from django import forms

from documents.models import PolicyDocument

from . import clock
from .models import Outcome, OutcomeReason

_ROWS = {"rows": 3}


class CommentForm(forms.Form):
    comment = forms.CharField(label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs=_ROWS))


class CorrectionRequestForm(forms.Form):
    items = forms.CharField(
        label="需要补正的事项（逐项列出，一次性告知）", max_length=4000, widget=forms.Textarea(attrs=_ROWS)
    )
    days = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, initial=clock.CORRECTION_PERIOD_WORKING_DAYS
    )


class CorrectionReceivedForm(forms.Form):
    on = forms.DateField(label="收到补正的日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs=_ROWS))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长（工作日，1-20）", min_value=1, max_value=clock.MAX_EXTENSION_WORKING_DAYS)
    reason = forms.CharField(
        label="延期理由（必填，将告知申请人）", max_length=2000, widget=forms.Textarea(attrs=_ROWS)
    )


class ReplyDraftForm(forms.Form):
    outcome = forms.ChoiceField(label="答复结果", choices=Outcome.choices)
    outcome_reason = forms.ChoiceField(
        label="答复理由（予以公开、部分公开不选）", required=False, choices=[("", "—")] + OutcomeReason.choices
    )
    note = forms.CharField(label="答复说明", required=False, max_length=4000, widget=forms.Textarea(attrs=_ROWS))
    reply_document = forms.ModelChoiceField(
        label="已主动公开的文件（可选）", required=False, queryset=PolicyDocument.objects.none()
    )
    competent_organ = forms.CharField(
        label="负责公开的行政机关（本机关不掌握、能够确定时）", required=False, max_length=200
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply_document"].queryset = PolicyDocument.objects.public().order_by("-published_at")
