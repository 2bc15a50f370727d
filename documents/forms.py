"""Staff forms of the document library: the admin's document and attachment forms,
the workflow comment box and the historical review's batch decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator

from . import numbers, permissions
from .attachments import inspect_upload
from .models import Attachment, CatalogTag, PolicyDocument


class CatalogTagField(forms.ModelMultipleChoiceField):
    """Tags chosen from the managed catalogue only, grouped by dimension (item 1).

    No free text: a value that is not a catalogue tag's id is refused.
    """

    widget = forms.SelectMultiple(attrs={"size": 12, "class": "catalog-tags"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", CatalogTag.objects.select_related("dimension"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "标签")
        kwargs.setdefault(
            "help_text", "只能从标签目录中选择（按住 Ctrl 或 ⌘ 多选）；需要新标签请联系管理员在“标签目录”中添加。"
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "“%(value)s”不是标签目录中的标签，请从列表中选择。",
                "invalid_pk_value": "标签选择无效，请从列表中选择。",
            },
        )
        super().__init__(**kwargs)

    def _grouped_choices(self) -> GroupedTagChoices:
        return GroupedTagChoices(self)

    choices = property(_grouped_choices, forms.ChoiceField.choices.fset)


class GroupedTagChoices(BaseChoiceIterator):
    """(dimension name, [(tag id, tag name), ...]) pairs, read from the database only when rendered."""

    def __init__(self, field: CatalogTagField) -> None:
        self.field = field

    def __iter__(self):
        groups: dict[str, list[tuple[int, str]]] = {}
        for tag in self.field.queryset.order_by("dimension__order", "dimension_id", "order", "id"):
            groups.setdefault(tag.dimension.name, []).append((tag.pk, tag.name))
        yield from groups.items()


class PolicyDocumentAdminForm(forms.ModelForm):
    tags = CatalogTagField()

    class Meta:
        model = PolicyDocument
        fields = [*permissions.CONTENT_FIELDS, *permissions.DISCLOSURE_FIELDS]

    def clean_doc_number(self) -> str:
        value = (self.cleaned_data.get("doc_number") or "").strip()
        if not value:
            return ""
        try:
            return numbers.normalise(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid_doc_number") from exc


class AttachmentForm(forms.ModelForm):
    """An attachment: type checked by content (documents.attachments.inspect_upload)."""

    class Meta:
        model = Attachment
        fields = ["file"]

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or not hasattr(uploaded, "content_type"):
            return uploaded  # unchanged: the file already stored
        inspected = inspect_upload(uploaded)  # raises ValidationError with a Chinese message
        self.instance.kind = inspected.kind
        self.instance.text = inspected.text
        self.instance.size = inspected.size
        self.instance.original_name = (uploaded.name or "附件")[-200:]
        return uploaded


class WorkflowForm(forms.Form):
    comment = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = reason_required
        self.fields["comment"].error_messages["required"] = "请填写理由。"


class WaiverForm(forms.Form):
    reason = forms.CharField(label="豁免理由", max_length=2000, error_messages={"required": "豁免时必须填写理由。"})


class HistoricalDecisionForm(forms.Form):
    """A batch decision of the historical review (item 20) over the ticked documents."""

    documents = forms.ModelMultipleChoiceField(
        queryset=PolicyDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="文件",
        error_messages={
            "required": "请至少勾选一份文件。",
            "invalid_choice": "所选文件不在待审查清单中（可能已被他人处理），请刷新页面后重新选择。",
            "invalid_pk_value": "文件选择无效，请刷新页面后重新选择。",
        },
    )
    to_attribute = forms.ChoiceField(
        label="审查决定",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审查决定。", "invalid_choice": "请从列出的审查决定中选择。"},
    )
    comment = forms.CharField(
        label="说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="维持原公开属性时必须填写理由。",
    )

    def __init__(self, *args: Any, queryset: Any, choices: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = queryset
        self.fields["to_attribute"].choices = list(choices.items())
