"""The online application form (Art. 29) and the tracking form. Every message is Chinese
and says what to do; what was typed is kept when the form is shown again."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from xujing_portal import form_guard
from xujing_portal.form_guard import TextField

from . import identifiers, scans
from .models import (
    EXCHANGE_FILES_MAX,
    EXCHANGE_TEXT_MAX,
    ApplicantCategory,
    ApplicantType,
    Application,
    Channel,
    Delivery,
    IdType,
    ProvisionForm,
)

TOKEN_SALT = "applications.online-form"
DESCRIPTION_LIMIT = 2000
PHONE = re.compile(r"^\+?[0-9][0-9-]{6,19}$")
POSTCODE = re.compile(r"^\d{6}$")
NUMBER = re.compile(r"^\d{4}-\d{4,6}$")
ORGANISATION_CATEGORIES = [
    (v, label) for v, label in ApplicantCategory.choices if v != ApplicantCategory.NATURAL_PERSON
]
CITIZEN_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "legal_representative", "contact_person", "applicant_category")
REQUIRED_MESSAGES = {
    "applicant_name": "请填写姓名或名称。",
    "id_type": "请选择证件类型。",
    "id_number": "请填写证件号码。",
    "legal_representative": "请填写法定代表人。",
    "contact_person": "请填写联系人。",
    "applicant_category": "请选择单位类别。",
}


def min_fill_seconds() -> float:
    return getattr(settings, "APPLICATIONS_MIN_FILL_SECONDS", 5)


def new_form_token() -> str:
    return form_guard.new_form_token(TOKEN_SALT)


def _radio(label: str, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


class ApplicationForm(forms.Form):
    applicant_type = _radio("申请人类型", ApplicantType.choices, initial=ApplicantType.CITIZEN)
    applicant_name = TextField(label="姓名或名称", max_length=100, help_text="公民填写姓名；法人或其他组织填写全称。")
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "请选择"), *IdType.choices], required=False)
    id_number = TextField(label="证件号码", max_length=30, required=False)
    credit_code = TextField(label="统一社会信用代码", max_length=30, required=False)
    legal_representative = TextField(label="法定代表人", max_length=50, required=False)
    contact_person = TextField(label="联系人", max_length=50, required=False)
    applicant_category = forms.ChoiceField(
        label="单位类别", choices=[("", "请选择"), *ORGANISATION_CATEGORIES], required=False
    )
    phone = TextField(label="联系电话", max_length=30, required=False, help_text="联系电话和电子邮箱至少填写一项。")
    email = TextField(
        label="电子邮箱", max_length=254, required=False, help_text="填写后，回执和答复通知会发送到此邮箱。"
    )
    postal_address = TextField(label="通信地址", max_length=200, required=False)
    postcode = TextField(label="邮政编码", max_length=10, required=False)
    description = TextField(
        label="所需信息的内容描述",
        max_length=DESCRIPTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请尽量写明信息的名称、文号、形成时间或其他便于查找的特征。",
    )
    information_title = TextField(label="信息名称（如知道）", max_length=200, required=False)
    document_number = TextField(label="文号（如知道）", max_length=60, required=False)
    index_number = TextField(label="索引号（如知道）", max_length=60, required=False)
    provision_form = _radio("信息提供形式", ProvisionForm.choices, initial=ProvisionForm.ELECTRONIC)
    delivery = _radio("获取信息方式", Delivery.choices, initial=Delivery.EMAIL)
    identity_scan = forms.FileField(
        label="身份证明扫描件（可选）",
        required=False,
        help_text="JPEG、PNG 图片或 PDF 文件，不超过 5 MB；仅供工作人员核对身份，不会公开。",
    )
    # Anti-spam: a field people never see (bots fill it) and the signed time the form was shown.
    website = forms.CharField(label="网址（请留空）", required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.nonce = ""
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        self.fields["description"].error_messages.update(
            required="请填写所需信息的内容描述。",
            max_length=f"内容描述不能超过 {DESCRIPTION_LIMIT} 字（现有 %(show_value)d 字），请精简后再提交。",
        )
        for name in ("applicant_type", "provision_form", "delivery", "id_type", "applicant_category"):
            self.fields[name].error_messages["invalid_choice"] = "请从所列选项中选择。"
        self.fields["applicant_type"].error_messages["required"] = "请选择申请人类型。"
        self.fields["provision_form"].error_messages["required"] = "请选择信息提供形式。"
        self.fields["delivery"].error_messages["required"] = "请选择获取信息方式。"
        self.fields["form_token"].error_messages["required"] = "页面已失效，请刷新页面后重新提交。"
        for field in self.fields.values():
            if "max_length" not in field.error_messages and getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"不能超过 {field.max_length} 个字符，请精简。"

    @property
    def is_organisation(self) -> bool:
        return self.data.get("applicant_type") == ApplicantType.ORGANISATION

    def clean_phone(self) -> str:
        value = re.sub(r"[\s()（）]", "", self.cleaned_data["phone"])
        if value and not PHONE.match(value):
            raise ValidationError(
                "联系电话格式不正确：请填写手机号码，或带区号的固定电话（如 021-59741234）。", code="invalid"
            )
        return value

    def clean_email(self) -> str:
        value = self.cleaned_data["email"]
        if value:
            try:
                forms.EmailField().clean(value)
            except ValidationError:
                raise ValidationError("电子邮箱格式不正确，请检查（例如 name@example.com）。", code="invalid") from None
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        if value and not POSTCODE.match(value):
            raise ValidationError("邮政编码应为6位数字，请核对后重新填写。", code="invalid")
        return value

    def clean_identity_scan(self):
        scan = self.cleaned_data.get("identity_scan")
        if scan:
            scans.inspect_identity_scan(scan)
        return scan

    def clean_website(self) -> str:
        return form_guard.refuse_honeypot(self.cleaned_data["website"])

    def clean_form_token(self) -> str:
        value = self.cleaned_data["form_token"]
        self.nonce = form_guard.read_form_token(value, salt=TOKEN_SALT, min_seconds=min_fill_seconds())
        return value

    def clean(self) -> dict:
        data = super().clean()
        if data.get("applicant_type") == ApplicantType.ORGANISATION:
            self._clean_organisation(data)
        else:
            self._clean_citizen(data)
        if "phone" in data and "email" in data and not data["phone"] and not data["email"]:
            self.add_error("phone", ValidationError("请至少填写联系电话或电子邮箱中的一项。", code="required"))
        self._clean_delivery(data)
        return data

    def _require(self, data: dict, names: tuple[str, ...]) -> None:
        for name in names:
            if name in data and not data[name] and name in REQUIRED_MESSAGES:
                self.add_error(name, ValidationError(REQUIRED_MESSAGES[name], code="required"))

    def _clean_citizen(self, data: dict) -> None:
        self._require(data, CITIZEN_FIELDS)
        if data.get("id_type") == IdType.RESIDENT_ID and data.get("id_number"):
            if message := identifiers.resident_id_error(data["id_number"]):
                self.add_error("id_number", ValidationError(message, code="check_digit"))
            else:
                data["id_number"] = identifiers.normalise_resident_id(data["id_number"])

    def _clean_organisation(self, data: dict) -> None:
        self._require(data, ORGANISATION_FIELDS)
        if "credit_code" in data:
            if message := identifiers.credit_code_error(data["credit_code"]):
                self.add_error("credit_code", ValidationError(message, code="check_character"))
            else:
                data["credit_code"] = identifiers.normalise_credit_code(data["credit_code"])

    def _clean_delivery(self, data: dict) -> None:
        if data.get("delivery") == Delivery.EMAIL and "email" in data and not data["email"]:
            self.add_error("email", ValidationError("选择以电子邮件获取信息的，请填写电子邮箱。", code="required"))
        if data.get("delivery") == Delivery.POST:
            if "postal_address" in data and not data["postal_address"]:
                self.add_error("postal_address", ValidationError("选择邮寄的，请填写通信地址。", code="required"))
            if "postcode" in data and not data["postcode"]:
                self.add_error("postcode", ValidationError("选择邮寄的，请填写邮政编码。", code="required"))

    def search_text(self) -> str:
        """What the applicant is looking for, as typed (for the already-disclosed documents)."""
        parts = (self.data.get(name, "") for name in ("information_title", "document_number", "description"))
        return " ".join(form_guard.clean_text(str(part)) for part in parts if part)

    def to_application(self) -> Application:
        data = self.cleaned_data
        organisation = data["applicant_type"] == ApplicantType.ORGANISATION
        own = ORGANISATION_FIELDS if organisation else CITIZEN_FIELDS
        values = {name: data[name] for name in (*CITIZEN_FIELDS, *ORGANISATION_FIELDS) if name in own}
        if not organisation:
            values["applicant_category"] = ApplicantCategory.NATURAL_PERSON
        common = (
            "applicant_type applicant_name phone email postal_address postcode description information_title "
            "document_number index_number provision_form delivery"
        ).split()
        return Application(
            **values,
            **{name: data[name] for name in common},
            identity_scan=data.get("identity_scan") or "",
            channel=Channel.ONLINE,
            submitted_at=timezone.now(),
        )


class TrackForm(forms.Form):
    number = TextField(label="登记编号", max_length=20)
    query_code = TextField(label="查询码", max_length=20)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].error_messages.update(required="请填写登记编号。", max_length="登记编号格式不正确。")
        self.fields["query_code"].error_messages.update(required="请填写查询码。", max_length="查询码格式不正确。")

    def clean_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["number"])

    def clean_query_code(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["query_code"]).upper()


# --- Exchanges (item 25): the applicant's answer and the corrected application -----------


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each checked by content."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ExchangeForm(forms.Form):
    """The applicant's answer to staff's messages, or (``correction``) the corrected
    application while a 补正 is awaited: text and optional files."""

    text = TextField(label="回复内容", max_length=EXCHANGE_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(
        label="附件（可选）",
        required=False,
        help_text=f"JPEG、PNG 图片或 PDF 文件，最多{EXCHANGE_FILES_MAX}个；仅工作人员可见。",
    )

    def __init__(self, *args, correction: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        megabytes = max(1, scans.exchange_file_max_bytes() // (1024 * 1024))
        self.fields[
            "files"
        ].help_text = (
            f"JPEG、PNG 图片或 PDF 文件，每个不超过 {megabytes} MB，最多{EXCHANGE_FILES_MAX}个；仅工作人员可见。"
        )
        if correction:
            self.fields["text"].label = "补正内容（请逐项补正上面列出的事项）"
        self.fields["text"].error_messages.update(
            required="请填写内容。",
            max_length=f"内容不能超过{EXCHANGE_TEXT_MAX}字（现有%(show_value)d字），请精简后再提交。",
        )

    def clean_files(self) -> list:
        files = self.cleaned_data.get("files") or []
        if len(files) > EXCHANGE_FILES_MAX:
            raise ValidationError(f"每次最多上传{EXCHANGE_FILES_MAX}个文件。", code="too_many")
        for uploaded in files:
            scans.inspect_exchange_file(uploaded)
        return files
