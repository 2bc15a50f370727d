"""The document filters, shared by the public list page and the API.

Every filter takes one value from the query string. Values are cleaned
before validation: NUL bytes are removed (PostgreSQL rejects them in
strings) and very long values are cut, so malformed input can only make a
filter invalid, never reach the database as an error.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.http import QueryDict
from django.utils import timezone

from organisations.models import Organisation

from .models import CatalogTag, DocumentType, PolicyDocument, Topic
from .validity import ReaderValidity, current_validity_q

MAX_VALUE_LENGTH = 200

# The reader's validities, with 有效 spelled out as 现行有效 for the filter.
VALIDITY_CHOICES = [
    (ReaderValidity.VALID.value, "现行有效"),
    (ReaderValidity.NOT_YET.value, ReaderValidity.NOT_YET.label),
    (ReaderValidity.EXPIRED.value, ReaderValidity.EXPIRED.label),
    (ReaderValidity.REPEALED.value, ReaderValidity.REPEALED.label),
    (ReaderValidity.AMENDED.value, ReaderValidity.AMENDED.label),
]


def clean_query_data(data: QueryDict | dict | None) -> QueryDict | None:
    """A copy of `data` without NUL bytes and with values cut to a sane length."""
    if data is None:
        return None
    cleaned = QueryDict(mutable=True)
    items = (
        data.lists() if hasattr(data, "lists") else ((k, v if isinstance(v, list) else [v]) for k, v in data.items())
    )
    for key, values in items:
        key = str(key).replace("\x00", "")[:MAX_VALUE_LENGTH]
        cleaned.setlist(key, [str(v).replace("\x00", "").strip()[:MAX_VALUE_LENGTH] for v in values])
    return cleaned


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class PolicyDocumentFilter(filters.FilterSet):
    """Filters on tag, issuing organisation, type, topic, year written and validity."""

    tag = filters.ModelChoiceFilter(
        label="标签",
        field_name="tags",
        queryset=CatalogTag.objects.all(),
        to_field_name="slug",
    )
    organisation = filters.ModelChoiceFilter(
        label="发文机关",
        field_name="issuing_organisation",
        queryset=Organisation.objects.all(),
        to_field_name="slug",
    )
    doc_type = filters.ChoiceFilter(label="文件类型", choices=DocumentType.choices)
    topic = filters.ChoiceFilter(label="主题分类", choices=Topic.choices)
    year = YearFilter(label="成文年份", field_name="written_date", lookup_expr="year", min_value=1949, max_value=2100)
    validity = filters.ChoiceFilter(label="有效性", choices=VALIDITY_CHOICES, method="filter_validity")

    class Meta:
        model = PolicyDocument
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(clean_query_data(data), *args, **kwargs)

    def filter_validity(self, queryset, name: str, value: str):
        if not value:
            return queryset
        today = timezone.localdate()
        if value == ReaderValidity.VALID:
            return queryset.currently_valid(today)
        return queryset.filter(current_validity_q(value, today))

    def filter_except(self, queryset, *, exclude: tuple[str, ...] = (), only: tuple[str, ...] | None = None):
        """Apply the valid filters, leaving some out (used for facet counts).

        Call is_valid() first. Invalid filters are never applied.
        """
        for name, value in self.form.cleaned_data.items():
            if name in exclude or (only is not None and name not in only):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
