from __future__ import annotations

from django import forms

from documents.models import CatalogTag, DocumentType
from organisations.models import Organisation

from .models import Frequency, Kind
from .services import Choice


class TagChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, tag: CatalogTag) -> str:
        return tag.name


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        error_messages={"required": "请填写电子邮箱。", "invalid": "请填写正确的电子邮箱地址，例如 name@example.com。"},
    )
    tags = TagChoiceField(
        label="标签（主题、对象、行业）",
        queryset=CatalogTag.objects.select_related("dimension").order_by(
            "dimension__order", "dimension_id", "order", "id"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选标签不存在。", "invalid_pk_value": "所选标签不存在。"},
    )
    organisations = forms.ModelMultipleChoiceField(
        label="发文机关",
        queryset=Organisation.objects.order_by("order", "id"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选发文机关不存在。", "invalid_pk_value": "所选发文机关不存在。"},
    )
    doc_types = forms.MultipleChoiceField(
        label="文件类型",
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选文件类型不存在。"},
    )
    query = forms.CharField(
        label="关键词",
        max_length=100,
        required=False,
        help_text="标题、文号或摘要中含有这些词（以空格分隔，须全部包含）的文件公开时通知您。",
        error_messages={"max_length": "关键词最多 100 个字。"},
    )
    interpretations = forms.BooleanField(
        label="新发布的政策解读",
        required=False,
        help_text="每发布一篇政策解读（含图解、视频解读和跟踪解读）就通知您。",
    )
    open_for_comment = forms.BooleanField(
        label="公开征求意见的重大行政决策草案",
        required=False,
        help_text="决策草案开始公开征求意见时通知您，附征求意见的截止日期。",
    )
    frequency = forms.ChoiceField(
        label="发送频率",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择发送频率。", "invalid_choice": "请选择发送频率。"},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (
            data.get("tags")
            or data.get("organisations")
            or data.get("doc_types")
            or (data.get("query") or "").strip()
            or data.get("interpretations")
            or data.get("open_for_comment")
        ):
            raise forms.ValidationError(
                "请至少选择一项要订阅的内容：标签、发文机关、文件类型、关键词、政策解读或征求意见。"
            )
        return data

    def choices(self) -> list[Choice]:
        data = self.cleaned_data
        result = [Choice(kind=Kind.TAG, tag_id=tag.pk) for tag in data["tags"]]
        result += [Choice(kind=Kind.ORGANISATION, organisation_id=org.pk) for org in data["organisations"]]
        result += [Choice(kind=Kind.DOC_TYPE, doc_type=value) for value in data["doc_types"]]
        if data["query"].strip():
            result.append(Choice(kind=Kind.QUERY, query=data["query"]))
        if data["interpretations"]:
            result.append(Choice(kind=Kind.INTERPRETATION))
        if data["open_for_comment"]:
            result.append(Choice(kind=Kind.OPEN_FOR_COMMENT))
        return result

    def tag_groups(self):
        """The tag checkboxes grouped by dimension, for the template."""
        groups: dict[str, list] = {}
        dimensions = {tag.pk: tag.dimension.name for tag in self.fields["tags"].queryset}
        for widget in self["tags"]:
            groups.setdefault(dimensions.get(int(str(widget.data["value"])), ""), []).append(widget)
        return list(groups.items())


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices, error_messages={"invalid_choice": "请选择发送频率。"})
