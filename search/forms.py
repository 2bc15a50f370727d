from __future__ import annotations

from django import forms

from documents.filters import VALIDITY_CHOICES
from documents.models import CatalogTag, DocumentType, Topic
from organisations.models import Organisation

from .models import Kind


class SearchForm(forms.Form):
    """The state of the search page, all of it in the query string."""

    q = forms.CharField(label="搜索词", required=False, strip=True)
    kind = forms.ChoiceField(label="结果类别", choices=Kind.choices, required=False)
    tag = forms.ModelChoiceField(label="标签", queryset=CatalogTag.objects.all(), to_field_name="slug", required=False)
    organisation = forms.ModelChoiceField(
        label="发文机关", queryset=Organisation.objects.all(), to_field_name="slug", required=False
    )
    doc_type = forms.ChoiceField(label="文件类型", choices=DocumentType.choices, required=False)
    topic = forms.ChoiceField(label="主题分类", choices=Topic.choices, required=False)
    year = forms.IntegerField(label="成文年份", min_value=1949, max_value=2100, required=False)
    validity = forms.ChoiceField(label="有效性", choices=VALIDITY_CHOICES, required=False)
    page = forms.IntegerField(label="页码", min_value=1, max_value=10_000, required=False)

    FILTERS = ("kind", "tag", "organisation", "doc_type", "topic", "year", "validity")

    def valid_data(self) -> dict:
        """Cleaned values of the fields that validated; invalid ones are left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def ignored(self) -> list[str]:
        """Chinese messages for each filter whose value was not understood."""
        return [f"筛选条件“{self.fields[name].label}”的值无效，已忽略。" for name in self.errors]
