"""Filters of the public interpretation list and the API: tag, organisation, form."""

from __future__ import annotations

import django_filters as filters

from documents.filters import clean_query_data
from documents.models import CatalogTag
from organisations.models import Organisation

from .models import Form, Interpretation


class InterpretationFilter(filters.FilterSet):
    tag = filters.ModelChoiceFilter(
        label="标签", field_name="document__tags", queryset=CatalogTag.objects.all(), to_field_name="slug"
    )
    organisation = filters.ModelChoiceFilter(
        label="解读机关", queryset=Organisation.objects.all(), to_field_name="slug"
    )
    form = filters.ChoiceFilter(label="解读形式", choices=Form.choices)

    class Meta:
        model = Interpretation
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(clean_query_data(data), *args, **kwargs)

    def filter_valid(self):
        """The queryset with the valid filters applied; an invalid value is ignored, never a 500."""
        self.is_valid()
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset
