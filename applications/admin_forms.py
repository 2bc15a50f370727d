"""The small forms of the workflow panel's buttons on an application's admin page
(applications.admin_views). Each says what its step asks; the service decides the rest."""

from __future__ import annotations

from django import forms

from documents import attachments
from documents.models import PolicyDocument
from xujing_portal.form_guard import TextField

from . import clock
from .models import DeliveryMethod, FeeBasis, Outcome, OutcomeReason, ThirdPartyView

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
    public_interest_reason = forms.CharField(
        label="公共利益理由（第三方不同意公开而决定公开时必填）",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=_ROWS),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply_document"].queryset = PolicyDocument.objects.public().order_by("-published_at")


_DATE = forms.DateInput(attrs={"type": "date"})


class ThirdPartyConsultationForm(forms.Form):
    party = forms.CharField(label="征求意见的第三方", max_length=200)
    letter = forms.CharField(label="征求意见书（内容或摘要）", max_length=4000, widget=forms.Textarea(attrs=_ROWS))
    on = forms.DateField(label="发出征求意见书的日期", widget=_DATE)


class ThirdPartyAnswerForm(forms.Form):
    view = forms.ChoiceField(label="第三方意见", choices=ThirdPartyView.choices)
    on = forms.DateField(label="收到意见的日期（逾期未答复：登记之日）", widget=_DATE)
    note = forms.CharField(label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs=_ROWS))


class FeeNoticeForm(forms.Form):
    basis = forms.ChoiceField(label="计收方式（只能选一种）", choices=FeeBasis.choices)
    # 按件计收 counts the applicant's applications of the month itself (services.count_basis).
    pages = forms.IntegerField(label="按量计收：页数", required=False, min_value=0)
    on = forms.DateField(label="收费通知日期", widget=_DATE)


class FeePaidForm(forms.Form):
    on = forms.DateField(label="缴费日期", widget=_DATE)


# --- Exchanges (item 25) and Art. 35 ---------------------------------------------------


class MessageForm(forms.Form):
    text = TextField(
        label="留言内容（申请人在查询页面可见，并可回复）", max_length=5000, widget=forms.Textarea(attrs=_ROWS)
    )


class ReasonsForm(forms.Form):
    text = TextField(
        label="要求申请人说明理由（第三十五条：申请数量、频次明显超过合理范围）",
        max_length=5000,
        widget=forms.Textarea(attrs=_ROWS),
        initial="您申请公开政府信息的数量、频次明显超过合理范围，请说明理由。",
    )


class RefuseExcessiveForm(forms.Form):
    note = TextField(label="答复说明（可选）", required=False, max_length=4000, widget=forms.Textarea(attrs=_ROWS))


class LateReplyForm(forms.Form):
    due_on = forms.DateField(label="延迟答复的合理期限（工作日）", widget=_DATE)
    reason = TextField(label="理由（必填，将告知申请人）", max_length=2000, widget=forms.Textarea(attrs=_ROWS))


class LetterForm(forms.Form):
    text = forms.CharField(
        label="告知书正文（一段一行；审签后不能再修改）",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14, "class": "vLargeTextField"}),
    )


class ProvidedFileForm(forms.Form):
    file = forms.FileField(label="提供的政府信息（PDF、Word .docx 或 Excel .xlsx）")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        attachments.inspect_upload(uploaded)  # a Chinese field error for a disguised or empty file
        return uploaded


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    on = forms.DateField(
        label="送达日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )  # ISO, so that the browser's date box shows today's date it starts with
    tracking_number = forms.CharField(label="邮件号（邮寄时必填）", required=False, max_length=40)
    note = forms.CharField(label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs=_ROWS))
