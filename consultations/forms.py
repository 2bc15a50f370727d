"""Public forms: asking, tracking, rating. Every message is Chinese and says what to do."""

from __future__ import annotations

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing

from documents.models import PolicyDocument

from . import policies
from .models import NATIONAL_TOPIC, QUESTION_MAX, TITLE_MAX, AskerType, EverydayTopic, Message, Rating

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
TRACKING = re.compile(r"^\d{12,16}$")
TOKEN_SALT = "consultations.ask-form"
TOKEN_MAX_AGE = 4 * 3600
QUESTION_MIN = 10


def new_form_token() -> str:
    """A signed (nonce, time the form was shown): the nonce stops double submissions,
    the time lets us refuse forms filled faster than a person can."""
    return signing.dumps({"n": secrets.token_hex(16), "t": time.time()}, salt=TOKEN_SALT)


def _clean_text(value: str) -> str:
    return (value or "").replace("\x00", "").strip()


class AskForm(forms.Form):
    asker_type = forms.ChoiceField(
        label="留言人类型", choices=AskerType.choices, widget=forms.RadioSelect, initial=AskerType.CITIZEN
    )
    enterprise_name = forms.CharField(label="企业或组织名称", max_length=100, required=False)
    asker_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="手机或固定电话，仅用于联系您，不会公开。"
    )
    email = forms.CharField(label="电子邮箱", max_length=254, required=False, help_text="仅用于通知答复，不会公开。")
    everyday_topic = forms.ChoiceField(label="咨询类别", choices=[("", "请选择类别"), *EverydayTopic.choices])
    related_policy = forms.ModelChoiceField(
        label="相关政策（可选）",
        queryset=PolicyDocument.objects.none(),
        required=False,
        empty_label="不指定",
        help_text="列表中是常被咨询的和最近发布的现行有效政策；其他政策请在下一栏按名称或文号查找。",
    )
    related_policy_query = forms.CharField(
        label="查找其他政策（可选）",
        max_length=policies.MAX_QUERY,
        required=False,
        help_text="输入政策名称或文号，如“助餐”或“徐府发〔2022〕25号”；已失效、已废止的政策会注明。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    title = forms.CharField(label="标题", max_length=TITLE_MAX)
    question = forms.CharField(label="留言内容", widget=forms.Textarea(attrs={"rows": 8}), max_length=QUESTION_MAX)
    consent = forms.ChoiceField(
        label="是否同意公开",
        choices=[("yes", "同意在隐去个人信息后公开（留言选登）"), ("no", "不同意公开")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否同意公开您的留言。"},
    )
    # Anti-spam: a field people never see (bots fill it) and the signed time the form was shown.
    website = forms.CharField(label="网址（请留空）", required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any public policy is accepted; the list shows only a few (see policy_choices).
        self.fields["related_policy"].queryset = PolicyDocument.objects.public()
        self.fields["related_policy"].error_messages["invalid_choice"] = "所选政策不存在，请重新选择或选择“不指定”。"
        self.policy_matches: list[policies.PolicyOption] = []
        self.fields["asker_name"].error_messages["required"] = "请填写您的姓名。"
        self.fields["title"].error_messages["required"] = "请填写标题。"
        self.fields["title"].error_messages["max_length"] = f"标题不能超过 {TITLE_MAX} 个字，请精简。"
        self.fields["question"].error_messages["required"] = "请填写留言内容。"
        self.fields["question"].error_messages["max_length"] = (
            f"留言内容不能超过 {QUESTION_MAX} 字（现有 %(show_value)d 字），请精简后再提交。"
        )
        self.fields["everyday_topic"].error_messages["required"] = "请选择咨询类别。"
        self.fields["everyday_topic"].error_messages["invalid_choice"] = "请从列表中选择咨询类别。"
        self.fields["asker_type"].error_messages["invalid_choice"] = "请选择市民、企业或社会组织。"
        self.fields["form_token"].error_messages["required"] = "页面已失效，请刷新页面后重新提交。"
        self.started_at: float | None = None
        self.nonce = ""

    def clean_asker_name(self) -> str:
        value = _clean_text(self.cleaned_data["asker_name"])
        if not value:
            raise forms.ValidationError("请填写您的姓名。", code="required")
        return value

    def clean_enterprise_name(self) -> str:
        return _clean_text(self.cleaned_data["enterprise_name"])

    def clean_phone(self) -> str:
        value = re.sub(r"[\s()（）]", "", _clean_text(self.cleaned_data["phone"]))
        if value.startswith("+86"):
            value = value[3:]
        if value and not (MOBILE.match(value) or LANDLINE.match(value)):
            raise forms.ValidationError(
                "联系电话格式不正确：请填写 11 位手机号码，或带区号的固定电话（如 021-59741234）。", code="invalid"
            )
        return value

    def clean_email(self) -> str:
        value = _clean_text(self.cleaned_data["email"])
        if value:
            try:
                forms.EmailField().clean(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "电子邮箱格式不正确，请检查（例如 name@example.com）。", code="invalid"
                ) from None
        return value

    def clean_title(self) -> str:
        value = _clean_text(self.cleaned_data["title"])
        if len(value) < 4:
            raise forms.ValidationError("标题太短，请用至少 4 个字概括您的问题。", code="min_length")
        return value

    def clean_question(self) -> str:
        value = _clean_text(self.cleaned_data["question"])
        if len(value) < QUESTION_MIN:
            raise forms.ValidationError(f"留言内容太短，请用至少 {QUESTION_MIN} 个字说明您的问题。", code="min_length")
        return value

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("提交未通过校验，请刷新页面后重新填写。", code="honeypot")
        return ""

    def clean_form_token(self) -> str:
        try:
            data = signing.loads(self.cleaned_data["form_token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError("页面停留时间过长，请检查内容后再次提交。", code="expired") from None
        except signing.BadSignature:
            raise forms.ValidationError("页面已失效，请检查内容后再次提交。", code="bad_token") from None
        self.started_at, self.nonce = float(data["t"]), str(data["n"])
        if time.time() - self.started_at < settings.CONSULTATION_MIN_FILL_SECONDS:
            raise forms.ValidationError("提交过快，请核对留言内容后再次提交。", code="too_fast")
        return self.cleaned_data["form_token"]

    def clean_related_policy_query(self) -> str:
        return _clean_text(self.cleaned_data["related_policy_query"])

    def clean(self) -> dict:
        data = super().clean()
        self._resolve_policy(data)
        if data.get("asker_type") in (AskerType.ENTERPRISE, AskerType.ORGANISATION) and not data.get("enterprise_name"):
            self.add_error("enterprise_name", forms.ValidationError("请填写企业或社会组织的名称。", code="required"))
        if "phone" in data and "email" in data and not data["phone"] and not data["email"]:
            self.add_error(
                "phone",
                forms.ValidationError("请至少填写联系电话或电子邮箱中的一项，以便我们联系您。", code="required"),
            )
        return data

    def _resolve_policy(self, data: dict) -> None:
        """Without JavaScript, a typed name or number picks the policy: one match is taken;
        several are offered at the top of the list; none is an error."""
        query = data.get("related_policy_query", "")
        if not query or data.get("related_policy") or "related_policy" in self.errors:
            return
        chosen, self.policy_matches = policies.resolve(query)
        if chosen is not None:
            data["related_policy"] = PolicyDocument.objects.public().filter(pk=chosen.id).first()
            # Shown again (after another field's error) with the policy selected.
            self.data = self.data.copy()
            self.data["related_policy"] = str(chosen.id)
            return
        if self.policy_matches:
            message = (
                f"有 {len(self.policy_matches)} 份政策与“{query}”相符，已列在“相关政策”列表最前面，"
                "请选择一份；也可以清空此栏，不指定政策。"
            )
        else:
            message = f"没有找到与“{query}”相符的政策：请检查名称或文号，或清空此栏，不指定政策。"
        self.add_error("related_policy_query", forms.ValidationError(message, code="policy_not_found"))

    def for_display(self) -> AskForm:
        """The form with its related-policy list filled in, ready to render."""
        self.fields["related_policy"].widget.choices = self.policy_choices()
        return self

    def policy_choices(self) -> list:
        """The options of the related-policy list: a short list, the matches of a typed name,
        and the policy chosen before (so a form shown again keeps it)."""
        groups = policies.short_list()
        shown = {o.id for _, options in groups for o in options}
        if self.policy_matches:
            groups.insert(0, ("与所填名称或文号相符的政策", [o for o in self.policy_matches]))
            shown |= {o.id for o in self.policy_matches}
        chosen = self["related_policy"].value() if self.is_bound else None
        if chosen and str(chosen).isdigit() and int(chosen) not in shown:
            document = PolicyDocument.objects.public().filter(pk=int(chosen)).first()
            if document is not None:
                groups.insert(0, ("您选择的政策", [policies.option_for(document)]))
        return [("", "不指定"), *[(label, [(o.id, o.label) for o in options]) for label, options in groups]]

    def to_message(self) -> Message:
        data = self.cleaned_data
        return Message(
            asker_type=data["asker_type"],
            enterprise_name=data["enterprise_name"] if data["asker_type"] != AskerType.CITIZEN else "",
            asker_name=data["asker_name"],
            phone=data["phone"],
            email=data["email"],
            everyday_topic=data["everyday_topic"],
            topic=NATIONAL_TOPIC[data["everyday_topic"]],
            related_policy=data.get("related_policy"),
            title=data["title"],
            question=data["question"],
            consent_to_publish=data["consent"] == "yes",
        )


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label="查询号", max_length=40)
    query_code = forms.CharField(label="查询码", max_length=40)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracking_number"].error_messages["required"] = "请填写查询号。"
        self.fields["query_code"].error_messages["required"] = "请填写查询码。"

    def clean_tracking_number(self) -> str:
        return re.sub(r"\s", "", _clean_text(self.cleaned_data["tracking_number"]))

    def clean_query_code(self) -> str:
        return re.sub(r"\s", "", _clean_text(self.cleaned_data["query_code"])).upper()


class ResendCodeForm(forms.Form):
    """Ask for a new query code, sent to the e-mail address given with the message."""

    tracking_number = forms.CharField(label="查询号", max_length=40)
    email = forms.CharField(label="留言时填写的电子邮箱", max_length=254)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracking_number"].error_messages["required"] = "请填写查询号。"
        self.fields["email"].error_messages["required"] = "请填写留言时留下的电子邮箱。"

    def clean_tracking_number(self) -> str:
        return re.sub(r"\s", "", _clean_text(self.cleaned_data["tracking_number"]))

    def clean_email(self) -> str:
        value = _clean_text(self.cleaned_data["email"])
        try:
            forms.EmailField().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                "电子邮箱格式不正确，请检查（例如 name@example.com）。", code="invalid"
            ) from None
        return value


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复的评价", choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label="评价意见（可选）", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].error_messages["required"] = "请选择满意、基本满意或不满意。"
        self.fields["rating"].error_messages["invalid_choice"] = "请选择满意、基本满意或不满意。"
        self.fields["comment"].error_messages["max_length"] = "评价意见不能超过 1000 字。"

    def clean_comment(self) -> str:
        return _clean_text(self.cleaned_data["comment"])
