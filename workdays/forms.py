from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .arrangement import parse_arrangement

EXAMPLE = """# 每行一项：日期或“起始日期..截止日期”、节日名称、休/班，可加备注
2027-01-01 元旦 休
2027-02-06..2027-02-12 春节 休
2027-02-14 春节 班"""


class ArrangementImportForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2004, max_value=2100)
    source = forms.CharField(
        label="依据", max_length=200, required=False, help_text="例如“国务院办公厅关于2027年部分节假日安排的通知”。"
    )
    text = forms.CharField(
        label="放假和调休安排",
        widget=forms.Textarea(attrs={"rows": 16, "cols": 60, "placeholder": EXAMPLE}),
        help_text="每行一项：日期（或 起始日期..截止日期）、节日名称、“休”或“班”，可加备注；以 # 开头的行忽略。"
        "导入会替换该年已有的全部条目，并把该年标为已确认。",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean(self) -> dict:
        data = super().clean()
        if "year" in data and "text" in data:
            try:
                data["days"] = parse_arrangement(data["text"], data["year"])
            except ValidationError as exc:
                self.add_error("text", exc)
        return data
