"""Staff forms of the document library: the admin's document and attachment forms,
the workflow comment box and the historical review's batch decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html

from . import numbers, permissions
from .attachments import inspect_upload
from .body_text import BODY_HELP, body_html, looks_like_html, submitted_body_html
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
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "document-body-input"})}
        help_texts = {"body": BODY_HELP}
        error_messages = {
            "issuing_organisation": {
                "required": "请选择发文机关（文件以谁的名义印发）。",
                "invalid_choice": "不能以所选机关的名义发文：请选本机构，或本机构为其起草文件的镇人民政府。",
            }
        }

    def clean_doc_number(self) -> str:
        value = (self.cleaned_data.get("doc_number") or "").strip()
        if not value:
            return ""
        try:
            return numbers.normalise(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid_doc_number") from exc

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.instance.body if self.instance.pk else ""
        if body and not looks_like_html(body):
            # Saved as plain text before the editor: the editor opens it with its layout.
            self.initial["body"] = body_html(body)

    def clean_body(self) -> str:
        """Stored as sanitised HTML; plain text gets its paragraphs and headings (documents.body_text)."""
        return submitted_body_html(self.cleaned_data.get("body"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._check_agency_code(data.get("doc_number"), data.get("issuing_organisation"))
        return data

    def _check_agency_code(self, doc_number: str | None, issuer: Any) -> None:
        """A 徐府发 number under 党政办 is the trap this catches: the number's 机关代字 is
        another organ's, one the user could have chosen as 发文机关."""
        field = self.fields.get("issuing_organisation")
        if not (doc_number and issuer and field is not None and issuer.agency_code):
            return
        agency = numbers.parse(doc_number).agency
        if agency == issuer.agency_code:
            return
        owner = field.queryset.filter(agency_code=agency).first()
        if owner is not None:
            self.add_error(
                "issuing_organisation",
                ValidationError(
                    f"发文字号“{doc_number}”中的机关代字“{agency}”是{owner.name}的代字："
                    f"以{owner.name}名义印发的文件，请把发文机关选为{owner.name}；否则请修改发文字号。",
                    code="agency_code_mismatch",
                ),
            )


class AttachmentFileInput(forms.FileInput):
    """A stored attachment shows its original name, linked to the staff download,
    instead of its random stored path; a file chosen here replaces it."""

    attachment: Attachment | None = None

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        file_input = super().render(name, None, attrs, renderer)
        attachment = self.attachment
        if attachment is None or attachment.pk is None:
            return file_input
        url = reverse("admin:documents_policydocument_attachment", args=[attachment.document_id, attachment.pk])
        input_id = (attrs or {}).get("id", "")
        return format_html(
            '<p class="attachment-current">当前文件：<a href="{}">{}</a></p>'
            '<label class="attachment-replace" for="{}">选择新文件替换：</label>{}',
            url,
            attachment.original_name,
            input_id,
            file_input,
        )


class AttachmentForm(forms.ModelForm):
    """An attachment: type checked by content (documents.attachments.inspect_upload)."""

    class Meta:
        model = Attachment
        fields = ["file"]
        widgets = {"file": AttachmentFileInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attachment = self.instance if self.instance.pk else None

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
